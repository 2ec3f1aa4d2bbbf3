using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Finds license denials in Qlik Sense log files. Each file is streamed line by line (memory does not grow
    /// with file size; what is kept is the admitted denials), columns are found by name in each file's header so
    /// versions can mix, and files or lines that are not readable log records are skipped and counted in
    /// <see cref="Statistics"/>. One denial written to several logs comes out once (see <see cref="DenialDeduplicator"/>).
    /// Events are yielded, in time order, after the last file is read: a denial's other lines can be in any file.
    /// </summary>
    public sealed class LicenseDenialScanner
    {
        private readonly LicenseDenialScanOptions options;

        /// <summary>Takes a copy of the options: changing them afterwards does not change this scanner.</summary>
        public LicenseDenialScanner(LicenseDenialScanOptions? options = null)
        {
            options = options ?? new LicenseDenialScanOptions();
            if (options.Since > options.Until) throw new ArgumentException("Since must not be later than Until.", nameof(options));
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

        /// <summary>Scans the files; cancellation is checked before each file and each line.</summary>
        public IEnumerable<LicenseDenialEvent> Scan(IEnumerable<string> files, CancellationToken cancellationToken = default)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            return ScanFiles(files, cancellationToken);
        }

        private IEnumerable<LicenseDenialEvent> ScanFiles(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var statistics = Statistics = new LogScanStatistics();
            var admission = new Admission(options, statistics);
            var deduplicator = new DenialDeduplicator();

            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanFile(file, admission, deduplicator, statistics, cancellationToken);
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

        private static void ScanFile(string file, Admission admission, DenialDeduplicator deduplicator, LogScanStatistics statistics, CancellationToken cancellationToken)
        {
            LogFileReader reader;
            try
            {
                reader = LogFileReader.Open(file);
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
                        statistics.Skip(file, LogFileSkipReason.NotALog, "not a Qlik Sense log: " + reader.NotALogReason);
                        return;
                    }

                    var layout = LicenseDenialRecognizer.ForColumns(reader.Columns);
                    if (layout == null)
                    {
                        statistics.Skip(file, LogFileSkipReason.NoLicenseColumns, "its columns cannot record license denials");
                        return;
                    }

                    ReadRecords(reader, layout, LogSourceName.FromPath(file), file, admission, deduplicator, statistics, cancellationToken);
                    statistics.FilesRead++;
                }
                catch (Exception error) when (IsFileError(error))
                {
                    statistics.Skip(file, LogFileSkipReason.Unreadable, "read failed: " + error.Message);
                }
                finally
                {
                    statistics.BytesRead += reader.BytesRead;
                }
            }
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static void ReadRecords(
            LogFileReader reader, DenialLayout layout, string source, string file, Admission admission,
            DenialDeduplicator deduplicator, LogScanStatistics statistics, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = reader.ReadLine();
                if (line == LogLineKind.End) return;

                statistics.LinesRead++;
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
                if (!admission.Admits(subject)) continue;
                if (!deduplicator.Add(layout.Read(reader, subject, evidence.Value, source, file))) statistics.DuplicateLines++;
            }
        }

        private static bool IsFileError(Exception error) =>
            error is IOException || error is UnauthorizedAccessException || error is NotSupportedException || error is System.Security.SecurityException;

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
                records.Any(record => record.IsServiceAccount));
        }

        /// <summary>
        /// The filters applied to each line before it is kept, so that left-out denials cost no memory. The time
        /// window is widened by the merge tolerance here and applied exactly to each event's time at the end,
        /// so that a denial whose lines straddle a bound is judged whole.
        /// </summary>
        private sealed class Admission
        {
            private readonly LicenseDenialScanOptions options;
            private readonly LogScanStatistics statistics;
            private readonly Dictionary<string, bool> excludedUsers = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            private readonly DateTimeOffset? widenedSince;
            private readonly DateTimeOffset? widenedUntil;

            public Admission(LicenseDenialScanOptions options, LogScanStatistics statistics)
            {
                this.options = options;
                this.statistics = statistics;
                widenedSince = Widen(options.Since, -DenialDeduplicator.Tolerance);
                widenedUntil = Widen(options.Until, DenialDeduplicator.Tolerance);
            }

            public bool IsInWindow(DateTimeOffset time) =>
                (options.Since == null || time >= options.Since.Value) && (options.Until == null || time < options.Until.Value);

            public bool Admits(in DenialSubject record)
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
                if (!excludedUsers.TryGetValue(key, out var excluded))
                {
                    excluded = options.ExcludeUser?.Invoke(userDirectory, userId) ?? false;
                    excludedUsers.Add(key, excluded);
                }
                return excluded;
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
