using System;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Releases one allocation: journal first, then DELETE, then a read-back that decides what really happened
    /// (a lost response to a DELETE the server did execute is a release, not a failure).
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

        /// <summary>Releases; a failure is returned as a Failed result carrying the error, never thrown (except cancellation).</summary>
        /// <param name="undoes">The operation this release undoes (an allocation), recorded with it.</param>
        public async Task<(AllocationChangeResult Result, SiteException? Error)> ReleaseAsync(LicenseAllocation allocation, SiteCall call, Guid? undoes = null)
        {
            var intent = JournalRecord.ReleaseOf(allocation, connection.Site, utcNow());
            intent.Undoes = undoes;
            journal.Append(intent);

            SiteException? failure = null;
            var deleted = default(ReleaseAnswer);
            try
            {
                deleted = await connection.SiteApi.ReleaseAsync(allocation, call).ConfigureAwait(false);
            }
            catch (SiteException error)
            {
                failure = error;
            }

            LicenseAllocation? after;
            try
            {
                after = await connection.SiteApi.FindAllocationAsync(allocation.Type, allocation.Id, call).ConfigureAwait(false);
            }
            catch (SiteException readError)
            {
                var unknown = failure ?? readError;
                return (Finish(intent, AllocationOutcome.Unknown, null, MaintenanceMessages.Releases.ReadBackFailed(readError.Message)), unknown);
            }

            if (after == null)
            {
                // Only a first-try 404 proves someone else removed it; a 404 after a retry or a failure is our own DELETE.
                var alreadyGone = failure == null && !deleted.Removed && deleted.Attempts == 1;
                return (Finish(intent, alreadyGone ? AllocationOutcome.AlreadyGone : AllocationOutcome.Released, null, null), (SiteException?)null);
            }
            if (after.Quarantined)
                return (Finish(intent, AllocationOutcome.Quarantined, after.QuarantineEnd, MaintenanceMessages.Releases.Quarantined), (SiteException?)null);

            var message = failure?.Message ?? MaintenanceMessages.Releases.StillThere;
            return (Finish(intent, AllocationOutcome.Failed, null, message),
                failure ?? new SiteException(connection.Kind, SiteErrorKind.InvalidResponse, "DELETE", null, null, message));
        }

        private AllocationChangeResult Finish(JournalRecord intent, AllocationOutcome outcome, DateTime? quarantineEnd, string? message)
        {
            var record = intent.FollowUp(JournalEvent.Result, outcome, utcNow(), quarantineEnd, message);
            journal.Append(record);
            return AllocationChangeResults.OfRelease(intent, outcome, quarantineEnd, message, journal.Path, record.Time);
        }
    }
}
