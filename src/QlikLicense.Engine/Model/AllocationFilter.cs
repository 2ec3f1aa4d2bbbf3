using System;

namespace QlikLicense.Model
{
    /// <summary>Which allocations to read: every condition that is set must hold, evaluated by the site.</summary>
    public sealed class AllocationFilter
    {
        /// <summary>Every allocation.</summary>
        public static AllocationFilter All => new AllocationFilter();

        public string? UserId { get; set; }
        public string? UserDirectory { get; set; }

        /// <summary>Only allocations last used before this instant (UTC), or never used.</summary>
        public DateTime? UnusedSinceUtc { get; set; }

        /// <summary>Only allocations last used at or after this instant (UTC); never-used ones are left out.</summary>
        public DateTime? UsedSinceUtc { get; set; }

        /// <summary>Only allocations in quarantine (true) or not (false); null for both.</summary>
        public bool? Quarantined { get; set; }

        /// <summary>
        /// Only allocations whose user matches this user filter (a deleted user matches none), so that a large site sends
        /// only the allocations a clean-up looks at; null for any user. Its <see cref="UserFilter.SiteFilter"/> must be null.
        /// </summary>
        public UserFilter? HeldBy { get; set; }
    }
}
