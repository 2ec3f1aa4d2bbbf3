using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>What the decisions are made from: the findings, and the rules and seats of their site as read once.</summary>
    public sealed class LicenseDecisionFacts
    {
        public string? Site { get; set; }
        public QlikConnection? Connection { get; set; }

        /// <summary>Denials with each user's record and allocations (see <see cref="DenialEnrichment"/>).</summary>
        public IReadOnlyList<LicenseDenial> Denials { get; set; } = Array.Empty<LicenseDenial>();

        /// <summary>Allocations of inactive users, with the enabled rules that grant each back.</summary>
        public IReadOnlyList<InactiveLicensedUser> Inactive { get; set; } = Array.Empty<InactiveLicensedUser>();

        /// <summary>Whether the site assigns licences through license rules (a Qlik Sense site); a tenant has none.</summary>
        public bool HasLicenseRules { get; set; } = true;

        /// <summary>A tenant's automatic assignment switches, which stand where a site has rules; null on a site, or when unreadable.</summary>
        public LicenseAutoAssignment? AutoAssignment { get; set; }

        /// <summary>The site's license rules, enabled and disabled; none on a site without rules.</summary>
        public IReadOnlyList<LicenseRule> Rules { get; set; } = Array.Empty<LicenseRule>();

        /// <summary>User key → the enabled rules that grant the user any access type now.</summary>
        public ILookup<Guid, string> GrantedByRules { get; set; } = Array.Empty<Guid>().ToLookup(key => key, key => string.Empty);

        public IReadOnlyList<LicenseSummary> Seats { get; set; } = Array.Empty<LicenseSummary>();

        /// <summary>The allocations above the license in the order to release them (<see cref="LicenseFindingFinder"/>), for people refused for the excess.</summary>
        public IReadOnlyList<LicenseFinding> Findings { get; set; } = Array.Empty<LicenseFinding>();

        /// <summary>The site's license (whether it is usable, when it ends); null when not read.</summary>
        public SiteLicense? License { get; set; }

        /// <summary>The people who spent analyzer capacity minutes, most first; none on a site without capacity.</summary>
        public IReadOnlyList<AnalyzerCapacityUser> CapacityUsers { get; set; } = Array.Empty<AnalyzerCapacityUser>();
    }
}
