using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance
{
    /// <summary>What makes an allocation a candidate for release.</summary>
    public sealed class InactiveCriteria
    {
        public IReadOnlyList<LicenseAccessType> Types { get; set; } = new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        /// <summary>Also offer allocations not used since this instant (UTC); never-used ones count when created before it.</summary>
        public DateTime? UnusedSinceUtc { get; set; }
        public bool IncludeBlocked { get; set; }

        /// <summary>True for a user (directory, user id) that must never be offered (service accounts, admins).</summary>
        public Func<string, string, bool> IsExcluded { get; set; } = (directory, userId) => false;

        /// <summary>Ask QRS (one audit call per access type) which enabled license rules would grant each candidate's access back.</summary>
        public bool CheckRules { get; set; } = true;

        /// <summary>Told when the rule check of an access type failed; discovery goes on without it.</summary>
        public Action<LicenseAccessType, QrsException> RuleCheckFailed { get; set; } = (type, error) => { };
    }

    /// <summary>
    /// Finds the allocations to release in a constant number of requests: one for the inactive users, and per
    /// access type one license rule audit and one streamed read of the non-quarantined allocations, joined here.
    /// Memory holds only the inactive users and the users rules grant, never the whole user list.
    /// </summary>
    public sealed class InactiveLicensedUserFinder
    {
        private readonly QlikConnection connection;

        public InactiveLicensedUserFinder(QlikConnection connection) => this.connection = connection;

        public IEnumerable<InactiveLicensedUser> Find(InactiveCriteria criteria, QrsCall call)
        {
            var inactiveUsersFilter = InactiveUsersFilter(criteria);
            var inactiveUsers = connection.Client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, call, inactiveUsersFilter).ToDictionary(user => user.Id);
            foreach (var type in criteria.Types.Distinct())
            {
                // Candidates that are not inactive (not used since...) can be any user: then the audit covers everyone.
                var grantingRules = criteria.CheckRules ? GrantingRules(type, criteria.UnusedSinceUtc == null ? inactiveUsersFilter : null, criteria, call) : null;
                // Quarantined allocations are on their way out already: never offer them again.
                var filter = AllocationReader.Filter(quarantined: false);
                foreach (var allocation in AllocationReader.Read(connection, type, filter, call))
                {
                    if (allocation.DeletedUser || criteria.IsExcluded(allocation.UserDirectory, allocation.UserId)) continue;
                    var reason = ReasonFor(allocation, inactiveUsers, criteria, out var groups);
                    if (reason == null) continue;
                    var candidate = new InactiveLicensedUser(allocation, reason.Value, groups);
                    if (grantingRules != null && allocation.UserKey is Guid userKey) candidate.GrantingRules = grantingRules[userKey].ToArray();
                    yield return candidate;
                }
            }
        }

        private static QrsFilter InactiveUsersFilter(InactiveCriteria criteria) => criteria.IncludeBlocked
            ? QrsFilter.Or(QrsFilter.Equal("removedExternally", true), QrsFilter.Equal("blacklisted", true))
            : QrsFilter.Equal("removedExternally", true);

        private ILookup<Guid, string> GrantingRules(LicenseAccessType type, QrsFilter userFilter, InactiveCriteria criteria, QrsCall call)
        {
            try
            {
                return LicenseRuleAudit.FindGrantingRulesAsync(connection.Client, type, call, userFilter).GetAwaiter().GetResult();
            }
            catch (QrsException error)
            {
                criteria.RuleCheckFailed(type, error);
                return null;
            }
        }

        private static InactiveReason? ReasonFor(LicenseAllocation allocation, Dictionary<Guid, QlikUser> inactiveUsers, InactiveCriteria criteria, out TextList groups)
        {
            groups = null;
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
