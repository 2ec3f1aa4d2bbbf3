using System.Globalization;
using System.Text;
using QlikLicense.Model;

namespace QlikLicense.Reporting
{
    /// <summary>
    /// The report's Decisions section of a site: the denied users by directory group (the rules naming each and why its
    /// members were denied), then each suggestion with the command that carries it out.
    /// </summary>
    internal static class SuggestionsSection
    {
        /// <summary>The colour of the suggestions' kind badges; the rendering test looks for it.</summary>
        private const string BadgeColor = "#1565c0";

        public static void Append(StringBuilder html, MaintenanceReport report, string idSuffix)
        {
            html.Append("<section id=\"decisions").Append(idSuffix).Append("\"><h2>4. Decisions</h2>");
            HtmlReportWriter.AppendTable(html, report.DeniedGroups, "No denied user the site knows, so no group to decide on.",
                ("Group", group => group.Group ?? "(no group)"), ("Denied", group => N(group.Denied)), ("Hold a license now", group => N(group.Licensed)),
                ("Inactive", group => N(group.Inactive)), ("Enabled rules naming it", group => string.Join(", ", group.EnabledRules)),
                ("Disabled rules naming it", group => string.Join(", ", group.DisabledRules)), ("Why they were denied", group => group.Finding));
            if (report.Suggestions.Length == 0)
            {
                html.Append("<p class=\"empty\">Nothing to decide: no suggestion.</p></section>\n");
                return;
            }
            html.Append("<table class=\"suggestions\"><thead><tr><th>Suggestion</th><th>About</th><th>Why</th><th>Command</th></tr></thead><tbody>");
            foreach (var suggestion in report.Suggestions)
                html.Append("<tr><td><span class=\"badge\" style=\"background:").Append(BadgeColor).Append("\">").Append(HtmlReportWriter.Encode(suggestion.Kind.ToString()))
                    .Append("</span></td><td>").Append(HtmlReportWriter.Encode(suggestion.Subject)).Append("</td><td>").Append(HtmlReportWriter.Encode(suggestion.Reason))
                    .Append("</td><td>").Append(suggestion.Command.Length == 0 ? "advice only: no command does it" : "<code>" + HtmlReportWriter.Encode(suggestion.Command) + "</code>").Append("</td></tr>");
            html.Append("</tbody></table><p>Each suggestion is also in the pipeline: <code>(Invoke-QlikLicenseMaintenance -PassThru).Suggestions</code>, ")
                .Append("or <code>Get-QlikLicenseSuggestion</code> with denials and inactive users piped in.</p></section>\n");
        }

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
