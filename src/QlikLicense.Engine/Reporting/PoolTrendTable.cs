using System.Globalization;
using System.Text;
using QlikLicense.Model;

namespace QlikLicense.Reporting
{
    /// <summary>The trend section's table of when each pool of the license runs out at the rate of the last runs.</summary>
    internal static class PoolTrendTable
    {
        public static void Append(StringBuilder html, PoolTrend[] trends)
        {
            if (trends.Length == 0) return;
            html.Append("<h3>When the pools run out</h3>");
            HtmlReportWriter.AppendTable(html, trends, string.Empty,
                ("Pool", trend => trend.Pool), ("Runs", trend => HtmlReportWriter.N(trend.Runs)),
                ("In use / total", trend => HtmlReportWriter.N(trend.InUse) + " / " + HtmlReportWriter.N(trend.Total)),
                ("A month", trend => trend.ChangePerMonth?.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) ?? "-"),
                ("Runs out", trend => trend.RunsOutMonth?.ToString("MMMM yyyy", CultureInfo.InvariantCulture) ?? "-"),
                ("Trend", trend => trend.Summary));
        }
    }
}
