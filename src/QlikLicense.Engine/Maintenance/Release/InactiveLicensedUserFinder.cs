using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Finds the allocations to release in a constant number of requests: one for the inactive users, one per mark of
    /// users never to release, and per access type one license rule audit and one streamed read of the
    /// non-quarantined allocations, joined here (and, when no access type is named, one read of the licence overview
    /// to know which the site runs). Unless unused allocations or orphans are wanted too, the site sends only the
    /// allocations of inactive users, so a large site's answer is its candidates rather than every allocation.
    /// Memory holds only the inactive users and the users rules grant, never the whole user list.
    /// </summary>
    public sealed class InactiveLicensedUserFinder
    {
        private readonly QlikConnection connection;
        private readonly IOperationHost host;

        /// <param name="host">Told when the rule check of an access type fails (discovery goes on without it).</param>
        public InactiveLicensedUserFinder(QlikConnection connection, IOperationHost host)
        {
            this.connection = connection;
            this.host = host;
        }

        public IEnumerable<InactiveLicensedUser> Find(InactiveCriteria criteria, SiteCall call)
        {
            var marked = MarkedUsers.Read(connection, criteria.Marks, call);
            var inactiveUsersFilter = new UserFilter { RemovedFromDirectoryOnly = true, IncludeBlocked = criteria.IncludeBlocked };
            var inactiveUsers = connection.SiteApi.ReadUsers(inactiveUsersFilter, call).ToDictionary(user => user.Id);
            foreach (var type in SiteAccessTypes.PerUser(connection, criteria.Types, call).Distinct())
            {
                // Candidates that are not inactive (not used since...) can be any user: then the audit covers everyone.
                var grantingRules = criteria.CheckRules ? GrantingRules(type, criteria.UnusedSinceUtc == null ? inactiveUsersFilter : null, call) : null;
                // Quarantined allocations are on their way out already: never offer them again. Any allocation may be unused,
                // and an orphan has no user to match: then all of them are read.
                var allocations = new AllocationFilter
                {
                    Quarantined = false,
                    HeldBy = criteria.UnusedSinceUtc == null && !criteria.IncludeOrphaned ? inactiveUsersFilter : null,
                };
                foreach (var allocation in connection.SiteApi.ReadAllocations(type, allocations, call))
                {
                    // Without -IncludeOrphaned, an allocation whose user is gone is never offered: on a tenant it may be in use elsewhere.
                    if ((allocation.DeletedUser && !criteria.IncludeOrphaned) || criteria.IsExcluded(allocation.UserDirectory, allocation.UserId)) continue;
                    if (allocation.UserKey is Guid key && marked.Contains(key)) continue;
                    var reason = ReasonFor(allocation, inactiveUsers, criteria, out var groups);
                    if (reason == null) continue;
                    if (reason == InactiveReason.NotUsedSince && criteria.UsedOnSharedSite(allocation.UserDirectory, allocation.UserId))
                    {
                        call.Trace(MaintenanceMessages.SharedUse.KeptUsedElsewhere(allocation));
                        continue;
                    }
                    var candidate = new InactiveLicensedUser(allocation, reason.Value, groups);
                    if (grantingRules != null && allocation.UserKey is Guid userKey) candidate.GrantingRules = grantingRules[userKey].ToArray();
                    yield return candidate;
                }
            }
        }

        private ILookup<Guid, string>? GrantingRules(LicenseAccessType type, UserFilter? userFilter, SiteCall call)
        {
            try
            {
                return GrantingRuleFinder.FindAsync(connection, type, userFilter, call).GetAwaiter().GetResult();
            }
            catch (SiteException error)
            {
                host.Problem(RuleWarnings.CheckFailed(type, error));
                return null;
            }
        }

        private static InactiveReason? ReasonFor(LicenseAllocation allocation, Dictionary<Guid, QlikUser> inactiveUsers, InactiveCriteria criteria, out TextList? groups)
        {
            groups = null;
            if (allocation.DeletedUser) return InactiveReason.Orphaned;
            if (allocation.UserKey != null && inactiveUsers.TryGetValue(allocation.UserKey.Value, out var user))
            {
                groups = user.Groups;
                if (user.RemovedExternally) return InactiveReason.RemovedFromDirectory;
                if (user.Blocked) return InactiveReason.Blocked;
            }
            if (criteria.UnusedSinceUtc is DateTime cutoff)
            {
                var lastActivity = allocation.LastUsed ?? allocation.CreatedDate;
                if (lastActivity != null && lastActivity.Value < cutoff) return InactiveReason.NotUsedSince;
            }
            return null;
        }
    }
}
