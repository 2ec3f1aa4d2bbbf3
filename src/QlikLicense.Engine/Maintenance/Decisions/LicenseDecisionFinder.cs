using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>
    /// Reads what the decisions need from the site in a few requests however many findings: the license rules, one
    /// license rule audit per access type for the denied users, the seats (unless given) and, for the analyzer capacity
    /// decision, the capacity use (unless given), then makes them.
    /// A site without license rules gets decisions without rules. A request that fails throws its QrsException.
    /// </summary>
    public static class LicenseDecisionFinder
    {
        /// <param name="capacityUsers">The people who spent analyzer capacity; null to read them (the last 30 days) when a seat's price in minutes is given and the site runs capacity.</param>
        public static LicenseDecisions Find(QlikConnection connection, IReadOnlyList<LicenseDenial> denials, IReadOnlyList<InactiveLicensedUser> inactive,
            LicenseDecisionOptions options, SiteCall call, IReadOnlyList<LicenseSummary>? seats = null, SiteLicense? license = null,
            IReadOnlyList<LicenseFinding>? findings = null, IReadOnlyList<AnalyzerCapacityUser>? capacityUsers = null)
        {
            var facts = new LicenseDecisionFacts
            {
                Site = connection.Site,
                Connection = connection,
                Denials = denials,
                Inactive = inactive,
                Seats = seats ?? connection.SiteApi.ReadSummaryAsync(call).GetAwaiter().GetResult().ToList(),
                // Read only to word the advice for people refused while the license was not usable.
                License = license ?? (denials.Any(denial => denial.Cause == LicenseDenialCause.LicenseNotAvailable) && connection.SiteApi is ISiteLicenseReader reader
                    ? reader.ReadLicenseAsync(call).GetAwaiter().GetResult() : null),
            };
            // Read only to name what to release for people refused for an excess.
            facts.Findings = findings ?? (denials.Any(denial => denial.Cause == LicenseDenialCause.ExcessAssignment)
                ? LicenseFindingFinder.Find(connection, new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.ExcessAllocation } }, DateTime.UtcNow, call, facts.Seats)
                : Array.Empty<LicenseFinding>());
            facts.CapacityUsers = capacityUsers ?? (options.AnalyzerSeatMinutes != null && facts.Seats.Any(row => row.Type == LicenseAccessType.AnalyzerCapacity && row.Enabled == true)
                ? AnalyzerCapacitySpenders.Find(connection, DateTime.UtcNow - AnalyzerCapacitySpenders.DefaultWindow, options.AnalyzerSeatMinutes, call)
                : null) ?? Array.Empty<AnalyzerCapacityUser>();
            if (connection.SiteApi is ILicenseRuleSite rules)
            {
                facts.Rules = rules.ListRules(null, call).ToList();
                facts.GrantedByRules = GrantedByRules(rules, denials, LicenseAccessTypes.PerUserRunBy(facts.Seats), call);
            }
            else
            {
                facts.HasLicenseRules = false;
                if (connection.SiteApi is IAutoAssignmentSite automatic && denials.Count > 0) facts.AutoAssignment = ReadAutoAssignment(automatic, call);
            }
            return LicenseDecisions.Make(facts, options);
        }

        /// <summary>The switches, or null when the tenant does not say (a capacity-based tenant has none): the findings then say so.</summary>
        private static LicenseAutoAssignment? ReadAutoAssignment(IAutoAssignmentSite site, SiteCall call)
        {
            try
            {
                return site.ReadAutoAssignmentAsync(call).GetAwaiter().GetResult();
            }
            catch (SiteException)
            {
                return null;
            }
        }

        /// <summary>The enabled rules granting each denied user without a license any access type the site runs: one audit per type, of those users only.</summary>
        private static ILookup<Guid, string> GrantedByRules(ILicenseRuleSite rules, IReadOnlyList<LicenseDenial> denials, IReadOnlyList<LicenseAccessType> types, SiteCall call)
        {
            var keys = denials.Where(denial => denial.AllocatedAccessTypes.Count == 0).Select(denial => denial.UserKey).OfType<Guid>().Distinct().ToList();
            if (keys.Count == 0) return Array.Empty<Guid>().ToLookup(key => key, key => string.Empty);
            var granted = new List<(Guid User, string Rule)>();
            foreach (var type in types)
            {
                var lookup = rules.FindGrantingRulesAsync(type, new UserFilter { Keys = keys }, call).GetAwaiter().GetResult();
                granted.AddRange(lookup.SelectMany(user => user.Select(rule => (user.Key, rule))));
            }
            return granted.ToLookup(pair => pair.User, pair => pair.Rule);
        }
    }
}
