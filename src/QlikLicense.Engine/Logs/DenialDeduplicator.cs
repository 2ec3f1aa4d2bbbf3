using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Folds the lines that record one denial into one event.
    /// <para>
    /// Why this way: one refused request is written by up to six logs (repository AuditSecurity and Service,
    /// License_Repository, proxy AuditSecurity and Service, the proxy Audit trace) that share no single id. In the
    /// real April 2018 sample: the repository and proxy audit/service lines of one request carry the same
    /// ProxyPackageId (a per-request id); License_Repository and the proxy Audit trace carry no package id;
    /// the session id does not tell denials apart (the sample's person was denied 8 times in one session, the
    /// service account's polls open sessions 1.3 s apart) and since 2023 it is logged as a salted hash that may
    /// not match across services. Lines of one denial lie within ~25 ms in the repository logs and up to ~1 s
    /// later in the proxy trace; every log writes denials in the order they happen.
    /// </para>
    /// <para>
    /// So, per user (directory and user id, case-insensitive): lines with the same ProxyPackageId are one
    /// denial; then the lines without one are merged log kind by log kind, in time order, each into the
    /// earliest denial not yet holding a line of that kind and lying within <see cref="Tolerance"/> (an
    /// order-preserving match: it pairs the k-th denial of a burst in one log with the k-th in another, even
    /// when one log lags); a line with no such partner is a denial of its own. A log writes a denial once, so two
    /// lines of one kind are never merged; a line equal to one already seen (same kind and line Id: the same
    /// file copied to two folders) is dropped.
    /// </para>
    /// All lines are kept until the end because a denial's lines can be in files read in any order; the lines
    /// kept are only the admitted denials (filtering happens before), never the files.
    /// </summary>
    internal sealed class DenialDeduplicator
    {
        /// <summary>How far apart two logs' lines of one denial can be.</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

        private readonly UserTable<List<DenialRecord>> recordsByUser = new UserTable<List<DenialRecord>>();

        /// <summary>The lines seen, a set per log kind: a line's Id, or its time, session and user where it has none.</summary>
        private readonly Dictionary<string, HashSet<Utf8Text>> seenLinesBySource = new Dictionary<string, HashSet<Utf8Text>>(StringComparer.Ordinal);

        /// <summary>Keeps a line; false when it is a copy of a line already kept.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public bool Add(DenialRecord record)
        {
            var line = record.RecordId.IsNull ? LineWithoutId(record) : record.RecordId;
            if (!seenLinesBySource.TryGetValue(record.Source, out var seenLines)) seenLinesBySource.Add(record.Source, seenLines = new HashSet<Utf8Text>());
            if (!seenLines.Add(line)) return false;

            recordsByUser.GetOrAdd(record.UserDirectory, record.UserId, NewUser).Add(record);
            return true;
        }

        private static List<DenialRecord> NewUser(string directory, string userId) => new List<DenialRecord>();

        /// <summary>
        /// Without a line Id, the time, session and user name the line: two users denied in the same millisecond are two
        /// lines. As UTF-8 it is equal to another line's Id only where their texts are equal.
        /// </summary>
        private static Utf8Text LineWithoutId(DenialRecord record)
        {
            var bytes = Utf8Text.Encoding.GetBytes(record.Timestamp.UtcTicks + "|" + record.SessionId + "|" + record.UserDirectory + "\\" + record.UserId);
            return new Utf8Text(bytes, 0, bytes.Length);
        }

        /// <summary>
        /// The distinct denials of all lines kept, each with what <paramref name="convert"/> makes of it, user by user in
        /// the order the users were first seen. Users share no line, so they are merged in parallel (up to one per
        /// processor), each user's denials converted on the thread that merged them; the result is the same.
        /// </summary>
        public List<(DenialCluster Cluster, T Converted)> Merge<T>(Func<DenialCluster, T> convert)
        {
            var users = recordsByUser.Values;
            var mergedByUser = new List<(DenialCluster, T)>[users.Count];
            Parallel.For(0, users.Count, user => mergedByUser[user] = MergeAndConvert(users[user], convert));

            var all = new List<(DenialCluster, T)>(mergedByUser.Sum(merged => merged.Count));
            foreach (var merged in mergedByUser) all.AddRange(merged);
            return all;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static List<(DenialCluster, T)> MergeAndConvert<T>(List<DenialRecord> records, Func<DenialCluster, T> convert)
        {
            var clusters = MergeUser(records);
            var merged = new List<(DenialCluster, T)>(clusters.Count);
            foreach (var cluster in clusters) merged.Add((cluster, convert(cluster)));
            return merged;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static List<DenialCluster> MergeUser(List<DenialRecord> records)
        {
            var clusters = new List<DenialCluster>();
            var byPackage = new Dictionary<Utf8Text, DenialCluster>();
            var withoutPackage = new List<DenialRecord>();
            foreach (var record in records)
            {
                if (record.PackageId.IsNull)
                {
                    withoutPackage.Add(record);
                }
                else if (byPackage.TryGetValue(record.PackageId, out var cluster) && !cluster.HasSource(record.Source))
                {
                    cluster.Add(record);
                }
                else
                {
                    var created = new DenialCluster(record);
                    if (cluster == null) byPackage.Add(record.PackageId, created);
                    clusters.Add(created);
                }
            }
            clusters.Sort(ByAnchor);

            var kinds = withoutPackage
                .GroupBy(SourceOf, StringComparer.Ordinal)
                .OrderBy(BestEvidenceOf)
                .ThenBy(kind => kind.Key, StringComparer.Ordinal);
            foreach (var kind in kinds)
            {
                clusters = Align(clusters, kind.OrderBy(TicksOf).ToList());
            }
            return clusters;
        }

        // Keys of the lines, called once for each of tens of thousands: methods compiled optimized at once, not lambdas
        // that run unoptimized through a session's first scans while the runtime gets round to recompiling them.
        [MethodImpl(LogFileReader.HotPath)]
        private static string SourceOf(DenialRecord record) => record.Source;

        [MethodImpl(LogFileReader.HotPath)]
        private static long TicksOf(DenialRecord record) => record.Timestamp.UtcTicks;

        [MethodImpl(LogFileReader.HotPath)]
        private static DenialEvidence EvidenceOf(DenialRecord record) => record.Evidence;

        [MethodImpl(LogFileReader.HotPath)]
        private static DenialEvidence BestEvidenceOf(IEnumerable<DenialRecord> kind) => kind.Min(EvidenceOf);

        /// <summary>Merges one log kind's lines (time-ordered) into the denials (anchor-ordered), keeping order.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        private static List<DenialCluster> Align(List<DenialCluster> clusters, List<DenialRecord> kind)
        {
            var merged = new List<DenialCluster>(clusters.Count + kind.Count);
            var next = 0;
            foreach (var record in kind)
            {
                var ticks = record.Timestamp.UtcTicks;
                while (next < clusters.Count && clusters[next].AnchorUtcTicks < ticks - Tolerance.Ticks) merged.Add(clusters[next++]);

                var candidate = next;
                while (candidate < clusters.Count && clusters[candidate].AnchorUtcTicks <= ticks + Tolerance.Ticks && clusters[candidate].HasSource(record.Source)) candidate++;

                if (candidate < clusters.Count && clusters[candidate].AnchorUtcTicks <= ticks + Tolerance.Ticks)
                {
                    while (next <= candidate) merged.Add(clusters[next++]);
                    clusters[candidate].Add(record);
                }
                else
                {
                    merged.Add(new DenialCluster(record));
                }
            }
            while (next < clusters.Count) merged.Add(clusters[next++]);
            merged.Sort(ByAnchor);
            return merged;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static int ByAnchor(DenialCluster left, DenialCluster right) => left.AnchorUtcTicks.CompareTo(right.AnchorUtcTicks);
    }
}
