using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>
    /// Adds each denied user's repository record and allocations in a few requests however many users were
    /// denied: the users, the allocations of each access type and, when a cause may hang on it, the license; then
    /// refines each cause with what the site says (<see cref="DenialCauses"/>). A filter naming every user is used while it
    /// stays short; beyond that the request asks for the users' directories (or everything) and the answer,
    /// streamed, is joined here, so that no URL grows with the number of users.
    /// </summary>
    public static class DenialEnrichment
    {
        /// <summary>Fills in the users' records; leaves every denial untouched when a request fails (the error propagates).</summary>
        public static void Enrich(QlikConnection connection, IReadOnlyList<LicenseDenial> denials, SiteCall call)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            if (denials == null) throw new ArgumentNullException(nameof(denials));
            if (denials.Count == 0) return;

            var users = ReadUsers(connection, denials, call);
            var allocations = users.Count == 0 ? new Dictionary<Guid, List<LicenseAllocation>>() : ReadAllocations(connection, users.Values, call);
            var license = denials.Any(denial => LicenseDenialCauses.SeatWouldHelp(denial.Cause)) ? ReadLicense(connection, call) : null;

            foreach (var denial in denials)
            {
                denial.Connection = connection;
                if (!users.TryGetValue(Key(denial.UserDirectory, denial.UserId), out var user))
                {
                    denial.Cause = DenialCauses.Refine(denial, known: false, Array.Empty<LicenseAllocation>(), license);
                    continue;
                }
                denial.UserKey = user.Id;
                denial.Name = user.Name;
                denial.Groups = user.Groups ?? Array.Empty<string>();
                denial.Inactive = user.Inactive;
                var held = allocations.TryGetValue(user.Id, out var list) ? list : new List<LicenseAllocation>();
                denial.AllocatedAccessTypes = TypesOf(held, quarantined: false);
                denial.QuarantinedAccessTypes = TypesOf(held, quarantined: true);
                denial.Cause = DenialCauses.Refine(denial, known: true, held, license);
            }
        }

        /// <summary>The site's license, to tell refusals while it was not usable; null when the site cannot say or the request fails (the causes stay as the logs tell them).</summary>
        private static SiteLicense? ReadLicense(QlikConnection connection, SiteCall call)
        {
            if (!(connection.SiteApi is ISiteLicenseReader reader)) return null;
            try
            {
                return reader.ReadLicenseAsync(call).GetAwaiter().GetResult();
            }
            catch (SiteException error)
            {
                call.Trace(MaintenanceMessages.Causes.LicenseUnread(connection.Site, error.Message));
                return null;
            }
        }

        private static Dictionary<string, QlikUser> ReadUsers(QlikConnection connection, IReadOnlyList<LicenseDenial> denials, SiteCall call)
        {
            var names = denials.Select(denial => new UserName(denial.UserDirectory, denial.UserId)).Distinct(UserName.Comparer).ToList();
            var found = new Dictionary<string, QlikUser>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in connection.SiteApi.LookUpUsersAtOnce(names, call))
            {
                var key = Key(user.UserDirectory, user.UserId);
                if (!found.ContainsKey(key)) found.Add(key, user);
            }
            return found;
        }

        private static Dictionary<Guid, List<LicenseAllocation>> ReadAllocations(QlikConnection connection, IEnumerable<QlikUser> users, SiteCall call)
        {
            var ids = users.Select(user => user.Id).Distinct().ToList();
            var held = new Dictionary<Guid, List<LicenseAllocation>>();
            foreach (var type in LicenseAccessTypes.PerUser)
            {
                foreach (var allocation in connection.SiteApi.LookUpAllocationsAtOnce(type, ids, call))
                {
                    // The site answers only allocations of these users, which have keys. (Not `!(... is Guid key)`: a mutant of
                    // that pattern does not compile, and Stryker then drops every mutant of this method.)
                    if (allocation.UserKey == null) continue;
                    var userKey = allocation.UserKey.Value;
                    if (!held.TryGetValue(userKey, out var list)) held.Add(userKey, list = new List<LicenseAllocation>());
                    list.Add(allocation);
                }
            }
            return held;
        }

        private static LicenseAccessType[] TypesOf(IEnumerable<LicenseAllocation> allocations, bool quarantined) =>
            allocations.Where(allocation => allocation.Quarantined == quarantined).Select(allocation => allocation.Type).Distinct().OrderBy(type => type).ToArray();

        private static string Key(string userDirectory, string userId) => userDirectory + "\\" + userId;
    }
}
