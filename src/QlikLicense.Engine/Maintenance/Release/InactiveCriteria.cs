using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>What makes an allocation a candidate for release.</summary>
    public sealed class InactiveCriteria
    {
        /// <summary>The per-user access types to look at; null for every one the site's licence runs (<see cref="SiteAccessTypes"/>).</summary>
        public IReadOnlyList<LicenseAccessType>? Types { get; set; }

        /// <summary>Also offer allocations not used since this instant (UTC); never-used ones count when created before it.</summary>
        public DateTime? UnusedSinceUtc { get; set; }
        public bool IncludeBlocked { get; set; }

        /// <summary>On a tenant, also offer orphaned assignments (no user in the tenant; they may be in use elsewhere).</summary>
        public bool IncludeOrphaned { get; set; }

        /// <summary>True for a user (directory, user id) that must never be offered (service accounts, admins).</summary>
        public Func<string?, string?, bool> IsExcluded { get; set; } = (directory, userId) => false;

        /// <summary>Users marked in the QMC never to release (tags, custom property values): read from the site, never offered.</summary>
        public UserMarks Marks { get; set; } = UserMarks.None;

        /// <summary>
        /// True for a user (directory, user id) another site on the same license saw since <see cref="UnusedSinceUtc"/>:
        /// then an allocation unused here is not offered for that reason (see <see cref="SharedLicenseUse"/>).
        /// </summary>
        public Func<string?, string?, bool> UsedOnSharedSite { get; set; } = (directory, userId) => false;

        /// <summary>Ask QRS (one audit call per access type) which enabled license rules would grant each candidate's access back.</summary>
        public bool CheckRules { get; set; } = true;

        /// <summary>These criteria for one site of a run, with whom the other sites on its license saw (the criteria of a run are shared, never changed).</summary>
        /// <summary>A copy looking at these access types (those a site's licence runs, in a run over several sites).</summary>
        public InactiveCriteria WithTypes(IReadOnlyList<LicenseAccessType> types)
        {
            var criteria = (InactiveCriteria)MemberwiseClone();
            criteria.Types = types;
            return criteria;
        }

        public InactiveCriteria WithUsedOnSharedSite(Func<string?, string?, bool> usedOnSharedSite)
        {
            var criteria = (InactiveCriteria)MemberwiseClone();
            criteria.UsedOnSharedSite = usedOnSharedSite;
            return criteria;
        }
    }
}
