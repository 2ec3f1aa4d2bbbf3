using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// Adds each denied user's repository record and allocations in three requests however many users were
    /// denied: the users, then the allocations of each access type. A filter naming every user is used while it
    /// stays short; beyond that the request asks for the users' directories (or everything) and the answer,
    /// streamed, is joined here, so that no URL grows with the number of users.
    /// </summary>
    public static class DenialEnrichment
    {
        /// <summary>Longest URL-encoded filter sent: far below the request-line limits of common servers (16 KB for HTTP.sys).</summary>
        internal const int MaxFilterLength = 4000;

        /// <summary>Fills in the users' records; leaves every denial untouched when a request fails (the error propagates).</summary>
        public static void Enrich(QlikConnection connection, IReadOnlyList<LicenseDenial> denials, QrsCall call)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            if (denials == null) throw new ArgumentNullException(nameof(denials));
            if (denials.Count == 0) return;

            var users = ReadUsers(connection, denials, call);
            var allocations = users.Count == 0 ? new Dictionary<Guid, List<LicenseAllocation>>() : ReadAllocations(connection, users.Values, call);

            foreach (var denial in denials)
            {
                denial.Connection = connection;
                if (!users.TryGetValue(Key(denial.UserDirectory, denial.UserId), out var user)) continue;
                denial.UserKey = user.Id;
                denial.Name = user.Name;
                denial.Groups = user.Groups ?? Array.Empty<string>();
                denial.Inactive = user.Inactive;
                if (!allocations.TryGetValue(user.Id, out var held)) continue;
                denial.AllocatedAccessTypes = TypesOf(held, quarantined: false);
                denial.QuarantinedAccessTypes = TypesOf(held, quarantined: true);
            }
        }

        private static Dictionary<string, QlikUser> ReadUsers(QlikConnection connection, IReadOnlyList<LicenseDenial> denials, QrsCall call)
        {
            var wanted = new Dictionary<string, LicenseDenial>(StringComparer.OrdinalIgnoreCase);
            foreach (var denial in denials)
            {
                var key = Key(denial.UserDirectory, denial.UserId);
                if (!wanted.ContainsKey(key)) wanted.Add(key, denial);
            }

            var filter = FirstShortEnough(
                () => QrsFilter.Or(wanted.Values.Select(denial => QrsFilter.And(
                    QrsFilter.Equal("userDirectory", denial.UserDirectory), QrsFilter.Equal("userId", denial.UserId))).ToArray()),
                () => QrsFilter.AnyOf("userDirectory", wanted.Values.Select(denial => denial.UserDirectory).Distinct(StringComparer.OrdinalIgnoreCase)));

            var found = new Dictionary<string, QlikUser>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in connection.Client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, call, filter))
            {
                var key = Key(user.UserDirectory, user.UserId);
                if (wanted.ContainsKey(key) && !found.ContainsKey(key)) found.Add(key, user);
            }
            return found;
        }

        private static Dictionary<Guid, List<LicenseAllocation>> ReadAllocations(QlikConnection connection, IEnumerable<QlikUser> users, QrsCall call)
        {
            var ids = new HashSet<Guid>(users.Select(user => user.Id));
            var filter = FirstShortEnough(() => QrsFilter.Or(ids.Select(id => QrsFilter.Equal("user.id", id)).ToArray()));

            var held = new Dictionary<Guid, List<LicenseAllocation>>();
            foreach (LicenseAccessType type in Enum.GetValues(typeof(LicenseAccessType)))
            {
                foreach (var allocation in AllocationReader.Read(connection, type, filter, call))
                {
                    if (allocation.UserKey is Guid userKey && ids.Contains(userKey))
                    {
                        if (!held.TryGetValue(userKey, out var list)) held.Add(userKey, list = new List<LicenseAllocation>());
                        list.Add(allocation);
                    }
                }
            }
            return held;
        }

        /// <summary>The first candidate filter short enough to send; null (no filter: read all) when none is.</summary>
        private static QrsFilter FirstShortEnough(params Func<QrsFilter>[] candidates)
        {
            foreach (var candidate in candidates)
            {
                var filter = candidate();
                if (filter != null && filter.ToQueryValue().Length <= MaxFilterLength) return filter;
            }
            return null;
        }

        private static LicenseAccessType[] TypesOf(IEnumerable<LicenseAllocation> allocations, bool quarantined) =>
            allocations.Where(allocation => allocation.Quarantined == quarantined).Select(allocation => allocation.Type).Distinct().OrderBy(type => type).ToArray();

        private static string Key(string userDirectory, string userId) => userDirectory + "\\" + userId;
    }
}
