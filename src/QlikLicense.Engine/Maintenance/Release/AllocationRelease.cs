using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Releases allocations of one site: for each, journal first, then DELETE, then a read-back that decides what really
    /// happened (a lost response to a DELETE the server did execute is a release, not a failure). The read-back may be
    /// one allocation's own (<see cref="ReleaseAsync"/>) or one read of many releases' allocations (<see cref="ReleaseBatch"/>),
    /// whose outcomes <see cref="Finish(IReadOnlyList{SentRelease}, IReadOnlyDictionary{Guid, LicenseAllocation})"/> journals in one write.
    /// </summary>
    public sealed class AllocationRelease
    {
        private readonly QlikConnection connection;
        private readonly LicenseJournal journal;
        private readonly Func<DateTime> utcNow;

        public AllocationRelease(QlikConnection connection, LicenseJournal journal, Func<DateTime>? utcNow = null)
        {
            this.connection = connection;
            this.journal = journal;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        /// <summary>Releases and reads back; a failure is returned as a Failed result carrying the error, never thrown (except cancellation).</summary>
        /// <param name="undoes">The operation this release undoes (an allocation), recorded with it.</param>
        public async Task<(AllocationChangeResult Result, SiteException? Error)> ReleaseAsync(LicenseAllocation allocation, SiteCall call, Guid? undoes = null)
        {
            var sent = new[] { await DeleteAsync(allocation, call, undoes).ConfigureAwait(false) };
            try
            {
                var after = await connection.SiteApi.FindAllocationAsync(allocation.Type, allocation.Id, call).ConfigureAwait(false);
                return Finish(sent, after == null ? new Dictionary<Guid, LicenseAllocation>() : new Dictionary<Guid, LicenseAllocation> { [after.Id] = after })[0];
            }
            catch (SiteException readError)
            {
                return Finish(sent, readError)[0];
            }
        }

        /// <summary>Journals the release, then sends it; what the site answered (or how it failed) waits for the read-back.</summary>
        public async Task<SentRelease> DeleteAsync(LicenseAllocation allocation, SiteCall call, Guid? undoes = null)
        {
            var intent = JournalRecord.ReleaseOf(allocation, connection.Site, utcNow());
            intent.Undoes = undoes;
            journal.Append(intent);

            try
            {
                return new SentRelease(allocation, intent, await connection.SiteApi.ReleaseAsync(allocation, call).ConfigureAwait(false), null);
            }
            catch (SiteException error)
            {
                return new SentRelease(allocation, intent, default, error);
            }
        }

        /// <summary>
        /// The outcomes, journaled in one write, from what the read-back found: the allocations the site still has, by id
        /// (a release whose allocation is missing there is gone).
        /// </summary>
        public IReadOnlyList<(AllocationChangeResult Result, SiteException? Error)> Finish(IReadOnlyList<SentRelease> sent, IReadOnlyDictionary<Guid, LicenseAllocation> remaining) =>
            Journal(sent.Select(release => Decide(release, remaining.TryGetValue(release.Allocation.Id, out var after) ? after : null)).ToList());

        /// <summary>The outcomes, journaled in one write, when the read-back failed: unknown (the journal lets an undo give them back).</summary>
        public IReadOnlyList<(AllocationChangeResult Result, SiteException? Error)> Finish(IReadOnlyList<SentRelease> sent, SiteException readError) =>
            Journal(sent.Select(release => (release, AllocationOutcome.Unknown, (DateTime?)null, (string?)MaintenanceMessages.Releases.ReadBackFailed(readError.Message),
                (SiteException?)(release.Failure ?? readError))).ToList());

        /// <summary>What happened to one release, from the allocation as the site has it now (null when it is gone).</summary>
        private (SentRelease Sent, AllocationOutcome Kind, DateTime? QuarantineEnd, string? Message, SiteException? Error) Decide(SentRelease sent, LicenseAllocation? after)
        {
            var failure = sent.Failure;
            if (after == null)
            {
                // Only a first-try 404 proves someone else removed it; a 404 after a retry or a failure is our own DELETE.
                var alreadyGone = failure == null && !sent.Answer.Removed && sent.Answer.Attempts == 1;
                return (sent, alreadyGone ? AllocationOutcome.AlreadyGone : AllocationOutcome.Released, null, null, null);
            }
            if (after.Quarantined)
                return (sent, AllocationOutcome.Quarantined, after.QuarantineEnd, MaintenanceMessages.Releases.Quarantined, null);

            var message = failure?.Message ?? MaintenanceMessages.Releases.StillThere;
            return (sent, AllocationOutcome.Failed, null, message,
                failure ?? new SiteException(connection.Kind, SiteErrorKind.InvalidResponse, "DELETE", null, null, message));
        }

        private IReadOnlyList<(AllocationChangeResult Result, SiteException? Error)> Journal(
            IReadOnlyList<(SentRelease Sent, AllocationOutcome Kind, DateTime? QuarantineEnd, string? Message, SiteException? Error)> outcomes)
        {
            var records = outcomes.Select(outcome => outcome.Sent.Intent.FollowUp(JournalEvent.Result, outcome.Kind, utcNow(), outcome.QuarantineEnd, outcome.Message)).ToList();
            journal.Append(records);
            return outcomes.Select((outcome, index) => (
                AllocationChangeResults.OfRelease(outcome.Sent.Intent, outcome.Kind, outcome.QuarantineEnd, outcome.Message, journal.Path, records[index].Time),
                outcome.Error)).ToList();
        }
    }

    /// <summary>A release journaled and sent, waiting for its read-back: the site's answer, or how the DELETE failed.</summary>
    public sealed class SentRelease
    {
        internal SentRelease(LicenseAllocation allocation, JournalRecord intent, ReleaseAnswer answer, SiteException? failure)
        {
            Allocation = allocation;
            Intent = intent;
            Answer = answer;
            Failure = failure;
        }

        public LicenseAllocation Allocation { get; }
        internal JournalRecord Intent { get; }
        internal ReleaseAnswer Answer { get; }
        internal SiteException? Failure { get; }
    }
}
