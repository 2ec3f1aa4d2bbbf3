using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Releasing allocations, as Remove-QlikLicenseAllocation and the routine do it: each allocation once, never more
    /// than the cap (so a wrong filter cannot empty the site), a warning where a rule grants the access straight back,
    /// quarantined ones refused, a decision on each, then the releases with bounded concurrency, journaled.
    /// </summary>
    public sealed class ReleaseOperation
    {
        public const string ReleaseAction = "Release license allocation";

        private const int ProgressActivityId = 1;
        private const string ProgressActivity = "Releasing license allocations";

        /// <summary>How long in-flight releases may finish after a stop, so the journal records their outcome.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

        private readonly IOperationHost host;

        public ReleaseOperation(IOperationHost host) => this.host = host;

        /// <summary>The journal the user chose for every site's releases (a file-system path); null for each site's own journal.</summary>
        public string? JournalPath { get; set; }

        /// <summary>
        /// DELETEs in flight at once by default: at 20 ms a request, 8 release about 7 times as fast as one at a time
        /// (docs/performance.md), and a site serves 8 requests of one client at once without strain.
        /// </summary>
        public const int DefaultThrottleLimit = 8;

        public int MaximumCount { get; set; } = 100;

        /// <summary>Releases in flight at once on sites that send each on its own (a Qlik Sense site's DELETEs).</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>
        /// On sites whose changes travel in batches (<see cref="IBatchedChangeSite"/>): the most one batch carries, when
        /// lower than the site's own. As many releases are then in flight as a batch carries, so each batch fills.
        /// </summary>
        public int? BatchSize { get; set; }

        /// <summary>Releases what is approved of <paramref name="pending"/>; each result goes to the host's output and is returned.</summary>
        /// <param name="stop">Stops starting new releases (Ctrl+C); releases in flight get a grace period, then an OperationCanceledException ends the run.</param>
        public IReadOnlyList<AllocationChangeResult> Run(IReadOnlyList<LicenseAllocation> pending, SiteCall call, CancellationToken stop)
        {
            foreach (var closed in pending.Select(allocation => allocation.RequiredConnection).Where(connection => connection.IsDisposed).Distinct())
                throw new OperationException(new OperationProblem(ProblemKind.ConnectionClosed, new InvalidOperationException(MaintenanceMessages.Releases.ConnectionClosed(closed.Site)), closed));
            var unique = pending.GroupBy(allocation => (allocation.Connection, allocation.Id)).Select(group => group.First()).ToList();
            if (unique.Count > MaximumCount)
                throw new OperationException(new OperationProblem(ProblemKind.MaximumCountExceeded, new InvalidOperationException(MaintenanceMessages.Releases.MaximumCountExceeded(unique.Count, MaximumCount)), unique.Count));

            var grantingRules = GrantingRulesOfPlainAllocations(unique, call);
            var approved = new List<LicenseAllocation>();
            foreach (var allocation in unique)
            {
                // Candidates of Get-QlikInactiveLicensedUser were warned about when they were found.
                if (allocation.UserKey is Guid userKey && grantingRules.TryGetValue((allocation.RequiredConnection, allocation.Type), out var lookup) && lookup[userKey].Any())
                    host.Warning(RuleWarnings.GrantedBack(allocation, lookup[userKey].ToArray()));
                if (allocation.Quarantined)
                {
                    host.Problem(new OperationProblem(ProblemKind.AllocationQuarantined, new InvalidOperationException(MaintenanceMessages.Releases.AlreadyQuarantined(allocation)), allocation));
                    continue;
                }
                if (host.ShouldChange(allocation.Description, ReleaseAction, ChangeImpact.High, out _)) approved.Add(allocation);
            }
            return approved.Count == 0 ? Array.Empty<AllocationChangeResult>() : Release(approved, call, stop);
        }

        /// <summary>
        /// Candidates from Get-QlikInactiveLicensedUser carry their rule check; for other allocations one question per
        /// site and access type asks which enabled rules would grant the access back.
        /// </summary>
        private Dictionary<(QlikConnection, LicenseAccessType), ILookup<Guid, string>> GrantingRulesOfPlainAllocations(List<LicenseAllocation> allocations, SiteCall call)
        {
            var lookups = new Dictionary<(QlikConnection, LicenseAccessType), ILookup<Guid, string>>();
            var groups = allocations.Where(allocation => !(allocation is InactiveLicensedUser) && allocation.UserKey != null)
                .GroupBy(allocation => (Connection: allocation.RequiredConnection, allocation.Type));
            foreach (var group in groups)
            {
                var users = new UserFilter { Keys = group.Select(allocation => allocation.UserKey.GetValueOrDefault()).Distinct().ToList() };
                try
                {
                    lookups[group.Key] = GrantingRuleFinder.FindAsync(group.Key.Connection, group.Key.Type, users, call).GetAwaiter().GetResult();
                }
                catch (SiteException error)
                {
                    host.Problem(RuleWarnings.CheckFailed(group.Key.Type, error));
                }
            }
            return lookups;
        }

        private IReadOnlyList<AllocationChangeResult> Release(List<LicenseAllocation> approved, SiteCall call, CancellationToken stop)
        {
            var journals = new Dictionary<QlikConnection, LicenseJournal>();
            using (var grace = new CancellationTokenSource())
            using (stop.Register(() => grace.CancelAfter(StopGrace)))
            {
                try
                {
                    foreach (var connection in approved.Select(allocation => allocation.RequiredConnection).Distinct())
                        journals[connection] = LicenseJournal.Open(host, JournalPath, connection.Site, MaintenanceMessages.Routine.NothingRemoved);
                    return RunReleases(approved, journals, InFlight(journals.Keys), new SiteCall(grace.Token, call.Verbose), stop);
                }
                finally
                {
                    foreach (var journal in journals.Values) journal.Dispose();
                }
            }
        }

        /// <summary>How many releases may be in flight: a batch's worth when every site batches its writes, else the throttle limit.</summary>
        private int InFlight(IEnumerable<QlikConnection> connections)
        {
            var sites = connections.Select(connection => connection.SiteApi).ToList();
            return sites.All(site => site is IBatchedChangeSite)
                ? sites.Cast<IBatchedChangeSite>().Min(site => Math.Min(BatchSize ?? site.LargestBatch, site.LargestBatch))
                : ThrottleLimit;
        }

        private IReadOnlyList<AllocationChangeResult> RunReleases(List<LicenseAllocation> approved, Dictionary<QlikConnection, LicenseJournal> journals, int inFlight,
            SiteCall call, CancellationToken stop)
        {
            var results = new List<AllocationChangeResult>();
            ExceptionDispatchInfo? hostFailure = null;
            var counts = new Dictionary<AllocationOutcome, int>();
            foreach (var outcome in ReleaseBatch.Run(approved, journals, inFlight, call, stop))
            {
                results.Add(outcome.Result);
                counts[outcome.Result.Outcome] = counts.TryGetValue(outcome.Result.Outcome, out var count) ? count + 1 : 1;
                if (hostFailure != null) continue;
                try
                {
                    if (outcome.Error != null) host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, outcome.Error, outcome.Allocation));
                    host.Output(outcome.Result);
                    if (approved.Count > 5) host.Progress(ProgressActivityId, ProgressActivity, $"{results.Count} of {approved.Count}: {outcome.Allocation.Description}", results.Count, approved.Count);
                }
                catch (Exception error)
                {
                    // A host that is stopping takes no more output; keep draining: in-flight releases finish and are journaled.
                    hostFailure = ExceptionDispatchInfo.Capture(error);
                }
            }
            stop.ThrowIfCancellationRequested();
            hostFailure?.Throw();

            if (approved.Count > 5) host.ProgressCompleted(ProgressActivityId, ProgressActivity);
            host.Verbose("Outcomes: " + string.Join(", ", counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}")) +
                         ". Journal: " + string.Join(", ", journals.Values.Select(journal => journal.Path)));
            return results;
        }
    }
}
