using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Reporting
{
    /// <summary>
    /// The trend of one site over its last runs (the maintenance history): per access type the seats used against the
    /// seats the license holds, and the users denied a license, as an inline SVG bar chart, with every figure in a
    /// table below it and in the bars' titles, so screen readers and text-only mail readers have them too.
    /// </summary>
    internal static class TrendChart
    {
        private const string UsedColor = "#1565c0";
        private const string TotalColor = "#bbdefb";
        private const string DeniedColor = "#ad1457";
        private const int LabelWidth = 150, SlotWidth = 58, BarWidth = 34, PlotHeight = 80, PanelGap = 34;

        public static void Append(StringBuilder html, MaintenanceReport report, string idSuffix)
        {
            var runs = report.History;
            html.Append("<section id=\"trend").Append(idSuffix).Append("\"><h2>Trend: the last ").Append(runs.Length == 1 ? "run" : N(runs.Length) + " runs").Append("</h2>");
            if (runs.Length == 0)
            {
                html.Append("<p class=\"empty\">This run was not recorded in the maintenance history.</p></section>\n");
                return;
            }
            var types = LicenseAccessTypes.All.Where(type => runs.Any(run => run.SeatsOf(type) != null)).ToArray();
            AppendSvg(html, runs, types, idSuffix);
            HtmlReportWriter.AppendTable(html, runs, string.Empty, Columns(types));
            if (runs[runs.Length - 1].Preview)
                html.Append("<p>The last column is this preview (-WhatIf): it is shown here but not recorded.</p>");
            PoolTrendTable.Append(html, report.Trends);
            if (report.HistoryPath != null)
                html.Append("<p>Maintenance history (<code>Get-QlikLicenseHistory</code>): <code>").Append(HtmlReportWriter.Encode(report.HistoryPath)).Append("</code></p>");
            html.Append("</section>\n");
        }

        private static void AppendSvg(StringBuilder html, IReadOnlyList<LicenseHistoryEntry> runs, IReadOnlyList<LicenseAccessType> types, string idSuffix)
        {
            var panels = types.Count + 1;
            var width = LabelWidth + MaintenanceHistory.ChartedRuns * SlotWidth;
            var legendY = panels * (PlotHeight + PanelGap) + 36;
            var height = legendY + 12;
            var titleId = "trend-title" + idSuffix;
            html.Append("<svg id=\"trend-chart").Append(idSuffix).Append("\" role=\"img\" aria-labelledby=\"").Append(titleId).Append("\" width=\"").Append(width)
                .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\"><title id=\"").Append(titleId)
                .Append("\">Seats used against seats held per access type, and users denied a license, in the last ").Append(N(runs.Count)).Append(" runs</title>");
            for (var panel = 0; panel < types.Count; panel++)
            {
                var type = types[panel];
                var top = panel * (PlotHeight + PanelGap);
                var scale = Math.Max(1, runs.Max(run => run.SeatsOf(type) is LicenseHistorySeats seats ? Math.Max(seats.Total ?? 0, Math.Max(seats.Used ?? 0, seats.Allocated ?? 0)) : 0));
                var unit = type.UnitOf().ToString().ToLowerInvariant();
                AppendPanelLabel(html, top, type + " " + unit, "max " + N(scale));
                for (var index = 0; index < runs.Count; index++)
                {
                    var seats = runs[index].SeatsOf(type);
                    if (seats == null) continue;
                    var when = RunLabel(runs[index]);
                    AppendBar(html, index, top, scale, seats.Total, TotalColor, runs[index].Preview, $"{when}: {type} {N(seats.Total)} {unit} held");
                    AppendBar(html, index, top, scale, seats.Used, UsedColor, runs[index].Preview, $"{when}: {type} {N(seats.Used)} used of {N(seats.Total)}");
                }
            }
            var deniedTop = types.Count * (PlotHeight + PanelGap);
            var deniedScale = Math.Max(1, runs.Max(run => run.DeniedUsers));
            AppendPanelLabel(html, deniedTop, "Denied users", "max " + N(deniedScale));
            for (var index = 0; index < runs.Count; index++)
                AppendBar(html, index, deniedTop, deniedScale, runs[index].DeniedUsers, DeniedColor, runs[index].Preview, RunLabel(runs[index]) + ": " + (runs[index].DeniedUsers == 1 ? "1 user denied" : N(runs[index].DeniedUsers) + " users denied"));

            // The runs' dates once, under the last panel: day and month over the year, so twelve fit side by side.
            for (var index = 0; index < runs.Count; index++)
            {
                var x = F(SlotX(index) + SlotWidth / 2.0);
                html.Append("<text class=\"run\" x=\"").Append(x).Append("\" y=\"").Append(deniedTop + PlotHeight + 14).Append("\" text-anchor=\"middle\">")
                    .Append(runs[index].Time.ToString("d MMM", CultureInfo.InvariantCulture)).Append("<tspan x=\"").Append(x).Append("\" dy=\"13\">")
                    .Append(runs[index].Preview ? "preview" : runs[index].Time.ToString("yyyy", CultureInfo.InvariantCulture)).Append("</tspan></text>");
            }

            var legend = new[] { ("Used", UsedColor), ("Seats held", TotalColor), ("Denied users", DeniedColor) };
            for (var index = 0; index < legend.Length; index++)
                html.Append("<rect x=\"").Append(LabelWidth + index * 150).Append("\" y=\"").Append(legendY - 10).Append("\" width=\"12\" height=\"12\" fill=\"").Append(legend[index].Item2)
                    .Append("\"/><text x=\"").Append(LabelWidth + index * 150 + 16).Append("\" y=\"").Append(legendY).Append("\">").Append(legend[index].Item1).Append("</text>");
            html.Append("</svg>");
        }

        private static void AppendPanelLabel(StringBuilder html, int top, string name, string scale) =>
            html.Append("<text x=\"0\" y=\"").Append(top + 16).Append("\">").Append(HtmlReportWriter.Encode(name)).Append("</text><text class=\"scale\" x=\"0\" y=\"").Append(top + 34)
                .Append("\">").Append(scale).Append("</text><line x1=\"").Append(LabelWidth).Append("\" y1=\"").Append(top + PlotHeight).Append("\" x2=\"")
                .Append(LabelWidth + MaintenanceHistory.ChartedRuns * SlotWidth).Append("\" y2=\"").Append(top + PlotHeight).Append("\" stroke=\"#90a4ae\"/>");

        private static void AppendBar(StringBuilder html, int index, int top, int scale, int? value, string color, bool preview, string title)
        {
            if (value is not int count || count <= 0) return;
            var barHeight = (double)count / scale * PlotHeight;
            html.Append("<rect x=\"").Append(F(SlotX(index) + (SlotWidth - BarWidth) / 2.0)).Append("\" y=\"").Append(F(top + PlotHeight - barHeight)).Append("\" width=\"").Append(BarWidth)
                .Append("\" height=\"").Append(F(barHeight)).Append("\" fill=\"").Append(color).Append('"').Append(preview ? " fill-opacity=\"0.5\"" : string.Empty)
                .Append("><title>").Append(HtmlReportWriter.Encode(title)).Append("</title></rect>");
        }

        private static (string Header, Func<LicenseHistoryEntry, string?> Value)[] Columns(IReadOnlyList<LicenseAccessType> types)
        {
            var columns = new List<(string Header, Func<LicenseHistoryEntry, string?> Value)> { ("Run", RunLabel) };
            foreach (var type in types)
                columns.Add((type + " used / held", run => run.SeatsOf(type) is LicenseHistorySeats seats ? N(seats.Used) + " / " + N(seats.Total) : "-"));
            columns.Add(("Denied users", run => N(run.DeniedUsers)));
            columns.Add(("Released", run => N(run.Released)));
            columns.Add(("Allocated", run => N(run.Allocated)));
            columns.Add(("Changes", run => N(run.Changes)));
            columns.Add(("Problems", run => N(run.Problems)));
            return columns.ToArray();
        }

        private static string RunLabel(LicenseHistoryEntry run) => HtmlReportWriter.Date(run.Time) + (run.Preview ? " (preview, not recorded)" : string.Empty);

        private static int SlotX(int index) => LabelWidth + index * SlotWidth;

        private static string N(int? value) => HtmlReportWriter.N(value);

        private static string F(double value) => HtmlReportWriter.F(value);
    }
}
