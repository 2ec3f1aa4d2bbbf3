using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>
    /// The decisions for people refused for a cause a seat would not fix: one suggestion per cause, naming the people,
    /// with the advice that does fix it. They are never offered a seat. Only an excess has a command (releasing the
    /// allocations above the license, first ones first); the rest is advice no command carries out.
    /// </summary>
    internal static class CauseAdvice
    {
        /// <summary>The causes in the order their advice is given: the license first, as it stops everyone.</summary>
        private static readonly (LicenseDenialCause Cause, SuggestionKind Kind)[] Order =
        {
            (LicenseDenialCause.LicenseNotAvailable, SuggestionKind.RenewLicense),
            (LicenseDenialCause.ExcessAssignment, SuggestionKind.ReleaseExcess),
            (LicenseDenialCause.UnknownUser, SuggestionKind.SyncUserDirectory),
            (LicenseDenialCause.PendingUserSync, SuggestionKind.AwaitUserSync),
            (LicenseDenialCause.TooManySessions, SuggestionKind.CloseSessions),
        };

        /// <param name="denials">The site's denied people (service accounts left out), known to the site or not.</param>
        /// <param name="facts">The seats and the site's license state come from here.</param>
        public static IEnumerable<(LicenseSuggestion Suggestion, PowerShellCommand? Command)> For(IEnumerable<LicenseDenial> denials, LicenseDecisionFacts facts)
        {
            var byCause = denials.Where(denial => !LicenseDenialCauses.SeatWouldHelp(denial.Cause)).ToLookup(denial => denial.Cause);
            foreach (var (cause, kind) in Order)
            {
                var people = byCause[cause].OrderBy(denial => denial.UserIdentity, System.StringComparer.OrdinalIgnoreCase).ToList();
                if (people.Count == 0) continue;
                // The allocations above the license to release first, of the type the people hold (the seats' excess says which).
                var excess = facts.Findings.Where(finding => finding.Kind == LicenseFindingKind.ExcessAllocation && finding.Id != null && finding.Type != null)
                    .GroupBy(finding => finding.Type!.Value)
                    .OrderByDescending(type => people.Count(denial => denial.AllocatedAccessTypes.Contains(type.Key)))
                    .FirstOrDefault()?.OrderBy(finding => finding.Rank).ToList();
                var excessType = excess?[0].Type ?? facts.Seats.Where(seats => seats.Excess > 0).Select(seats => (LicenseAccessType?)seats.Type).FirstOrDefault();
                var suggestion = new LicenseSuggestion
                {
                    Kind = kind,
                    Type = excessType ?? default,
                    Users = people.Select(denial => denial.UserIdentity).ToArray(),
                    Denied = people.Count,
                    Licensed = people.Count(denial => denial.AllocatedAccessTypes.Count > 0),
                    Reason = Reason(cause, people.Count, facts, excessType),
                };
                yield return (suggestion, cause == LicenseDenialCause.ExcessAssignment && excess != null
                    ? new PowerShellCommand("Remove-QlikLicenseAllocation").With("Type", excessType!.Value).With("Id", excess.Select(finding => finding.Id!.Value).ToArray())
                    : null);
            }
        }

        private static string Reason(LicenseDenialCause cause, int people, LicenseDecisionFacts facts, LicenseAccessType? excessType)
        {
            switch (cause)
            {
                case LicenseDenialCause.LicenseNotAvailable: return MaintenanceMessages.Causes.LicenseNotAvailable(people, facts.License);
                case LicenseDenialCause.ExcessAssignment: return MaintenanceMessages.Causes.ExcessAssignment(people, excessType);
                case LicenseDenialCause.UnknownUser: return MaintenanceMessages.Causes.UnknownUser(people);
                case LicenseDenialCause.PendingUserSync: return MaintenanceMessages.Causes.PendingUserSync(people);
                default: return MaintenanceMessages.Causes.TooManySessions(people);
            }
        }
    }
}
