using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Finds license denials in Qlik Sense log files. Each file is streamed in blocks searched for the bytes every
    /// denial line of its layout holds (memory does not grow with file size; what is kept is the admitted denials),
    /// columns are found by name in each file's header so versions can mix, and files that are not logs, and lines
    /// holding those bytes that are not readable records, are skipped and counted in <see cref="Statistics"/>. One denial written to several logs comes out once (see <see cref="DenialDeduplicator"/>).
    /// Events are yielded, in time order, after the last file is read: a denial's other lines can be in any file.
    /// Files are read in parallel (up to one per processor) and merged in the order given, so the result is the
    /// same as reading them one after the other.
    /// </summary>
    public sealed class LicenseDenialScanner
    {
        private readonly LicenseDenialScanOptions options;

        /// <summary>Takes a copy of the options: changing them afterwards does not change this scanner.</summary>
        public LicenseDenialScanner(LicenseDenialScanOptions? options = null)
        {
            options = options ?? new LicenseDenialScanOptions();
            if (options.Since > options.Until) throw new ArgumentException(LogMessages.SinceAfterUntil, nameof(options));
            this.options = new LicenseDenialScanOptions
            {
                Since = options.Since,
                Until = options.Until,
                IncludeServiceAccounts = options.IncludeServiceAccounts,
                ExcludeUser = options.ExcludeUser,
            };
        }

        /// <summary>The counts of the current (or last) scan.</summary>
        public LogScanStatistics Statistics { get; private set; } = new LogScanStatistics();

        /// <summary>Scans the files; cancellation is checked before each file, each block and each line holding a denial's bytes.</summary>
        public IEnumerable<LicenseDenialEvent> Scan(IEnumerable<string> files, CancellationToken cancellationToken = default)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            return ScanFiles(files, cancellationToken);
        }

        private IEnumerable<LicenseDenialEvent> ScanFiles(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var statistics = Statistics = new LogScanStatistics();
            var admission = new Admission(options);
            var deduplicator = new DenialDeduplicator();

            // The locator's callbacks (skipped folders) run here, on the caller's thread, before any file is read.
            var fileList = files.ToList();
            var fileScans = fileList.Select(_ => new FileScan()).ToArray();
            try
            {
                ScanInParallel(fileList, fileScans, admission, cancellationToken);
            }
            finally
            {
                // Counted even when cancelled, as far as the files were read.
                foreach (var fileScan in fileScans) statistics.Add(fileScan.Statistics);
            }

            // Merged in the order of the files, exactly as reading one file after the other would.
            foreach (var fileScan in fileScans)
            {
                foreach (var record in fileScan.Records)
                {
                    if (!deduplicator.Add(record)) statistics.DuplicateLines++;
                }
            }

            var events = new List<LicenseDenialEvent>();
            foreach (var cluster in deduplicator.Merge())
            {
                var denial = ToEvent(cluster);
                if (admission.IsInWindow(denial.Timestamp))
                {
                    events.Add(denial);
                    statistics.DuplicateLines += cluster.Records.Count - 1;
                }
                else
                {
                    statistics.OutsideWindowLines += cluster.Records.Count;
                }
            }
            statistics.Events = events.Count;

            foreach (var denial in events.OrderBy(denial => denial.Timestamp.UtcTicks)
                         .ThenBy(denial => denial.UserDirectory, StringComparer.OrdinalIgnoreCase)
                         .ThenBy(denial => denial.UserId, StringComparer.OrdinalIgnoreCase))
            {
                yield return denial;
            }
        }

        /// <summary>
        /// Reads the files on up to one thread per processor (the logs of several nodes or shares are independent
        /// until they are merged); each file's result lands in its own slot so the merge keeps the files' order.
        /// </summary>
        private static void ScanInParallel(IReadOnlyList<string> files, FileScan[] fileScans, Admission admission, CancellationToken cancellationToken)
        {
            var nextFile = -1;
            var failed = false;

            void ScanRemainingFiles()
            {
                try
                {
                    var buffer = new LogReadBuffer();
                    int index;
                    while (!Volatile.Read(ref failed) && (index = Interlocked.Increment(ref nextFile)) < files.Count)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        ScanFile(files[index], buffer, fileScans[index], admission, cancellationToken);
                    }
                }
                catch
                {
                    Volatile.Write(ref failed, true);
                    throw;
                }
            }

            var helpers = Enumerable.Range(0, Math.Max(0, Math.Min(Environment.ProcessorCount, files.Count) - 1))
                .Select(_ => Task.Run(ScanRemainingFiles))
                .ToArray();
            ExceptionDispatchInfo? callerFailure = null;
            try
            {
                ScanRemainingFiles();
            }
            catch (Exception error)
            {
                callerFailure = ExceptionDispatchInfo.Capture(error);
            }

            try
            {
                Task.WaitAll(helpers);
            }
            catch (AggregateException helperFailure) when (callerFailure == null)
            {
                var first = helperFailure.InnerExceptions.FirstOrDefault(error => error is OperationCanceledException) ?? helperFailure.InnerExceptions[0];
                ExceptionDispatchInfo.Capture(first).Throw();
            }
            catch (AggregateException)
            {
                // The caller's own failure is reported below; the helpers stopped because of it.
            }
            callerFailure?.Throw();
        }

        private static void ScanFile(string file, LogReadBuffer buffer, FileScan fileScan, Admission admission, CancellationToken cancellationToken)
        {
            var statistics = fileScan.Statistics;
            LogFileReader reader;
            try
            {
                reader = LogFileReader.Open(file, buffer);
            }
            catch (Exception error) when (IsFileError(error))
            {
                statistics.Skip(file, LogFileSkipReason.Unreadable, error.Message);
                return;
            }

            using (reader)
            {
                try
                {
                    if (reader.NotALogReason != null)
                    {
                        statistics.Skip(file, LogFileSkipReason.NotALog, LogMessages.NotALog(reader.NotALogReason));
                        return;
                    }

                    var layout = LicenseDenialRecognizer.ForColumns(reader.Columns);
                    if (layout == null)
                    {
                        statistics.Skip(file, LogFileSkipReason.NoLicenseColumns, LogMessages.NoLicenseColumns);
                        return;
                    }

                    ReadRecords(reader, layout, LogSourceName.FromPath(file), file, admission, fileScan, cancellationToken);
                    statistics.FilesRead++;
                }
                catch (Exception error) when (IsFileError(error))
                {
                    statistics.Skip(file, LogFileSkipReason.Unreadable, LogMessages.ReadFailed(error.Message));
                }
                finally
                {
                    statistics.BytesRead += reader.BytesRead;
                    statistics.LinesRead += reader.LinesRead;
                }
            }
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static void ReadRecords(
            LogFileReader reader, DenialLayout layout, string source, string file, Admission admission,
            FileScan fileScan, CancellationToken cancellationToken)
        {
            var statistics = fileScan.Statistics;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = reader.ReadLineHolding(layout.Markers);
                if (line == LogLineKind.End) return;

                if (line == LogLineKind.Malformed)
                {
                    statistics.LinesSkipped++;
                    continue;
                }
                if (line != LogLineKind.Record) continue;

                var evidence = layout.Recognize(reader);
                if (evidence == null) continue;

                if (!layout.TryReadSubject(reader, out var subject))
                {
                    statistics.LinesSkipped++;
                    continue;
                }

                statistics.DenialLines++;
                if (!admission.Admits(subject, statistics)) continue;
                fileScan.Records.Add(layout.Read(reader, subject, evidence.Value, source, file));
            }
        }

        private static bool IsFileError(Exception error) =>
            error is IOException || error is UnauthorizedAccessException || error is NotSupportedException || error is System.Security.SecurityException;

        [MethodImpl(LogFileReader.HotPath)]
        private static LicenseDenialEvent ToEvent(DenialCluster cluster)
        {
            var records = cluster.Records;
            var best = records[0];
            return new LicenseDenialEvent(
                best.Timestamp,
                best.UserDirectory,
                best.UserId,
                records.Select(record => record.Origin).FirstOrDefault(value => value != null),
                records.Select(record => record.ClientAddress).FirstOrDefault(value => value != null),
                records.Select(record => record.SessionId).FirstOrDefault(value => value != null),
                best.Source,
                best.File,
                records.Select(record => record.File).Distinct(StringComparer.Ordinal).ToArray(),
                best.Message,
                records.Any(record => record.IsServiceAccount),
                // The lines' messages, for the cause: read from them only when asked, never while denials are searched for.
                messages: records.Select(record => record.Message).ToArray());
        }

        /// <summary>What one file gave: its admitted denial lines, in file order, and its counts.</summary>
        private sealed class FileScan
        {
            public List<DenialRecord> Records { get; } = new List<DenialRecord>();
            public LogScanStatistics Statistics { get; } = new LogScanStatistics();
        }

        /// <summary>
        /// The filters applied to each line before it is kept, so that left-out denials cost no memory. The time
        /// window is widened by the merge tolerance here and applied exactly to each event's time at the end,
        /// so that a denial whose lines straddle a bound is judged whole. Called from the threads reading files:
        /// the ExcludeUser filter is asked once per user, under a lock, so it need not be thread-safe.
        /// </summary>
        private sealed class Admission
        {
            private readonly LicenseDenialScanOptions options;
            private readonly Dictionary<string, bool> excludedUsers = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            private readonly DateTimeOffset? widenedSince;
            private readonly DateTimeOffset? widenedUntil;

            public Admission(LicenseDenialScanOptions options)
            {
                this.options = options;
                widenedSince = Widen(options.Since, -DenialDeduplicator.Tolerance);
                widenedUntil = Widen(options.Until, DenialDeduplicator.Tolerance);
            }

            public bool IsInWindow(DateTimeOffset time) =>
                (options.Since == null || time >= options.Since.Value) && (options.Until == null || time < options.Until.Value);

            /// <summary>Whether a denial line is kept; counts why not in the reading file's statistics.</summary>
            [MethodImpl(LogFileReader.HotPath)]
            public bool Admits(in DenialSubject record, LogScanStatistics statistics)
            {
                if ((widenedSince != null && record.Timestamp < widenedSince.Value) || (widenedUntil != null && record.Timestamp >= widenedUntil.Value))
                {
                    statistics.OutsideWindowLines++;
                    return false;
                }
                if (record.IsServiceAccount && !options.IncludeServiceAccounts)
                {
                    statistics.ServiceAccountLines++;
                    return false;
                }
                if (options.ExcludeUser != null && IsExcluded(record.UserDirectory, record.UserId))
                {
                    statistics.ExcludedUserLines++;
                    return false;
                }
                return true;
            }

            private bool IsExcluded(string userDirectory, string userId)
            {
                var key = userDirectory + "\\" + userId;
                lock (excludedUsers)
                {
                    if (!excludedUsers.TryGetValue(key, out var excluded))
                    {
                        excluded = options.ExcludeUser?.Invoke(userDirectory, userId) ?? false;
                        excludedUsers.Add(key, excluded);
                    }
                    return excluded;
                }
            }

            private static DateTimeOffset? Widen(DateTimeOffset? bound, TimeSpan by)
            {
                if (bound == null) return null;
                var ticks = bound.Value.UtcTicks + by.Ticks;
                if (ticks <= DateTime.MinValue.Ticks || ticks >= DateTime.MaxValue.Ticks) return null;
                return new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }
    }
}
