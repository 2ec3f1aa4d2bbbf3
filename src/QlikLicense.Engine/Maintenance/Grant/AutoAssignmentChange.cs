using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>
    /// Switching a tenant's automatic assignment, as Set-QlikLicenseAutoAssignment does it: read the switches, ask the
    /// host about the change, journal one intent per access type, send it, journal what the tenant stored.
    /// </summary>
    public static class AutoAssignmentChange
    {
        public const string Action = "Change automatic license assignment";

        /// <summary>The tenant's switches; a <see cref="NotSupportedException"/> for a site without them.</summary>
        public static LicenseAutoAssignment Read(QlikConnection connection, SiteCall call)
        {
            var read = Switches(connection).ReadAutoAssignmentAsync(call).GetAwaiter().GetResult();
            read.Site = connection.Site;
            read.Connection = connection;
            return read;
        }

        /// <summary>Changes the switches that differ from the wanted ones; returns them as stored, or null when the host declined.</summary>
        /// <param name="journalPath">The journal the user chose (a file-system path); null for the tenant's journal. When it cannot be written, nothing is changed.</param>
        public static LicenseAutoAssignment? Run(QlikConnection connection, bool? professional, bool? analyzer, IOperationHost host,
            string? journalPath, SiteCall call)
        {
            var before = Read(connection, call);
            var wanted = new Dictionary<LicenseAccessType, bool>();
            if (professional is bool p && p != before.Professional) wanted[LicenseAccessType.Professional] = p;
            if (analyzer is bool a && a != before.Analyzer) wanted[LicenseAccessType.Analyzer] = a;
            if (wanted.Count == 0)
            {
                host.Verbose(MaintenanceMessages.AutoAssignment.NothingToChange(before));
                return before;
            }
            var target = MaintenanceMessages.AutoAssignment.Target(connection.Site, wanted);
            if (!host.ShouldChange(target, Action, ChangeImpact.Medium, out _)) return null;

            using (var journal = LicenseJournal.Open(host, journalPath, connection.Site, MaintenanceMessages.AutoAssignment.NothingChanged))
            {
                var operation = Guid.NewGuid();
                var intents = wanted.Select(change => new JournalRecord
                {
                    Time = DateTime.UtcNow,
                    Event = JournalEvent.AutoAssignmentChange,
                    OperationId = operation,
                    Site = connection.Site,
                    Type = change.Key,
                    AutoAssignBefore = before.Of(change.Key),
                    AutoAssignAfter = change.Value,
                }).ToList();
                foreach (var intent in intents) journal.Append(intent);

                LicenseAutoAssignment after;
                try
                {
                    after = Switches(connection).ChangeAutoAssignmentAsync(
                        wanted.TryGetValue(LicenseAccessType.Professional, out var newProfessional) ? newProfessional : (bool?)null,
                        wanted.TryGetValue(LicenseAccessType.Analyzer, out var newAnalyzer) ? newAnalyzer : (bool?)null, call).GetAwaiter().GetResult();
                }
                catch (SiteException error)
                {
                    foreach (var intent in intents) journal.Append(intent.FollowUp(intent.Event, AllocationOutcome.Unknown, DateTime.UtcNow, null, error.Message));
                    throw;
                }
                after.Site = connection.Site;
                after.Connection = connection;
                foreach (var intent in intents)
                {
                    var stored = after.Of(intent.Type);
                    var outcome = intent.FollowUp(intent.Event, stored == intent.AutoAssignAfter ? AllocationOutcome.Changed : AllocationOutcome.Failed, DateTime.UtcNow,
                        null, stored == intent.AutoAssignAfter ? null : MaintenanceMessages.AutoAssignment.NotStored(intent.Type, stored));
                    outcome.AutoAssignAfter = stored;
                    journal.Append(outcome);
                }
                return after;
            }
        }

        private static IAutoAssignmentSite Switches(QlikConnection connection) =>
            connection.SiteApi as IAutoAssignmentSite ?? throw new NotSupportedException(MaintenanceMessages.AutoAssignment.NotOnThisSite(connection.Site));
    }
}
