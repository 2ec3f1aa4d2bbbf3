using System.Linq;
using System.Text;
using QlikLicense.Model;

namespace QlikLicense.Reporting
{
    /// <summary>
    /// The report's Findings section of a site: the license's end, allocations above the license in the order to
    /// release them, and people holding Professional and Analyzer, each with the command that acts on it.
    /// </summary>
    internal static class FindingsSection
    {
        public static void Append(StringBuilder html, MaintenanceReport report, string idSuffix)
        {
            html.Append("<section id=\"findings").Append(idSuffix).Append("\"><h2>5. More findings</h2>");
            var license = report.Findings.Where(finding => finding.Kind == LicenseFindingKind.LicenseEnd).ToList();
            if (license.Count > 0)
                html.Append("<ul class=\"warnings\">").Append(string.Concat(license.Select(finding => "<li>" + HtmlReportWriter.Encode(finding.Reason) + "</li>"))).Append("</ul>");
            else if (report.License?.EndDate is System.DateTime end)
                html.Append("<p>The license ends on ").Append(HtmlReportWriter.Encode(end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Append(".</p>");
            var allocations = report.Findings.Where(finding => finding.Id != null).ToList();
            HtmlReportWriter.AppendTable(html, allocations, "No allocation above the license and nobody holding both Professional and Analyzer.",
                ("Finding", finding => finding.Kind.ToString()), ("Order", finding => finding.Rank == null ? string.Empty : HtmlReportWriter.N(finding.Rank)),
                ("Type", finding => finding.Type?.ToString()), ("User", finding => finding.UserIdentity), ("Name", finding => finding.UserName),
                ("Last used", finding => finding.LastUsed == null ? "never" : HtmlReportWriter.Date(finding.LastUsed.Value)),
                ("Why", finding => finding.Reason), ("Command", finding => finding.Command));
            html.Append("</section>\n");
        }
    }
}
