using System;
using System.Globalization;

namespace QlikLicense.Model
{
    /// <summary>
    /// One row of a site's licence: the seats, tokens or minutes of one access type, as /qrs/license/accesstypeoverview
    /// reports them. Qlik marks that endpoint experimental, so every count may be missing (null) rather than guessed.
    /// Token rows (user access, login access) share the licence's tokens: both show the same <see cref="Total"/> and
    /// <see cref="Available"/>.
    /// </summary>
    public sealed class LicenseSummary
    {
        public LicenseAccessType Type { get; set; }

        /// <summary>The licence model the row belongs to.</summary>
        public LicenseModel Model => Type.ModelOf();

        /// <summary>What the counts count: seats, tokens or minutes.</summary>
        public LicenseUnit Unit => Type.UnitOf();

        /// <summary>Whether the license offers this access type; null when the answer does not say.</summary>
        public bool? Enabled { get; set; }

        /// <summary>Seats the license holds; the licence's tokens; the minutes of the month.</summary>
        public int? Total { get; set; }

        /// <summary>Seats held by users (not counting quarantined ones); tokens allocated to passes or login groups.</summary>
        public int? Allocated { get; set; }

        /// <summary>Allocated seats used at least once; tokens of passes used; minutes used this month.</summary>
        public int? Used { get; set; }

        /// <summary>Seats or user access tokens in the 7-day quarantine after a release: not free until it ends.</summary>
        public int? Quarantined { get; set; }

        /// <summary>Login access tokens whose passes are used and not yet back (28 days); minutes not available (unconfirmed meaning).</summary>
        public int? Unavailable { get; set; }

        /// <summary>Seats free to allocate now; the licence's tokens not allocated; minutes left this month.</summary>
        public int? Available { get; set; }

        /// <summary>Allocations beyond the license's seats (signed license keys).</summary>
        public int? Excess { get; set; }

        /// <summary>Tokens one pass costs (a user access pass, a login access pass); null for seats and minutes.</summary>
        public double? TokenCost { get; set; }

        /// <summary>What QlikLicense does about this access type on this site.</summary>
        public LicenseHandling Handling { get; set; }

        public string? Site { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} {3} available", Type, Show(Available), Show(Total), Unit.ToString().ToLowerInvariant());

        private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
