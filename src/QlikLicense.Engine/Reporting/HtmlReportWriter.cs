using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Reporting
{
    /// <summary>
    /// Writes the monthly report as one self-contained HTML file: inline CSS and an inline SVG chart, no scripts,
    /// fonts or other files, so it can be mailed or archived as it is.
    /// </summary>
    public static class HtmlReportWriter
    {
        private const string DateFormat = "yyyy-MM-dd HH:mm 'UTC'";

        private static readonly (string Name, string Color)[] SeatParts =
        {
            ("Used", "#2e7d32"), ("Allocated, not used", "#81c784"), ("Quarantined or unavailable", "#f9a825"), ("Available", "#cfd8dc"),
        };

        public static void Write(MaintenanceReport report, string path) => Write(new[] { report }, path);

        /// <summary>One file for a run: with several sites, a summary table first, then a section per site.</summary>
        public static void Write(IReadOnlyList<MaintenanceReport> reports, string path)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            // With a byte order mark: Windows PowerShell 5.1's Get-Content reads files without one as ANSI.
            File.WriteAllText(path, Render(reports), new UTF8Encoding(true));
        }

        /// <summary>
        /// The report of a routine run (<see cref="Maintenance.Routine.MaintenanceRun"/>): written to <paramref name="path"/>
        /// (a file-system path) and named in each site's report; a file that cannot be written is a problem, and the run's
        /// reports stand.
        /// </summary>
        public static void WriteRun(IReadOnlyList<MaintenanceReport> reports, string path, IOperationHost host)
        {
            if (reports.Count == 0) return;
            try
            {
                Write(reports, path);
                foreach (var report in reports) report.ReportPath = path;
                host.Verbose($"Report: {path}");
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                host.Problem(new OperationProblem(ProblemKind.ReportNotWritable, error, path));
            }
        }

        public static string Render(MaintenanceReport report) => Render(new[] { report });

        public static string Render(IReadOnlyList<MaintenanceReport> reports)
        {
            var html = new StringBuilder();
            var title = string.Join(", ", reports.Select(report => report.Site));
            html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .Append("<title>Qlik Sense license maintenance - ").Append(Encode(title)).Append("</title>")
                .Append("<style>").Append(Css).Append("</style></head><body>\n");
            if (reports.Count == 1)
            {
                AppendSite(html, reports[0], "h1", string.Empty);
            }
            else
            {
                html.Append("<header><h1>Qlik Sense license maintenance</h1><p>").Append(reports.Count).Append(" sites &middot; ")
                    .Append(Date(reports.Min(report => report.GeneratedAt))).Append("</p></header>\n");
                AppendRunSummary(html, reports);
                for (var index = 0; index < reports.Count; index++)
                {
                    html.Append("<section class=\"site\" id=\"site-").Append(index + 1).Append("\">");
                    AppendSite(html, reports[index], "h2", "-" + (index + 1).ToString(CultureInfo.InvariantCulture));
                    html.Append("</section>\n");
                }
            }
            html.Append("</body></html>\n");
            return html.ToString();
        }

        /// <summary>The run at a glance: one row per site.</summary>
        private static void AppendRunSummary(StringBuilder html, IReadOnlyList<MaintenanceReport> reports)
        {
            html.Append("<section id=\"run-summary\"><h2>Sites</h2>");
            AppendTable(html, reports, string.Empty,
                ("Site", report => report.Site),
                ("License Monitor / tenant licence", report => report.LicenseMonitor == null ? "not checked"
                    : report.LicenseMonitor.Checked != LicenseMonitorStatus.SiteCheck ? (report.LicenseMonitor.IsOperational ? "licence in order" : "licence not in order")
                    : report.LicenseMonitor.IsOperational ? "operational" : "not operational"),
                ("Seats used / total", report => string.Join(", ", report.Summary.Select(seats => $"{seats.Type} {N(seats.Used)} / {N(seats.Total)}"))),
                ("To release", report => report.Candidates.Length.ToString(CultureInfo.InvariantCulture)),
                ("Denied users", report => report.Denials.Length.ToString(CultureInfo.InvariantCulture)),
                ("Changes", report => report.Changes.Length.ToString(CultureInfo.InvariantCulture)),
                ("Problems", report => report.Problems.Length.ToString(CultureInfo.InvariantCulture)),
                ("License", SharedLicenseMarks.Column));
            SharedLicenseMarks.AppendSeatTotals(html, reports);
            html.Append("</section>\n");
        }

        /// <summary>One site's report; <paramref name="idSuffix"/> keeps element ids unique when the file has several sites.</summary>
        private static void AppendSite(StringBuilder html, MaintenanceReport report, string heading, string idSuffix)
        {
            html.Append("<header><").Append(heading).Append(">").Append(heading == "h1" ? "Qlik Sense license maintenance" : Encode(report.Site)).Append("</").Append(heading).Append("><p>")
                .Append(Encode(report.Site)).Append(report.ServerVersion == null ? string.Empty : " (Qlik Sense " + Encode(report.ServerVersion) + ")")
                .Append(" &middot; ").Append(Date(report.GeneratedAt)).Append(" &middot; QlikLicense ").Append(Encode(report.ModuleVersion))
                .Append(report.WhatIf ? " &middot; <strong>preview (-WhatIf): nothing was changed</strong>" : string.Empty)
                .Append("</p></header>\n");

            if (report.Problems.Length > 0)
                html.Append("<section class=\"problems\"><h2>Steps that did not run</h2><ul>")
                    .Append(string.Concat(report.Problems.Select(problem => "<li>" + Encode(problem) + "</li>"))).Append("</ul></section>\n");

            AppendMonitor(html, report.LicenseMonitor, idSuffix);
            AppendSummary(html, report.Summary, idSuffix);
            LicenseModelsSection.Append(html, report, idSuffix);
            TrendChart.Append(html, report, idSuffix);

            html.Append("<section id=\"candidates").Append(idSuffix).Append("\"><h2>2. Allocations to release</h2>");
            AppendTable(html, report.Candidates, "No allocation of an inactive user was found.",
                ("Type", c => c.Type.ToString()), ("User", c => c.UserIdentity), ("Name", c => c.UserName), ("Reason", c => c.Reason.ToString()),
                ("Last used", c => c.LastUsed == null ? "never" : Date(c.LastUsed.Value)), ("Groups", c => string.Join(", ", c.Groups)),
                ("Rule grants it back", c => string.Join(", ", c.GrantingRules)));
            if (report.RuleWarnings.Length > 0)
                html.Append("<ul class=\"warnings\">").Append(string.Concat(report.RuleWarnings.Select(warning => "<li>" + Encode(warning) + "</li>"))).Append("</ul>");
            html.Append("</section>\n");

            html.Append("<section id=\"denials").Append(idSuffix).Append("\"><h2>3. Users denied a license")
                .Append(report.DeniedSince == null ? string.Empty : " since " + Date(report.DeniedSince.Value)).Append("</h2>");
            AppendTable(html, report.Denials, "Nobody was denied a license in the logs that were read.",
                ("User", d => d.UserIdentity), ("Name", d => d.Name), ("Groups", d => string.Join(", ", d.Groups)), ("Denials", d => d.Count.ToString(CultureInfo.InvariantCulture)),
                ("Cause", d => d.Cause.ToString()),
                ("First", d => Date(d.FirstDenied)), ("Last", d => Date(d.LastDenied)),
                ("Already allocated", d => string.Join(", ", d.AllocatedAccessTypes)), ("Inactive", d => d.Inactive == true ? "yes" : d.Inactive == false ? "no" : "not in the repository"));
            html.Append("</section>\n");
            SuggestionsSection.Append(html, report, idSuffix);
            FindingsSection.Append(html, report, idSuffix);

            html.Append("<section id=\"changes").Append(idSuffix).Append("\"><h2>Changes</h2>");
            AppendTable(html, report.Changes, report.WhatIf ? "Preview only: nothing was changed." : "Nothing was changed.",
                ("Outcome", c => c.Outcome.ToString()), ("Type", c => c.Type.ToString()), ("User", c => c.UserIdentity), ("Name", c => c.UserName),
                ("Quarantine ends", c => c.QuarantineEnd == null ? string.Empty : Date(c.QuarantineEnd.Value)), ("Message", c => c.Message),
                ("Undo with", c => UndoCommand.For(c) ?? "nothing to undo"));
            if (report.JournalPath != null)
                html.Append("<p>Journal of this site's changes (<code>Get-QlikLicenseJournal</code>; <code>Undo-QlikLicenseChange</code> takes them back): <code>")
                    .Append(Encode(report.JournalPath)).Append("</code></p>");
            html.Append("</section>\n");
        }

        private static void AppendMonitor(StringBuilder html, LicenseMonitorStatus? monitor, string idSuffix)
        {
            html.Append("<section id=\"monitor").Append(idSuffix).Append("\"><h2>1. ").Append(Encode(monitor?.Checked ?? LicenseMonitorStatus.SiteCheck)).Append("</h2>");
            if (monitor == null)
            {
                html.Append("<p>Not checked.</p></section>\n");
                return;
            }
            if (monitor.Checked != LicenseMonitorStatus.SiteCheck)
            {
                // A tenant has no License Monitor app: what was read is its licence status and overview.
                html.Append("<p><span class=\"badge ").Append(monitor.IsOperational ? "ok\">In order" : "bad\">Not in order").Append("</span> ")
                    .Append(Encode(monitor.IsOperational ? string.Empty : monitor.Reason)).Append("</p>");
                if (monitor.Remark != null) html.Append("<p>").Append(Encode(monitor.Remark)).Append("</p>");
                html.Append("<p>Licence overview updated: ").Append(monitor.LastReloadTime == null ? "not said" : Date(monitor.LastReloadTime.Value)).Append("</p></section>\n");
                return;
            }
            html.Append("<p><span class=\"badge ").Append(monitor.IsOperational ? "ok\">Operational" : "bad\">Not operational").Append("</span> ")
                .Append(Encode(monitor.IsOperational ? string.Empty : monitor.Reason)).Append("</p><p>Last reload: ")
                .Append(monitor.LastReloadTime == null ? "never" : Date(monitor.LastReloadTime.Value))
                .Append(" &middot; last task result: ").Append(Encode(monitor.LastTaskStatus?.ToString() ?? "none"))
                .Append(" &middot; next run: ").Append(monitor.NextExecution == null ? "not scheduled" : Date(monitor.NextExecution.Value)).Append("</p></section>\n");
        }

        private static void AppendSummary(StringBuilder html, LicenseSummary[] summary, string idSuffix)
        {
            html.Append("<section id=\"summary").Append(idSuffix).Append("\"><h2>Seats, tokens and minutes</h2>");
            if (summary.Length == 0)
            {
                html.Append("<p>No license summary.</p></section>\n");
                return;
            }
            // One chart per unit: seats, tokens and minutes do not share a scale.
            foreach (var unit in summary.GroupBy(row => row.Unit).OrderBy(group => group.Key))
                AppendBars(html, unit.ToArray(), ChartId(unit.Key) + idSuffix, "Per access type: " + unit.Key.ToString().ToLowerInvariant());
            AppendTable(html, summary, string.Empty,
                ("Type", s => s.Type.ToString()), ("Unit", s => s.Unit.ToString()), ("Total", s => N(s.Total)), ("Allocated", s => N(s.Allocated)), ("Used", s => N(s.Used)),
                ("Quarantined", s => N(s.Quarantined)), ("Unavailable", s => N(s.Unavailable)), ("Available", s => N(s.Available)), ("Excess", s => N(s.Excess)),
                ("Tokens per pass", s => s.TokenCost?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty), ("QlikLicense", s => LicenseModelsSection.Handling(s.Handling)));
            html.Append("</section>\n");
        }

        private static string ChartId(LicenseUnit unit) => unit == LicenseUnit.Seats ? "seat-chart" : unit == LicenseUnit.Tokens ? "token-chart" : "minute-chart";

        private static void AppendBars(StringBuilder html, LicenseSummary[] summary, string id, string label)
        {
            const int width = 640, barHeight = 28, labelWidth = 130, gap = 14;
            var scale = Math.Max(1, summary.Max(row => Math.Max(row.Total ?? 0, (row.Allocated ?? row.Used ?? 0) + (row.Quarantined ?? 0) + (row.Unavailable ?? 0) + (row.Available ?? 0))));
            var height = summary.Length * (barHeight + gap) + 30;
            html.Append("<svg id=\"").Append(id).Append("\" role=\"img\" aria-label=\"").Append(Encode(label)).Append("\" width=\"").Append(width + labelWidth).Append("\" height=\"").Append(height)
                .Append("\" viewBox=\"0 0 ").Append(width + labelWidth).Append(' ').Append(height).Append("\">");
            for (var index = 0; index < summary.Length; index++)
            {
                var row = summary[index];
                var y = index * (barHeight + gap);
                html.Append("<text x=\"0\" y=\"").Append(y + barHeight * 0.7).Append("\">").Append(row.Type).Append("</text>");
                var x = (double)labelWidth;
                foreach (var (name, color, value) in Parts(row))
                {
                    var segment = (double)value / scale * width;
                    if (segment <= 0) continue;
                    html.Append("<rect x=\"").Append(F(x)).Append("\" y=\"").Append(y).Append("\" width=\"").Append(F(segment)).Append("\" height=\"").Append(barHeight)
                        .Append("\" fill=\"").Append(color).Append("\"><title>").Append(row.Type).Append(": ").Append(name).Append(' ').Append(value).Append("</title></rect>");
                    x += segment;
                }
            }
            var legendY = summary.Length * (barHeight + gap) + 14;
            for (var index = 0; index < SeatParts.Length; index++)
                html.Append("<rect x=\"").Append(labelWidth + index * 150).Append("\" y=\"").Append(legendY - 10).Append("\" width=\"12\" height=\"12\" fill=\"").Append(SeatParts[index].Color)
                    .Append("\"/><text x=\"").Append(labelWidth + index * 150 + 16).Append("\" y=\"").Append(legendY).Append("\">").Append(SeatParts[index].Name).Append("</text>");
            html.Append("</svg>");
        }

        private static IEnumerable<(string Name, string Color, int Value)> Parts(LicenseSummary row)
        {
            var used = row.Used ?? 0;
            var values = new[] { used, Math.Max(0, (row.Allocated ?? 0) - used), (row.Quarantined ?? 0) + (row.Unavailable ?? 0), row.Available ?? 0 };
            return SeatParts.Select((part, index) => (part.Name, part.Color, values[index]));
        }

        internal static void AppendTable<T>(StringBuilder html, IReadOnlyCollection<T> rows, string empty, params (string Header, Func<T, string?> Value)[] columns)
        {
            if (rows.Count == 0)
            {
                if (empty.Length > 0) html.Append("<p class=\"empty\">").Append(Encode(empty)).Append("</p>");
                return;
            }
            html.Append("<table><thead><tr>").Append(string.Concat(columns.Select(column => "<th>" + Encode(column.Header) + "</th>"))).Append("</tr></thead><tbody>");
            foreach (var row in rows)
                html.Append("<tr>").Append(string.Concat(columns.Select(column => "<td>" + Encode(column.Value(row)) + "</td>"))).Append("</tr>");
            html.Append("</tbody></table>");
        }

        internal static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

        internal static string Date(DateTime value) => QlikDates.ToUtc(value).ToString(DateFormat, CultureInfo.InvariantCulture);

        internal static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

        internal static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        private const string Css =
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#222;max-width:72rem}" +
            "h1{font-size:1.6rem;margin:0}header p{color:#555}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem;margin-top:2rem}" +
            "table{border-collapse:collapse;width:100%;font-size:.9rem;margin-top:.5rem}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #eee}" +
            "th{background:#f5f5f5}.badge{padding:.15rem .6rem;border-radius:.8rem;color:#fff;font-weight:600}.ok{background:#2e7d32}.bad{background:#c62828}" +
            ".warnings li,.problems li{color:#8a4b00}.empty{color:#666;font-style:italic}svg text{font-size:13px;fill:#333}svg text.run,svg text.scale{font-size:11px;fill:#555}code{background:#f5f5f5;padding:0 .2rem}";
    }
}
