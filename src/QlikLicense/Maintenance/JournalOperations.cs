using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>A journal read as operations, with the lines that could not be read.</summary>
    public sealed class JournalContent
    {
        public JournalContent(string path, IReadOnlyList<JournalRecord> operations, IReadOnlyList<JournalProblem> problems)
        {
            Path = path;
            Operations = operations;
            Problems = problems;
        }

        public string Path { get; }
        public IReadOnlyList<JournalRecord> Operations { get; }
        public IReadOnlyList<JournalProblem> Problems { get; }

        /// <summary>One line for all unreadable lines (the details go to the verbose stream); null when there are none.</summary>
        public string Warning => Problems.Count == 0 ? null
            : Problems.Count == 1 ? $"1 line of the journal '{Path}' could not be read and was skipped (-Verbose shows it)."
            : $"{Problems.Count} lines of the journal '{Path}' could not be read and were skipped (-Verbose shows them).";
    }

    /// <summary>
    /// Turns journal lines into operations, one record each, in the order they began:
    /// a release is its Release line with the Outcome, QuarantineEnd and Message of its Result line (no Outcome: the
    /// run stopped between the two); every other change (restore, allocation, rule change) is its intent line with
    /// the outcome of the line of the same event and OperationId that follows it. A lost intent line is made up from what survives.
    /// Combining operations again changes nothing, so piped records and files go through the same code.
    /// </summary>
    public static class JournalOperations
    {
        /// <summary>Reads and combines a journal file; <see cref="FileNotFoundException"/> when it does not exist.</summary>
        public static JournalContent Read(string path, CancellationToken cancellation = default)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"The journal '{path}' does not exist.", path);
            var problems = new List<JournalProblem>();
            var operations = Combine(LicenseJournal.Read(path, problems.Add, cancellation));
            return new JournalContent(path, operations, problems);
        }

        public static IReadOnlyList<JournalRecord> Combine(IEnumerable<JournalRecord> lines)
        {
            var operations = new List<JournalRecord>();
            var releases = new Dictionary<Guid, JournalRecord>();
            var openChanges = new Dictionary<(JournalEvent, Guid), JournalRecord>();
            foreach (var line in lines)
            {
                switch (line.Event)
                {
                    case JournalEvent.Release:
                        if (!releases.ContainsKey(line.OperationId)) releases[line.OperationId] = Add(operations, Copy(line, JournalEvent.Release));
                        break;
                    case JournalEvent.Result:
                        if (releases.TryGetValue(line.OperationId, out var release))
                        {
                            release.Outcome = line.Outcome;
                            release.QuarantineEnd = line.QuarantineEnd;
                            release.Message = line.Message;
                        }
                        else
                        {
                            releases[line.OperationId] = Add(operations, Copy(line, JournalEvent.Release));
                        }
                        break;
                    default:
                        // Restores, allocations and rule changes: an intent line (no outcome), then its outcome line.
                        var key = (line.Event, line.OperationId);
                        if (line.Outcome == null)
                            openChanges[key] = Add(operations, Copy(line, line.Event));
                        else if (openChanges.TryGetValue(key, out var change))
                        {
                            change.Outcome = line.Outcome;
                            change.AllocationId = line.AllocationId;
                            change.QuarantineEnd = line.QuarantineEnd;
                            change.Message = line.Message;
                            change.RuleAfter = line.RuleAfter ?? change.RuleAfter;
                            openChanges.Remove(key);
                        }
                        else
                        {
                            Add(operations, Copy(line, line.Event));
                        }
                        break;
                }
            }
            return operations;
        }

        private static JournalRecord Add(List<JournalRecord> operations, JournalRecord operation)
        {
            operations.Add(operation);
            return operation;
        }

        private static JournalRecord Copy(JournalRecord line, JournalEvent journalEvent) =>
            line.FollowUp(journalEvent, line.Outcome, line.Time, line.QuarantineEnd, line.Message);
    }

    /// <summary>Which released allocations a restore gives back, and why the others are left alone.</summary>
    public sealed class RestoreSelection
    {
        /// <summary>Releases to undo, in journal order: at most one per user and access type (the latest).</summary>
        public IReadOnlyList<JournalRecord> ToRestore { get; internal set; }

        /// <summary>Releases that would be undone but were recorded for another site.</summary>
        public IReadOnlyList<JournalRecord> OtherSite { get; internal set; }

        /// <summary>Releases before -Since.</summary>
        public int BeforeSince { get; internal set; }

        /// <summary>Releases that released nothing (Failed, AlreadyGone).</summary>
        public int NotReleased { get; internal set; }

        /// <summary>Releases a restore already gave back.</summary>
        public int RestoredBefore { get; internal set; }

        /// <summary>Older releases of a user and access type that a later release in the selection covers.</summary>
        public int Superseded { get; internal set; }
    }

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
