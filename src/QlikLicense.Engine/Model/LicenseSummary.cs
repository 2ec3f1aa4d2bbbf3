using System;
using System.Collections.Generic;
using System.Globalization;

namespace QlikLicense.Model
{
    /// <summary>
    /// The seats of one access type, as /qrs/license/accesstypeoverview reports them. Qlik marks that endpoint
    /// experimental, so every count may be missing (null) rather than guessed.
    /// </summary>
    public sealed class LicenseSummary
    {
        /// <summary>The per-user access types whose seats a site counts.</summary>
        public static readonly IReadOnlyList<LicenseAccessType> AllTypes = new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        public LicenseAccessType Type { get; set; }

        /// <summary>Whether the license offers this access type; null when the answer does not say.</summary>
        public bool? Enabled { get; set; }

        /// <summary>Seats the license holds.</summary>
        public int? Total { get; set; }

        /// <summary>Seats held by users (not counting quarantined ones).</summary>
        public int? Allocated { get; set; }

        /// <summary>Allocated seats used at least once.</summary>
        public int? Used { get; set; }

        /// <summary>Seats in the 7-day quarantine after a release: not free until it ends.</summary>
        public int? Quarantined { get; set; }

        /// <summary>Seats free to allocate now.</summary>
        public int? Available { get; set; }

        /// <summary>Allocations beyond the license's seats (signed license keys).</summary>
        public int? Excess { get; set; }

        public string? Site { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} available", Type, Show(Available), Show(Total));

        private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
