using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Journal
{
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
            if (!File.Exists(path)) throw new FileNotFoundException(MaintenanceMessages.Journal.FileNotFound(path), path);
            var problems = new List<JournalProblem>();
            var operations = Combine(LicenseJournal.Read(path, problems.Add, cancellation));
            return new JournalContent(path, operations, problems);
        }

        /// <summary>
        /// Reads and combines a journal file for an operation: lines that cannot be read are one warning, each also a
        /// verbose line; a journal that does not exist or cannot be read is an <see cref="OperationException"/>
        /// (JournalNotFound, JournalNotReadable) saying what was not done (<paramref name="nothingDone"/>, may be empty).
        /// </summary>
        public static IReadOnlyList<JournalRecord> Read(string path, IOperationHost host, string nothingDone, CancellationToken cancellation)
        {
            JournalContent content;
            try
            {
                content = Read(path, cancellation);
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
            {
                throw new OperationException(new OperationProblem(ProblemKind.JournalNotFound,
                    new FileNotFoundException(MaintenanceMessages.Journal.NotFound(path, nothingDone), path, error), path));
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw new OperationException(new OperationProblem(ProblemKind.JournalNotReadable,
                    new IOException(MaintenanceMessages.Journal.NotReadable(path, error.Message, nothingDone), error), path));
            }
            if (content.Warning != null) host.Warning(content.Warning);
            foreach (var problem in content.Problems) host.Verbose(problem.ToString());
            return content.Operations;
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
}
