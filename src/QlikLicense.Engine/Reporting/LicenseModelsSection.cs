using System.Globalization;
using System.Linq;
using System.Text;
using QlikLicense.Model;

namespace QlikLicense.Reporting
{
    /// <summary>
    /// The report's Licence models section of a site: which models the site runs, what the run did not cover and why,
    /// the login access groups (run dry, no rule, unused) and the people who spent the most analyzer capacity.
    /// </summary>
    internal static class LicenseModelsSection
    {
        public static void Append(StringBuilder html, MaintenanceReport report, string idSuffix)
        {
            html.Append("<section id=\"models").Append(idSuffix).Append("\"><h2>Licence models</h2><p>");
            html.Append(report.Models.Length == 0
                ? "The licence overview was not read: the models the site runs are unknown."
                : "The site runs: " + HtmlReportWriter.Encode(string.Join(", ", report.Models.Select(Describe))) + ".");
            if (report.AccessTypes.Length > 0)
                html.Append(" Searched for allocations of inactive users: ").Append(HtmlReportWriter.Encode(string.Join(", ", report.AccessTypes))).Append('.');
            html.Append("</p>");
            if (report.NotCovered.Length > 0)
                html.Append("<p><strong>Not covered by this run:</strong></p><ul class=\"warnings\">")
                    .Append(string.Concat(report.NotCovered.Select(item => "<li>" + HtmlReportWriter.Encode(item) + "</li>"))).Append("</ul>");

            if (report.Models.Contains(LicenseModel.Token) && report.Summary.Any(row => row.Type == LicenseAccessType.LoginAccess))
            {
                html.Append("<h3>Login access groups</h3>");
                HtmlReportWriter.AppendTable(html, report.LoginAccessGroups, "The site has no login access group.",
                    ("Group", group => group.Name), ("State", group => group.State.ToString()), ("Tokens", group => N(group.AssignedTokens)),
                    ("Passes", group => N(group.Passes)), ("Used (28 days)", group => N(group.UsedPasses)), ("Left", group => N(group.RemainingPasses)),
                    ("People (28 days)", group => group.People.ToString(CultureInfo.InvariantCulture)),
                    ("Last used", group => group.LastUsed == null ? "not in 28 days" : HtmlReportWriter.Date(group.LastUsed.Value)),
                    ("Rules", group => string.Join(", ", group.EnabledRules)), ("Disabled rules", group => string.Join(", ", group.DisabledRules)));
            }

            if (report.Models.Contains(LicenseModel.AnalyzerCapacity))
            {
                html.Append("<h3>Analyzer capacity: who spent the most minutes in the last 30 days</h3>");
                HtmlReportWriter.AppendTable(html, report.CapacityUsers, "Nobody used analyzer capacity in the last 30 days.",
                    ("User", person => person.UserIdentity), ("Name", person => person.UserName), ("Minutes", person => N(person.Minutes)),
                    ("Share", person => person.Share.ToString("0.#", CultureInfo.InvariantCulture) + " %"), ("Uses", person => N(person.Uses)),
                    ("Last used", person => person.LastUsed == null ? string.Empty : HtmlReportWriter.Date(person.LastUsed.Value)),
                    ("A seat costs less", person => person.CostsMoreThanSeat == null ? "seat price not given" : person.CostsMoreThanSeat.Value ? "yes" : "no"));
            }
            html.Append("</section>\n");
        }

        /// <summary>What QlikLicense does about an access type, for the summary table.</summary>
        internal static string Handling(LicenseHandling handling) => handling switch
        {
            LicenseHandling.ReleaseAndAllocate => "released and allocated per person",
            LicenseHandling.ReportUse => "use reported",
            _ => "not handled: check it where the site is managed",
        };

        private static string Describe(LicenseModel model) => model switch
        {
            LicenseModel.UserBased => "Professional and Analyzer users",
            LicenseModel.Token => "tokens (user access and login access passes)",
            _ => "analyzer capacity (minutes)",
        };

        private static string N(int? value) => HtmlReportWriter.N(value);
    }
}
