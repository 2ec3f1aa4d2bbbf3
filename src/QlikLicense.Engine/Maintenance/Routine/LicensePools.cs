using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>One pool of a license as a series of the maintenance history: what one run says is taken of it and its size.</summary>
    public sealed class LicensePool
    {
        public LicensePool(string name, string unit, Func<LicenseHistoryEntry, (int InUse, int? Total)?> read)
        {
            Name = name;
            Unit = unit;
            Read = read;
        }

        public string Name { get; }
        public string Unit { get; }

        /// <summary>The pool's figures in one run; null when the run did not read them.</summary>
        public Func<LicenseHistoryEntry, (int InUse, int? Total)?> Read { get; }
    }

    /// <summary>
    /// The pools whose trend the report shows, each a series of the history. A new pool (tokens, capacity minutes)
    /// plugs in as one more entry reading its own figures from the history.
    /// </summary>
    public static class LicensePools
    {
        public static readonly IReadOnlyList<LicensePool> All = new[]
        {
            Seats(LicenseAccessType.Professional),
            Seats(LicenseAccessType.Analyzer),
            Tokens(),
            Minutes(),
        };

        /// <summary>
        /// A token licence's tokens, shared by user access passes and login access groups: taken are those not available
        /// (passes held or in quarantine, tokens given to groups), out of the licence's tokens.
        /// </summary>
        private static LicensePool Tokens() => new LicensePool("Tokens", "tokens", run =>
        {
            var tokens = run.SeatsOf(LicenseAccessType.UserAccess) ?? run.SeatsOf(LicenseAccessType.LoginAccess);
            if (tokens?.Total is int total && tokens.Available is int available) return (Math.Max(0, total - available), total);
            return null;
        });

        /// <summary>Analyzer capacity: the minutes of the month used when the run ran, out of the month's minutes.</summary>
        private static LicensePool Minutes() => new LicensePool("Analyzer capacity minutes", "minutes", run =>
            run.SeatsOf(LicenseAccessType.AnalyzerCapacity) is LicenseHistorySeats minutes && minutes.Used is int used ? (used, minutes.Total) : ((int, int?)?)null);

        /// <summary>Seats taken are those not available (held or in quarantine); without the available count, those held and quarantined.</summary>
        private static LicensePool Seats(LicenseAccessType type) => new LicensePool(type + " seats", "seats", run =>
        {
            if (!(run.SeatsOf(type) is LicenseHistorySeats seats)) return null;
            if (seats.Total is int total && seats.Available is int available) return (Math.Max(0, total - available), total);
            if (seats.Allocated is int allocated) return (allocated + (seats.Quarantined ?? 0), seats.Total);
            return null;
        });
    }
}
