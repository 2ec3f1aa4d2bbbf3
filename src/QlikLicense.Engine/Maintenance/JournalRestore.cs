using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    public static class JournalRestore
    {
        private static readonly HashSet<AllocationOutcome?> Undoable = new HashSet<AllocationOutcome?>
        {
            // No outcome (the run stopped after journaling the intent) or Unknown: the DELETE may have happened.
            null, AllocationOutcome.Released, AllocationOutcome.Quarantined, AllocationOutcome.Unknown,
        };

        private static readonly HashSet<AllocationOutcome?> Restored = new HashSet<AllocationOutcome?>
        {
            AllocationOutcome.Allocated, AllocationOutcome.Reinstated, AllocationOutcome.AlreadyAllocated,
        };

        /// <param name="operations">Combined operations (<see cref="JournalOperations.Combine"/>).</param>
        /// <param name="site">The connection's site; releases of other sites are not restored there.</param>
        /// <param name="sinceUtc">Only releases at or after this instant.</param>
        public static RestoreSelection Select(IEnumerable<JournalRecord> operations, string site, DateTime? sinceUtc)
        {
            var all = operations.ToList();
            // A restore of the first release shares its release's operation id; later ones name it in "undoes".
            var restored = new HashSet<Guid>(all.Where(operation => operation.Event == JournalEvent.Restore && Restored.Contains(operation.Outcome))
                .Select(operation => operation.Undoes ?? operation.OperationId));
            var selection = new RestoreSelection();
            var otherSite = new List<JournalRecord>();
            var candidates = new List<JournalRecord>();
            foreach (var release in all.Where(operation => operation.Event == JournalEvent.Release))
            {
                if (sinceUtc != null && release.Time < sinceUtc.Value) selection.BeforeSince++;
                else if (!Undoable.Contains(release.Outcome)) selection.NotReleased++;
                else if (restored.Contains(release.OperationId)) selection.RestoredBefore++;
                else if (!string.Equals(release.Site, site, StringComparison.OrdinalIgnoreCase)) otherSite.Add(release);
                else candidates.Add(release);
            }

            var latest = candidates
                .Select((release, index) => (release, index))
                .GroupBy(item => (item.release.Type, User: UserOf(item.release)))
                .Select(group => group.OrderBy(item => item.release.Time).ThenBy(item => item.index).Last())
                .OrderBy(item => item.index)
                .Select(item => item.release)
                .ToList();
            selection.Superseded = candidates.Count - latest.Count;
            selection.ToRestore = latest;
            selection.OtherSite = otherSite;
            return selection;
        }

        private static string UserOf(JournalRecord release) =>
            release.UserKey?.ToString("D") ?? (release.UserDirectory + "\\" + release.UserId).ToUpperInvariant();
    }
}
