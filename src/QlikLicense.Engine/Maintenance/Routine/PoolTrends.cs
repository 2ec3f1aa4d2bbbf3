using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// Each pool's trend over a site's runs: the straight line that fits the use of the runs best (least squares over
    /// their times), and where it grows, the month it reaches the pool's size. Three runs at least; a pool no run
    /// holds anything of (an access type the license does not offer) is left out.
    /// </summary>
    public static class PoolTrends
    {
        /// <summary>The fewest runs a trend is drawn from.</summary>
        public const int MinimumRuns = 3;

        private const double DaysPerMonth = 365.2425 / 12;

        /// <param name="runs">The site's runs, oldest first (this run last).</param>
        public static PoolTrend[] Of(IReadOnlyList<LicenseHistoryEntry> runs, string? site, IReadOnlyList<LicensePool>? pools = null) =>
            (pools ?? LicensePools.All).Select(pool => Of(pool, runs, site)).OfType<PoolTrend>().ToArray();

        private static PoolTrend? Of(LicensePool pool, IReadOnlyList<LicenseHistoryEntry> runs, string? site)
        {
            var points = runs.Select(run => (run.Time, Figures: pool.Read(run))).Where(point => point.Figures != null)
                .Select(point => (Time: point.Time, InUse: point.Figures!.Value.InUse, Total: point.Figures.Value.Total)).OrderBy(point => point.Time).ToList();
            if (points.Count == 0 || points.All(point => point.InUse == 0 && (point.Total ?? 0) == 0)) return null;

            var last = points[points.Count - 1];
            var trend = new PoolTrend { Site = site, Pool = pool.Name, Unit = pool.Unit, Runs = points.Count, InUse = last.InUse, Total = last.Total };
            if (last.Total is int size && last.InUse >= size)
            {
                trend.Status = PoolTrendStatus.Full;
                trend.Summary = MaintenanceMessages.Trends.Full(pool, last.InUse, size);
                return trend;
            }
            if (points.Count < MinimumRuns)
            {
                trend.Status = PoolTrendStatus.NotEnoughHistory;
                trend.Summary = MaintenanceMessages.Trends.NotEnoughHistory(points.Count, MinimumRuns);
                return trend;
            }

            var perDay = Slope(points.Select(point => ((point.Time - points[0].Time).TotalDays, (double)point.InUse)).ToList());
            trend.ChangePerMonth = Math.Round(perDay * DaysPerMonth, 1);
            if (perDay <= 0 || trend.ChangePerMonth <= 0)
            {
                trend.Status = PoolTrendStatus.NotGrowing;
                trend.Summary = MaintenanceMessages.Trends.NotGrowing(pool, trend.ChangePerMonth.Value);
                return trend;
            }
            trend.Status = PoolTrendStatus.Growing;
            if (last.Total is int total)
            {
                var runsOut = last.Time.AddDays(Math.Min((total - last.InUse) / perDay, 36500));
                trend.RunsOutMonth = new DateTime(runsOut.Year, runsOut.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            }
            trend.Summary = MaintenanceMessages.Trends.Growing(pool, trend.ChangePerMonth.Value, trend.RunsOutMonth);
            return trend;
        }

        /// <summary>The slope of the least-squares line through the points; 0 when they all lie at one time.</summary>
        private static double Slope(IReadOnlyList<(double X, double Y)> points)
        {
            var meanX = points.Average(point => point.X);
            var meanY = points.Average(point => point.Y);
            var spread = points.Sum(point => (point.X - meanX) * (point.X - meanX));
            return spread == 0 ? 0 : points.Sum(point => (point.X - meanX) * (point.Y - meanY)) / spread;
        }
    }
}
