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
        };

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
