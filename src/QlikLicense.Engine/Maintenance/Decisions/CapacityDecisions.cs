using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>
    /// The decision analyzer capacity asks for: a person whose capacity minutes cost more than an Analyzer seat would
    /// is better off with the seat (allocated to a person, a seat is used without spending minutes).
    /// </summary>
    internal static class CapacityDecisions
    {
        /// <summary>One suggestion per such person, most minutes first; none when the seat's price in minutes is not known.</summary>
        public static IEnumerable<(LicenseSuggestion Suggestion, PowerShellCommand Command)> Suggest(LicenseDecisionFacts facts, LicenseDecisionOptions options)
        {
            // Not a pattern (`is int seatMinutes`): Stryker's removal of its negation leaves the variable unassigned, a compile
            // error it cannot place, for which it drops every mutant of the method.
            if (options.AnalyzerSeatMinutes == null) yield break;
            var seatMinutes = options.AnalyzerSeatMinutes.Value;
            var seats = facts.Seats.FirstOrDefault(row => row.Type == LicenseAccessType.Analyzer);
            var offered = seats?.Enabled == true;
            foreach (var person in facts.CapacityUsers.Where(person => person.UserKey != null && person.Minutes > seatMinutes))
            {
                yield return (new LicenseSuggestion
                {
                    Kind = SuggestionKind.SeatForCapacity,
                    Type = LicenseAccessType.Analyzer,
                    Users = new[] { person.UserIdentity },
                    Reason = MaintenanceMessages.Decisions.SeatForCapacity(person, seatMinutes, offered),
                }, new PowerShellCommand("Add-QlikLicenseAllocation").With("Type", LicenseAccessType.Analyzer)
                    .With("UserDirectory", person.UserDirectory).With("UserId", new[] { person.UserId }));
            }
        }
    }
}
