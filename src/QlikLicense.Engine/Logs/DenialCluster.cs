using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>The lines of one denial, best witness first.</summary>
    internal sealed class DenialCluster
    {
        /// <summary>
        /// Exactly the lines (at most one per log kind, so growing by one costs little): the event keeps this array as
        /// its lines, so no list and no spare room outlive the scan for each of tens of thousands of denials.
        /// </summary>
        private DenialRecord[] records;

        [MethodImpl(LogFileReader.HotPath)]
        public DenialCluster(DenialRecord first)
        {
            AnchorUtcTicks = first.Timestamp.UtcTicks;
            records = new[] { first };
        }

        /// <summary>The earliest line's time.</summary>
        public long AnchorUtcTicks { get; private set; }

        /// <summary>Ordered by evidence (repository license check first), then log kind, then time.</summary>
        public IReadOnlyList<DenialRecord> Records => records;

        /// <summary>Whether a line of that log kind is already here; a loop rather than LINQ: it runs for each line merged.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public bool HasSource(string source)
        {
            for (var index = 0; index < records.Length; index++)
            {
                if (records[index].Source == source) return true;
            }
            return false;
        }

        [MethodImpl(LogFileReader.HotPath)]
        public void Add(DenialRecord record)
        {
            AnchorUtcTicks = Math.Min(AnchorUtcTicks, record.Timestamp.UtcTicks);
            var index = 0;
            while (index < records.Length && Compare(records[index], record) <= 0) index++;
            var grown = new DenialRecord[records.Length + 1];
            Array.Copy(records, grown, index);
            grown[index] = record;
            Array.Copy(records, index, grown, index + 1, records.Length - index);
            records = grown;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static int Compare(DenialRecord left, DenialRecord right)
        {
            var byEvidence = left.Evidence.CompareTo(right.Evidence);
            if (byEvidence != 0) return byEvidence;
            var bySource = string.CompareOrdinal(left.Source, right.Source);
            return bySource != 0 ? bySource : left.Timestamp.UtcTicks.CompareTo(right.Timestamp.UtcTicks);
        }
    }
}
