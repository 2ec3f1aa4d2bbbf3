using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// For a run over several sites that finds allocations unused for some days: sites on one license (the same serial
    /// or signed key) share their seats, so a person counts as unused only when none of those sites saw them since.
    /// Before the routines start, each site's license is read, and on each site sharing one with another, the
    /// allocations used since the cutoff (one request per access type); a person is then matched by directory and
    /// user id on the other sites.
    /// </summary>
    public static class SharedLicenseUse
    {
        /// <summary>
        /// Per site, the test for <see cref="InactiveCriteria.UsedOnSharedSite"/>: true for a person another site of the
        /// same license saw since <paramref name="sinceUtc"/>. A site whose license cannot be read counts on its own
        /// (warned); when a sharing site's use cannot be read, every person counts as seen there (warned), so that no
        /// seat is released on a guess.
        /// </summary>
        public static IReadOnlyDictionary<QlikConnection, Func<string?, string?, bool>> Read(
            IReadOnlyList<QlikConnection> sites, IReadOnlyList<LicenseAccessType> types, DateTime sinceUtc, IOperationHost host, SiteCall call)
        {
            var licenses = new List<(QlikConnection Site, SiteLicense License)>();
            foreach (var site in sites.Distinct())
            {
                // Not a pattern: Stryker's removal of its negation leaves `reader` unassigned and drops every mutant of the method.
                var reader = site.SiteApi as ISiteLicenseReader;
                if (reader == null) continue;
                try
                {
                    licenses.Add((site, reader.ReadLicenseAsync(call).GetAwaiter().GetResult()));
                }
                catch (SiteException error)
                {
                    host.Warning(MaintenanceMessages.SharedUse.LicenseUnread(site.Site, error.Message));
                }
            }

            var seen = new Dictionary<QlikConnection, ISet<string>?>();
            var tests = new Dictionary<QlikConnection, Func<string?, string?, bool>>();
            foreach (var (site, license) in licenses)
            {
                var sharing = licenses.Where(other => other.Site != site && license.IsSameAs(other.License)).Select(other => other.Site).ToList();
                if (sharing.Count == 0) continue;
                var others = sharing.Select(other => (Site: other, Users: Seen(other, types, sinceUtc, seen, host, call))).ToList();
                tests[site] = (directory, userId) => others.Any(other => other.Users == null || other.Users.Contains(Key(directory, userId)));
                host.Verbose(MaintenanceMessages.SharedUse.Checking(site.Site, sharing.Select(other => other.Site).ToList()));
            }
            return tests;
        }

        /// <summary>The people a site saw since the cutoff; null when that cannot be read.</summary>
        private static ISet<string>? Seen(QlikConnection site, IReadOnlyList<LicenseAccessType> types, DateTime sinceUtc,
            Dictionary<QlikConnection, ISet<string>?> seen, IOperationHost host, SiteCall call)
        {
            if (seen.TryGetValue(site, out var known)) return known;
            ISet<string>? users = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                foreach (var type in types.Distinct())
                    foreach (var allocation in site.SiteApi.ReadAllocations(type, new AllocationFilter { UsedSinceUtc = sinceUtc }, call))
                        // Confirmed here too: a site that cannot filter on the last use answers every allocation.
                        if (allocation.LastUsed is DateTime used && used >= sinceUtc) users.Add(Key(allocation.UserDirectory, allocation.UserId));
            }
            catch (SiteException error)
            {
                host.Warning(MaintenanceMessages.SharedUse.UseUnread(site.Site, error.Message));
                users = null;
            }
            seen[site] = users;
            return users;
        }

        private static string Key(string? directory, string? userId) => (directory ?? string.Empty) + "\\" + (userId ?? string.Empty);
    }
}
