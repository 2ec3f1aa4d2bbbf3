using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

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
    }

    /// <summary>
    /// Finds the allocations to release in a constant number of requests: one for the inactive users and one
    /// streamed read of the non-quarantined allocations per access type, joined here. Memory holds only the
    /// inactive users, never the whole user list.
    /// </summary>
    public sealed class InactiveLicensedUserFinder
    {
        private readonly QlikConnection connection;

        public InactiveLicensedUserFinder(QlikConnection connection) => this.connection = connection;

        public IEnumerable<InactiveLicensedUser> Find(InactiveCriteria criteria, QrsCall call)
        {
            var inactiveUsers = ReadInactiveUsers(criteria, call);
            foreach (var type in criteria.Types.Distinct())
            {
                // Quarantined allocations are on their way out already: never offer them again.
                var filter = AllocationReader.Filter(quarantined: false);
                foreach (var allocation in AllocationReader.Read(connection, type, filter, call))
                {
                    if (allocation.DeletedUser || criteria.IsExcluded(allocation.UserDirectory, allocation.UserId)) continue;
                    var reason = ReasonFor(allocation, inactiveUsers, criteria, out var groups);
                    if (reason != null) yield return new InactiveLicensedUser(allocation, reason.Value, groups);
                }
            }
        }

        private Dictionary<Guid, QlikUser> ReadInactiveUsers(InactiveCriteria criteria, QrsCall call)
        {
            var filter = criteria.IncludeBlocked
                ? QrsFilter.Or(QrsFilter.Equal("removedExternally", true), QrsFilter.Equal("blacklisted", true))
                : QrsFilter.Equal("removedExternally", true);
            return connection.Client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, call, filter).ToDictionary(user => user.Id);
        }

        private static InactiveReason? ReasonFor(LicenseAllocation allocation, Dictionary<Guid, QlikUser> inactiveUsers, InactiveCriteria criteria, out string[] groups)
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
