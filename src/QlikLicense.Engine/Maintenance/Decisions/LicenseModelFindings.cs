using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>
    /// The routine's look at a site's licence models beyond per-user allocations: which models the site runs, login
    /// access groups run dry or unused, who spends analyzer capacity, and what the run did not cover, so that a model
    /// the module cannot act on is reported as such, never as "nothing to do".
    /// </summary>
    internal static class LicenseModelFindings
    {
        /// <summary>The spenders of analyzer capacity the report lists.</summary>
        public const int TopSpenders = 10;

        /// <summary>Fills the report's models, login access groups, capacity spenders and what was not covered; returns every capacity spender, for the decisions.</summary>
        public static IReadOnlyList<AnalyzerCapacityUser> Find(QlikConnection connection, MaintenanceReport report, int? analyzerSeatMinutes, IOperationHost host, DateTime nowUtc, SiteCall call)
        {
            var runs = report.Summary.Where(row => row.Enabled == true).ToList();
            report.Models = runs.Select(row => row.Model).Distinct().OrderBy(model => model).ToArray();
            var notCovered = new List<string>(report.NotCovered);
            // No type searched at all means the search failed, which the report's problems say.
            if (report.AccessTypes.Length > 0)
                foreach (var type in runs.Select(row => row.Type).Where(type => type.IsPerUser() && !report.AccessTypes.Contains(type)))
                    notCovered.Add(MaintenanceMessages.Models.TypeNotSearched(type, report.AccessTypes));
            foreach (var row in runs.Where(row => row.Handling == LicenseHandling.NotHandled))
                notCovered.Add(MaintenanceMessages.Models.NotHandled(row.Type, connection.Site));

            var shared = connection.SiteApi as ISharedAccessSite;
            IReadOnlyList<AnalyzerCapacityUser> spenders = Array.Empty<AnalyzerCapacityUser>();
            foreach (var row in runs.Where(row => !row.Type.IsPerUser() && row.Handling != LicenseHandling.NotHandled))
            {
                if (shared == null)
                {
                    notCovered.Add(MaintenanceMessages.Models.NotHandled(row.Type, connection.Site));
                    continue;
                }
                if (row.Type == LicenseAccessType.LoginAccess)
                {
                    report.LoginAccessGroups = shared.ReadLoginAccessGroups(nowUtc - LoginAccessGroup.PassReturn, call).ToArray();
                    foreach (var group in report.LoginAccessGroups.Where(group => group.State != LoginAccessState.InUse))
                        host.Warning(MaintenanceMessages.Models.LoginGroupFinding(group));
                }
                else if (row.Type == LicenseAccessType.AnalyzerCapacity)
                {
                    spenders = AnalyzerCapacitySpenders.Find(connection, nowUtc - AnalyzerCapacitySpenders.DefaultWindow, analyzerSeatMinutes, call) ?? spenders;
                    report.CapacityUsers = spenders.Take(TopSpenders).ToArray();
                }
            }
            report.NotCovered = notCovered.ToArray();
            return spenders;
        }
    }
}
