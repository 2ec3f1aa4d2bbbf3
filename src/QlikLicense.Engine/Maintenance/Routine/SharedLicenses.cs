using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// Sites of one run that share a license (the same serial or signed key, from GET /qrs/license): each report names
    /// the others, and the run's seat totals count that license once.
    /// </summary>
    public static class SharedLicenses
    {
        /// <summary>Sets <see cref="MaintenanceReport.SharesLicenseWith"/> of every report, in the order the sites ran.</summary>
        public static void Mark(IReadOnlyList<MaintenanceReport> reports)
        {
            foreach (var report in reports)
                report.SharesLicenseWith = report.License is SiteLicense license
                    ? reports.Where(other => other != report && other.License != null && license.IsSameAs(other.License)).Select(other => other.Site ?? string.Empty).ToArray()
                    : new string[0];
        }

        /// <summary>
        /// Seats, tokens and minutes per access type over the run: a license shared by several sites counts once, with the figures of
        /// the first of them that reports seats; a site whose license is unknown counts on its own.
        /// </summary>
        public static IReadOnlyList<LicenseSummary> SeatTotals(IReadOnlyList<MaintenanceReport> reports)
        {
            var counted = new List<MaintenanceReport>();
            foreach (var report in reports.Where(report => report.Summary.Length > 0))
                if (report.License == null || !counted.Any(earlier => earlier.License != null && report.License.IsSameAs(earlier.License)))
                    counted.Add(report);
            return LicenseAccessTypes.All.Where(type => counted.Any(report => report.Summary.Any(row => row.Type == type))).Select(type =>
            {
                var rows = counted.SelectMany(report => report.Summary).Where(row => row.Type == type).ToList();
                return new LicenseSummary
                {
                    Type = type,
                    Handling = rows.First().Handling,
                    Total = Sum(rows.Select(row => row.Total)),
                    Allocated = Sum(rows.Select(row => row.Allocated)),
                    Used = Sum(rows.Select(row => row.Used)),
                    Quarantined = Sum(rows.Select(row => row.Quarantined)),
                    Unavailable = Sum(rows.Select(row => row.Unavailable)),
                    Available = Sum(rows.Select(row => row.Available)),
                    Excess = Sum(rows.Select(row => row.Excess)),
                };
            }).ToList();
        }

        /// <summary>Null when no site gave the figure, so a missing count is not shown as 0.</summary>
        private static int? Sum(IEnumerable<int?> values)
        {
            var known = values.Where(value => value != null).ToList();
            return known.Count == 0 ? (int?)null : known.Sum(value => value!.Value);
        }
    }
}
