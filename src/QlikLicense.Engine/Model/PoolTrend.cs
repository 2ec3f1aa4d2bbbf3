using System;

namespace QlikLicense.Model
{
    /// <summary>Where a pool of the license is heading, from the maintenance history.</summary>
    public enum PoolTrendStatus
    {
        /// <summary>Fewer than three runs gave the pool's figures: no trend yet.</summary>
        NotEnoughHistory,

        /// <summary>Use stays level or shrinks.</summary>
        NotGrowing,

        /// <summary>Use grows; <see cref="PoolTrend.RunsOutMonth"/> says when the pool runs out at that rate (null when its size is unknown).</summary>
        Growing,

        /// <summary>Nothing is left in the pool now.</summary>
        Full,
    }

    /// <summary>
    /// The trend of one pool of the license (Professional seats, Analyzer seats; further pools plug in as further
    /// series of the history) over a site's last runs, and the month it runs out at the rate seen.
    /// </summary>
    public sealed class PoolTrend
    {
        public string? Site { get; set; }

        /// <summary>The pool, e.g. "Professional seats".</summary>
        public string Pool { get; set; } = string.Empty;

        /// <summary>What the pool counts, e.g. "seats".</summary>
        public string Unit { get; set; } = string.Empty;

        /// <summary>Runs that gave the pool's figures (the trend needs three).</summary>
        public int Runs { get; set; }

        /// <summary>Taken at the last run (held by people, or in quarantine); null when unknown.</summary>
        public int? InUse { get; set; }

        /// <summary>The pool's size at the last run; null when unknown.</summary>
        public int? Total { get; set; }

        /// <summary>How much use grows a month (least squares over the runs); null without enough history.</summary>
        public double? ChangePerMonth { get; set; }

        /// <summary>The month (its first day, UTC) the pool runs out at the rate seen; null unless <see cref="Status"/> is Growing with a known size.</summary>
        public DateTime? RunsOutMonth { get; set; }

        public PoolTrendStatus Status { get; set; }

        /// <summary>The trend in plain words, as the report shows it.</summary>
        public string Summary { get; set; } = string.Empty;

        public override string ToString() => Pool + ": " + Summary;
    }
}
