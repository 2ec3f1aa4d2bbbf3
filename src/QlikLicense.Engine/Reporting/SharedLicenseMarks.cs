using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Reporting
{
    /// <summary>The run summary's license column and its seat totals, which count a license shared by several sites once.</summary>
    internal static class SharedLicenseMarks
    {
        /// <summary>The license column of a site's row: its serial, and the sites it shares it with.</summary>
        public static string Column(MaintenanceReport report)
        {
            if (report.License == null) return "not read";
            return report.SharesLicenseWith.Length == 0
                ? report.License.ToString()
                : report.License + " (shared with " + string.Join(", ", report.SharesLicenseWith) + ")";
        }

        /// <summary>The seats of the run, under the site table.</summary>
        public static void AppendSeatTotals(StringBuilder html, IReadOnlyList<MaintenanceReport> reports)
        {
            var shared = reports.Any(report => report.SharesLicenseWith.Length > 0);
            html.Append("<p id=\"run-seats\">Seats used / total over the run")
                .Append(shared ? " (a license shared by several sites counted once)" : string.Empty).Append(": ")
                .Append(WebUtility.HtmlEncode(string.Join(", ", SharedLicenses.SeatTotals(reports).Select(seats => $"{seats.Type} {N(seats.Used)} / {N(seats.Total)}"))))
                .Append("</p>");
        }

        private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
    }
}
