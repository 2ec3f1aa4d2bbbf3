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
            var inFileOrder = new FileOrderMerge(fileScans, deduplicator);
            try
            {
                ScanInParallel(fileList, fileScans, admission, inFileOrder, cancellationToken);
            }
            finally
            {
                // Counted even when cancelled, as far as the files were read.
                foreach (var fileScan in fileScans) statistics.Add(fileScan.Statistics);
            }
            statistics.DuplicateLines += inFileOrder.DuplicateLines;

            foreach (var denial in MergedInTimeOrder(deduplicator, admission, statistics)) yield return denial;
        }

        /// <summary>The events of the lines kept, in the window, in time order; counts the lines merged or left out.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        private static LicenseDenialEvent[] MergedInTimeOrder(DenialDeduplicator deduplicator, Admission admission, LogScanStatistics statistics)
        {
            var events = new List<LicenseDenialEvent>();
            foreach (var (cluster, denial) in deduplicator.Merge(ToEvent))
            {
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
            return InTimeOrder(events);
        }

        /// <summary>The events by time, then directory and user id ignoring case; events equal in all three in the order given.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        internal static LicenseDenialEvent[] InTimeOrder(List<LicenseDenialEvent> events)
        {
            var order = new int[events.Count];
            for (var index = 0; index < order.Length; index++) order[index] = index;
            Array.Sort(order, new TimeOrder(events));
            var ordered = new LicenseDenialEvent[order.Length];
            for (var index = 0; index < order.Length; index++) ordered[index] = events[order[index]];
            return ordered;
        }

        /// <summary>
        /// By time, then directory and user id ignoring case; events equal in all three keep their order (compared by
        /// position, so the unstable sort gives what a stable one would). Its own comparer, compiled optimized at once:
        /// a sort's comparisons run unoptimized through a session's first scans otherwise.
        /// </summary>
        private sealed class TimeOrder : IComparer<int>
        {
            private readonly List<LicenseDenialEvent> events;

            public TimeOrder(List<LicenseDenialEvent> events) => this.events = events;

            [MethodImpl(LogFileReader.HotPath)]
            public int Compare(int left, int right)
            {
                var first = events[left];
                var second = events[right];
                var byTime = first.Timestamp.UtcTicks.CompareTo(second.Timestamp.UtcTicks);
                if (byTime != 0) return byTime;
                var byDirectory = StringComparer.OrdinalIgnoreCase.Compare(first.UserDirectory, second.UserDirectory);
                if (byDirectory != 0) return byDirectory;
                var byUser = StringComparer.OrdinalIgnoreCase.Compare(first.UserId, second.UserId);
                return byUser != 0 ? byUser : left.CompareTo(right);
            }
        }

        /// <summary>
        /// Reads the files on up to one thread per processor (the logs of several nodes or shares are independent
        /// until they are merged); each file's result lands in its own slot so the merge keeps the files' order.
        /// </summary>
        private static void ScanInParallel(
            IReadOnlyList<string> files, FileScan[] fileScans, Admission admission, FileOrderMerge inFileOrder, CancellationToken cancellationToken)
        {
            ForEachFileInParallel(
                files.Count,
                () => (Buffer: new LogReadBuffer(), Store: new DenialTextStore()),
                (index, thread) =>
                {
                    ScanFile(files[index], thread.Buffer, thread.Store, fileScans[index], admission, cancellationToken);
                    inFileOrder.FileRead(index);
                },
                cancellationToken);
        }

        /// <summary>
        /// Runs <paramref name="work"/> for files 0 to <paramref name="count"/> - 1 on up to one thread per processor, the
        /// caller's among them, each thread taking the next file with state of its own (its read buffer) until none is
        /// left or one thread fails; then throws the first failure, a cancellation before any other. The scan reads its
        /// files this way, and the floor benchmark reads them as the scan does.
        /// </summary>
        internal static void ForEachFileInParallel<TThreadState>(
            int count, Func<TThreadState> newThreadState, Action<int, TThreadState> work, CancellationToken cancellationToken)
        {
            var nextFile = -1;
            var failed = false;

            void WorkOnRemainingFiles()
            {
                try
                {
                    var state = newThreadState();
                    int index;
                    while (!Volatile.Read(ref failed) && (index = Interlocked.Increment(ref nextFile)) < count)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        work(index, state);
                    }
                }
                catch
                {
                    Volatile.Write(ref failed, true);
                    throw;
                }
            }

            var helpers = Enumerable.Range(0, Math.Max(0, Math.Min(Environment.ProcessorCount, count) - 1))
                .Select(_ => Task.Run(WorkOnRemainingFiles))
                .ToArray();
            ExceptionDispatchInfo? callerFailure = null;
            try
            {
                WorkOnRemainingFiles();
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

        private static void ScanFile(string file, LogReadBuffer buffer, DenialTextStore store, FileScan fileScan, Admission admission, CancellationToken cancellationToken)
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

                    ReadRecords(reader, layout, store, LogSourceName.FromPath(file), new[] { file }, admission, fileScan, cancellationToken);
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
            LogFileReader reader, DenialLayout layout, DenialTextStore store, string source, string[] fileAsList, Admission admission,
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

                if (!layout.TryReadSubject(reader, store, out var subject))
                {
                    statistics.LinesSkipped++;
                    continue;
                }

                statistics.DenialLines++;
                if (!admission.Admits(subject, statistics)) continue;
                fileScan.Records.Add(layout.Read(reader, store, subject, evidence.Value, source, fileAsList));
            }
        }

        private static bool IsFileError(Exception error) =>
            error is IOException || error is UnauthorizedAccessException || error is NotSupportedException || error is System.Security.SecurityException;

        [MethodImpl(LogFileReader.HotPath)]
        private static LicenseDenialEvent ToEvent(DenialCluster cluster)
        {
            var records = cluster.Records;
            string? origin = null, clientAddress = null;
            var isServiceAccount = false;
            var distinctFiles = 1;
            for (var index = 0; index < records.Count; index++)
            {
                var record = records[index];
                origin = origin ?? record.Origin;
                clientAddress = clientAddress ?? record.ClientAddress;
                isServiceAccount |= record.IsServiceAccount;
                if (index > 0 && IndexOfFile(records, index, record.File) == index) distinctFiles++;
            }

            // Most denials have their lines in one file: they share that file's one-element list.
            IReadOnlyList<string> files;
            if (distinctFiles == 1)
            {
                files = records[0].FileAsList;
            }
            else
            {
                var distinct = new string[distinctFiles];
                var count = 0;
                for (var index = 0; index < records.Count; index++)
                {
                    if (IndexOfFile(records, index, records[index].File) == index) distinct[count++] = records[index].File;
                }
                files = distinct;
            }
            // The lines' messages and sessions are decoded when first read, never while denials are searched for.
            return new LicenseDenialEvent(origin, clientAddress, files, isServiceAccount, records);
        }

        /// <summary>Where <paramref name="file"/> first appears among the first <paramref name="count"/> + 1 lines.</summary>
        private static int IndexOfFile(IReadOnlyList<DenialRecord> records, int count, string file)
        {
            for (var index = 0; index < count; index++)
            {
                if (string.Equals(records[index].File, file, StringComparison.Ordinal)) return index;
            }
            return count;
        }

        /// <summary>
        /// Adds each file's lines to the deduplicator once that file and every file before it are read, exactly as
        /// reading one file after the other would, but while the other threads still read: the thread that finishes
        /// a file merges what is ready, one thread at a time, and the deduplicator is touched by no other.
        /// </summary>
        private sealed class FileOrderMerge
        {
            private readonly FileScan[] fileScans;
            private readonly DenialDeduplicator deduplicator;
            private readonly bool[] isRead;
            private int nextToMerge;
            private bool isMerging;

            public FileOrderMerge(FileScan[] fileScans, DenialDeduplicator deduplicator)
            {
                this.fileScans = fileScans;
                this.deduplicator = deduplicator;
                isRead = new bool[fileScans.Length];
            }

            /// <summary>Copies of lines already kept; final once every file is read.</summary>
            public long DuplicateLines { get; private set; }

            /// <summary>Marks a file read (or skipped) and, unless another thread is merging, merges the files now in order.</summary>
            [MethodImpl(LogFileReader.HotPath)]
            public void FileRead(int index)
            {
                lock (isRead)
                {
                    isRead[index] = true;
                    if (isMerging) return;
                    isMerging = true;
                }

                while (true)
                {
                    FileScan next;
                    lock (isRead)
                    {
                        // Checked under the lock a reader takes to mark its file: a file marked after this finds isMerging false.
                        if (nextToMerge == isRead.Length || !isRead[nextToMerge])
                        {
                            isMerging = false;
                            return;
                        }
                        next = fileScans[nextToMerge++];
                    }
                    foreach (var record in next.Records)
                    {
                        if (!deduplicator.Add(record)) DuplicateLines++;
                    }
                }
            }
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

            [MethodImpl(LogFileReader.HotPath)]
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
