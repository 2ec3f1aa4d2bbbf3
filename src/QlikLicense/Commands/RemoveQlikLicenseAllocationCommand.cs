using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Remove, "QlikLicenseAllocation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(AllocationChangeResult))]
    public sealed class RemoveQlikLicenseAllocationCommand : QlikCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string IdSet = "Id";
        private const string ReleaseAction = "Release license allocation";

        /// <summary>How long in-flight DELETEs may finish after Ctrl+C, so the journal records their outcome.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

        private readonly List<LicenseAllocation> pending = new List<LicenseAllocation>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public LicenseAllocation[] InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("AllocationId")]
        public Guid[] Id { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        public LicenseAccessType Type { get; set; }

        /// <summary>The journal file; by default one per site under the user's local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; }

        /// <summary>Refuses to remove more than this many in one call, so a wrong filter cannot empty the site.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaximumCount { get; set; } = 100;

        /// <summary>DELETEs in flight at once, after every confirmation has been answered.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public QlikConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                var fallback = InputObject.Any(allocation => allocation.Connection == null) ? ResolveConnection(Connection) : null;
                foreach (var allocation in InputObject)
                {
                    allocation.Connection = allocation.Connection ?? fallback;
                    pending.Add(allocation);
                }
                return;
            }

            var connection = ResolveConnection(Connection);
            foreach (var id in Id)
            {
                Guard(id, () =>
                {
                    var allocation = Wait(connection.Endpoint.FindAllocationAsync(Type, id, Call));
                    if (allocation == null)
                        WriteError(new ErrorRecord(new ItemNotFoundException($"The site {connection.Site} has no {Type} allocation {id}."),
                            "AllocationNotFound", ErrorCategory.ObjectNotFound, id));
                    else
                        pending.Add(allocation);
                });
            }
        }

        protected override void EndProcessing()
        {
            foreach (var closed in pending.Select(allocation => allocation.Connection).Where(connection => connection.IsDisposed).Distinct())
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"The connection to {closed.Site} these allocations came from was closed by Disconnect-QlikSense. Nothing was removed. Connect again and read them again."),
                    "ConnectionClosed", ErrorCategory.ConnectionError, closed));
            var unique = pending.GroupBy(allocation => (allocation.Connection, allocation.Id)).Select(group => group.First()).ToList();
            if (unique.Count > MaximumCount)
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"{unique.Count} allocations came to be removed, more than -MaximumCount {MaximumCount}. Nothing was removed. Check the filter, then raise -MaximumCount if this is meant."),
                    "MaximumCountExceeded", ErrorCategory.LimitsExceeded, unique.Count));

            var grantingRules = GrantingRulesOfPlainAllocations(unique);
            var approved = new List<LicenseAllocation>();
            foreach (var allocation in unique)
            {
                // Candidates of Get-QlikInactiveLicensedUser were warned about when they were found.
                if (allocation.UserKey is Guid userKey && grantingRules.TryGetValue((allocation.Connection, allocation.Type), out var lookup) && lookup[userKey].Any())
                    WriteWarning(RuleWarnings.GrantedBack(allocation, lookup[userKey].ToArray()));
                if (allocation.Quarantined)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"{allocation.Description} is already in quarantine until {allocation.QuarantineEnd:u}; it is released then."),
                        "AllocationQuarantined", ErrorCategory.InvalidOperation, allocation));
                    continue;
                }
                if (ShouldProcess(allocation.Description, ReleaseAction)) approved.Add(allocation);
            }
            if (approved.Count > 0) Release(approved);
        }

        /// <summary>
        /// Candidates from Get-QlikInactiveLicensedUser carry their rule check; for other allocations one audit per
        /// site and access type asks which enabled rules would grant the access back.
        /// </summary>
        private Dictionary<(QlikConnection, LicenseAccessType), ILookup<Guid, string>> GrantingRulesOfPlainAllocations(List<LicenseAllocation> allocations)
        {
            var lookups = new Dictionary<(QlikConnection, LicenseAccessType), ILookup<Guid, string>>();
            var groups = allocations.Where(allocation => !(allocation is InactiveLicensedUser) && allocation.UserKey != null)
                .GroupBy(allocation => (allocation.Connection, allocation.Type));
            foreach (var group in groups)
            {
                var users = new UserFilter { Keys = group.Select(allocation => allocation.UserKey.Value).Distinct().ToList() };
                try
                {
                    lookups[group.Key] = Wait(GrantingRuleFinder.FindAsync(group.Key.Connection, group.Key.Type, users, Call));
                }
                catch (QrsException error)
                {
                    WriteWarning($"Could not check whether a license rule grants {group.Key.Type} access back: {error.Message}");
                }
            }
            return lookups;
        }

        private void Release(List<LicenseAllocation> approved)
        {
            var journals = new Dictionary<QlikConnection, LicenseJournal>();
            using (var grace = new CancellationTokenSource())
            using (CancellationToken.Register(() => grace.CancelAfter(StopGrace)))
            {
                try
                {
                    foreach (var connection in approved.Select(allocation => allocation.Connection).Distinct())
                        journals[connection] = OpenJournal(JournalPath, LicenseJournal.DefaultPath(connection.Site), "Nothing was removed.");
                    RunReleases(approved, journals, CallWith(grace.Token));
                }
                finally
                {
                    foreach (var journal in journals.Values) journal.Dispose();
                }
            }
        }

        private void RunReleases(List<LicenseAllocation> approved, Dictionary<QlikConnection, LicenseJournal> journals, SiteCall call)
        {
            var done = 0;
            var stopped = false;
            var counts = new Dictionary<AllocationOutcome, int>();
            foreach (var outcome in ReleaseBatch.Run(approved, journals, ThrottleLimit, call, CancellationToken))
            {
                done++;
                counts[outcome.Result.Outcome] = counts.TryGetValue(outcome.Result.Outcome, out var count) ? count + 1 : 1;
                if (stopped) continue;
                try
                {
                    FlushVerbose();
                    if (outcome.Error != null) WriteError(ErrorFor(outcome.Error, outcome.Allocation));
                    WriteObject(outcome.Result);
                    if (approved.Count > 5)
                        WriteProgress(new ProgressRecord(1, "Releasing license allocations", $"{done} of {approved.Count}: {outcome.Allocation.Description}")
                            { PercentComplete = done * 100 / approved.Count });
                }
                catch (PipelineStoppedException)
                {
                    // Keep draining: in-flight releases finish and are journaled before the stop completes.
                    stopped = true;
                }
            }
            if (stopped || CancellationToken.IsCancellationRequested) throw new PipelineStoppedException();

            FlushVerbose();
            if (approved.Count > 5) WriteProgress(new ProgressRecord(1, "Releasing license allocations", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose("Outcomes: " + string.Join(", ", counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}")) +
                         ". Journal: " + string.Join(", ", journals.Values.Select(journal => journal.Path)));
        }
    }
}
