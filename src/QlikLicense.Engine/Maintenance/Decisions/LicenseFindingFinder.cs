using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>
    /// The monthly check's findings beyond inactive users and denials, in a constant number of requests: the seats,
    /// the inactive users, the users marked never to release, the allocations of each type, and the license.
    /// <list type="bullet">
    /// <item>Allocations above the license (the seats' <c>excess</c>, or allocations QRS marks so): as many as are over,
    /// in the order to release them: the Analyzer allocations of people who hold Professional too, then inactive
    /// users', then the longest unused (never used first), QRS's own marks breaking ties.</item>
    /// <item>People holding both Professional and Analyzer: their Analyzer allocation.</item>
    /// <item>The license's end: expired or not usable now, or ending within the warning days.</item>
    /// </list>
    /// Users left out (-Exclude, QMC marks) are never named for release.
    /// </summary>
    public static class LicenseFindingFinder
    {
        public static IReadOnlyList<LicenseFinding> Find(QlikConnection connection, LicenseFindingOptions options, DateTime nowUtc, SiteCall call,
            IReadOnlyList<LicenseSummary>? seats = null, SiteLicense? license = null)
        {
            var findings = new List<LicenseFinding>();
            var kinds = new HashSet<LicenseFindingKind>(options.Kinds);
            if (kinds.Contains(LicenseFindingKind.ExcessAllocation) || kinds.Contains(LicenseFindingKind.ProfessionalAndAnalyzer))
                findings.AddRange(AllocationFindings(connection, options, kinds, call, seats));
            if (kinds.Contains(LicenseFindingKind.LicenseEnd)
                && (license ?? (connection.SiteApi is ISiteLicenseReader reader ? reader.ReadLicenseAsync(call).GetAwaiter().GetResult() : null)) is SiteLicense read
                && LicenseEnd(connection, read, options.WarningDays, nowUtc) is LicenseFinding end)
                findings.Add(end);
            return findings;
        }

        /// <summary>The seats an allocation can be above the licence in (a user access pass has no excess), and that one person can hold both of.</summary>
        private static readonly LicenseAccessType[] SeatTypes = { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        private static IEnumerable<LicenseFinding> AllocationFindings(QlikConnection connection, LicenseFindingOptions options, ISet<LicenseFindingKind> kinds,
            SiteCall call, IReadOnlyList<LicenseSummary>? seats)
        {
            var marked = MarkedUsers.Read(connection, options.Marks, call);
            var inactive = new HashSet<Guid>(connection.SiteApi.ReadUsers(new UserFilter { RemovedFromDirectoryOnly = true, IncludeBlocked = true }, call).Select(user => user.Id));
            var held = SeatTypes.ToDictionary(type => type, type => connection.SiteApi.ReadAllocations(type, new AllocationFilter { Quarantined = false }, call)
                .Where(allocation => !allocation.DeletedUser && !options.IsExcluded(allocation.UserDirectory, allocation.UserId)
                    && !(allocation.UserKey is Guid key && marked.Contains(key)))
                .ToList());
            var professionals = new HashSet<Guid>(held[LicenseAccessType.Professional].Select(allocation => allocation.UserKey).OfType<Guid>());
            bool HoldsProfessionalToo(LicenseAllocation allocation) =>
                allocation.Type == LicenseAccessType.Analyzer && allocation.UserKey is Guid key && professionals.Contains(key);
            bool IsInactive(LicenseAllocation allocation) => allocation.UserKey is Guid key && inactive.Contains(key);

            if (kinds.Contains(LicenseFindingKind.ExcessAllocation))
            {
                seats ??= connection.SiteApi.ReadSummaryAsync(call).GetAwaiter().GetResult();
                foreach (var type in SeatTypes)
                {
                    var over = Math.Max(seats.FirstOrDefault(row => row.Type == type)?.Excess ?? 0, held[type].Count(allocation => allocation.Excess));
                    if (over == 0) continue;
                    var order = held[type]
                        .OrderByDescending(HoldsProfessionalToo)
                        .ThenByDescending(IsInactive)
                        .ThenBy(allocation => allocation.LastUsed ?? DateTime.MinValue)
                        .ThenByDescending(allocation => allocation.Excess)
                        .ThenBy(allocation => allocation.UserIdentity, StringComparer.OrdinalIgnoreCase)
                        .Take(over).ToList();
                    for (var index = 0; index < order.Count; index++)
                    {
                        var allocation = order[index];
                        var why = HoldsProfessionalToo(allocation) ? MaintenanceMessages.Findings.WhyFirst.HoldsProfessional
                            : IsInactive(allocation) ? MaintenanceMessages.Findings.WhyFirst.Inactive
                            : MaintenanceMessages.Findings.WhyFirst.LeastUsed;
                        yield return Allocation(connection, LicenseFindingKind.ExcessAllocation, allocation, IsInactive(allocation), index + 1,
                            MaintenanceMessages.Findings.Excess(type, over, index + 1, why, allocation.LastUsed));
                    }
                }
            }

            if (kinds.Contains(LicenseFindingKind.ProfessionalAndAnalyzer))
            {
                foreach (var allocation in held[LicenseAccessType.Analyzer].Where(HoldsProfessionalToo).OrderBy(allocation => allocation.UserIdentity, StringComparer.OrdinalIgnoreCase))
                    yield return Allocation(connection, LicenseFindingKind.ProfessionalAndAnalyzer, allocation, IsInactive(allocation), null,
                        MaintenanceMessages.Findings.ProfessionalAndAnalyzer(allocation));
            }
        }

        private static LicenseFinding Allocation(QlikConnection connection, LicenseFindingKind kind, LicenseAllocation allocation, bool inactive, int? rank, string reason)
        {
            var command = new PowerShellCommand("Remove-QlikLicenseAllocation").With("Type", allocation.Type).With("Id", allocation.Id);
            return new LicenseFinding
            {
                Site = connection.Site,
                Kind = kind,
                Type = allocation.Type,
                Id = allocation.Id,
                UserDirectory = allocation.UserDirectory,
                UserId = allocation.UserId,
                UserName = allocation.UserName,
                UserKey = allocation.UserKey,
                LastUsed = allocation.LastUsed,
                Excess = allocation.Excess,
                Inactive = inactive,
                Rank = rank,
                Reason = reason,
                Command = command.ToString(),
                CommandName = command.Name,
                Parameters = command.Parameters,
                Connection = connection,
            };
        }

        /// <summary>The license's finding: not usable now, or ending within the warning days; null when neither.</summary>
        private static LicenseFinding? LicenseEnd(QlikConnection connection, SiteLicense license, int warningDays, DateTime nowUtc)
        {
            var today = QlikDates.ToUtc(nowUtc).Date;
            int? daysLeft = license.EndDate == null ? (int?)null : (int)(license.EndDate.Value.Date - today).TotalDays;
            string reason;
            if (license.IsExpired || license.IsInvalid || daysLeft < 0) reason = MaintenanceMessages.Findings.LicenseNotUsable(connection.Site, license);
            else if (daysLeft <= warningDays) reason = MaintenanceMessages.Findings.LicenseEnds(connection.Site, license.EndDate!.Value, daysLeft!.Value, license.EndDateSource);
            else return null;
            return new LicenseFinding
            {
                Site = connection.Site,
                Kind = LicenseFindingKind.LicenseEnd,
                EndDate = license.EndDate,
                DaysLeft = daysLeft,
                Reason = reason,
                Connection = connection,
            };
        }
    }
}
