using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>Who spends a site's analyzer capacity: each person's minutes over a window, most first, from the site's records of use.</summary>
    public static class AnalyzerCapacitySpenders
    {
        /// <summary>The window the routine and Get-QlikAnalyzerCapacityUsage look back over by default: a month of use.</summary>
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

        /// <summary>
        /// Reads the periods of use since <paramref name="sinceUtc"/> and adds them up per person (one request).
        /// Null when the site keeps no analyzer capacity (it does not implement <see cref="ISharedAccessSite"/>).
        /// </summary>
        /// <param name="analyzerSeatMinutes">What an Analyzer seat costs in capacity minutes a month, to mark who would cost less with one; null when unknown.</param>
        public static IReadOnlyList<AnalyzerCapacityUser>? Find(QlikConnection connection, DateTime sinceUtc, int? analyzerSeatMinutes, SiteCall call) =>
            connection.SiteApi is ISharedAccessSite shared
                ? Rank(shared.ReadAnalyzerCapacityUse(sinceUtc, call), sinceUtc, analyzerSeatMinutes, connection)
                : null;

        /// <summary>Each person's minutes (six-minute units per period), their share of all minutes, most first, then by name.</summary>
        public static IReadOnlyList<AnalyzerCapacityUser> Rank(IEnumerable<AnalyzerCapacityUse> uses, DateTime sinceUtc, int? analyzerSeatMinutes, QlikConnection? connection)
        {
            var people = uses.GroupBy(use => (Key: use.UserKey, Name: UserName.Format(use.UserDirectory, use.UserId).ToUpperInvariant()))
                .Select(person =>
                {
                    var first = person.First();
                    return new AnalyzerCapacityUser
                    {
                        UserDirectory = first.UserDirectory ?? string.Empty,
                        UserId = first.UserId ?? string.Empty,
                        UserName = first.UserName,
                        UserKey = first.UserKey,
                        Minutes = person.Sum(use => use.Minutes),
                        Uses = person.Count(),
                        LastUsed = person.Max(use => use.End),
                        Since = sinceUtc,
                        AnalyzerSeatMinutes = analyzerSeatMinutes,
                        Site = connection?.Site,
                        Connection = connection,
                    };
                }).ToList();
            var all = people.Sum(person => (double)person.Minutes);
            foreach (var person in people) person.Share = all == 0 ? 0 : Math.Round(person.Minutes * 100 / all, 1);
            return people.OrderByDescending(person => person.Minutes).ThenBy(person => person.UserIdentity, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
