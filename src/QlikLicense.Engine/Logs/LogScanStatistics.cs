using System.Collections.Generic;

namespace QlikLicense.Logs
{
    /// <summary>What a scan read and left out, for -Verbose. Counts are complete once the scan's enumeration ends.</summary>
    public sealed class LogScanStatistics
    {
        private readonly List<SkippedLogFile> skippedFiles = new List<SkippedLogFile>();

        /// <summary>Log files read to the end.</summary>
        public int FilesRead { get; internal set; }

        public int FilesSkipped => skippedFiles.Count;
        public IReadOnlyList<SkippedLogFile> SkippedFiles => skippedFiles;

        /// <summary>Lines after the headers of the files read.</summary>
        public long LinesRead { get; internal set; }

        /// <summary>
        /// Lines holding a denial's bytes that are no whole record (a field count other than the header's), denial
        /// lines without a readable time or user, and lines too long to read. Other lines are not looked at.
        /// </summary>
        public long LinesSkipped { get; internal set; }

        /// <summary>Bytes read from all files, skipped ones included.</summary>
        public long BytesRead { get; internal set; }

        /// <summary>Lines recognised as license denials, before filtering and merging.</summary>
        public long DenialLines { get; internal set; }

        /// <summary>Denial lines of service accounts, left out (see IncludeServiceAccounts).</summary>
        public long ServiceAccountLines { get; internal set; }

        /// <summary>Denial lines of users the ExcludeUser filter named.</summary>
        public long ExcludedUserLines { get; internal set; }

        /// <summary>Denial lines outside Since/Until.</summary>
        public long OutsideWindowLines { get; internal set; }

        /// <summary>Denial lines that another log's line of the same denial (or a copy of the file) already counted.</summary>
        public long DuplicateLines { get; internal set; }

        /// <summary>Distinct denials returned.</summary>
        public long Events { get; internal set; }

        /// <summary>Adds what one file read (its skipped entry after those already listed); duplicates and events are counted after the merge.</summary>
        internal void Add(LogScanStatistics file)
        {
            skippedFiles.AddRange(file.skippedFiles);
            FilesRead += file.FilesRead;
            LinesRead += file.LinesRead;
            LinesSkipped += file.LinesSkipped;
            BytesRead += file.BytesRead;
            DenialLines += file.DenialLines;
            ServiceAccountLines += file.ServiceAccountLines;
            ExcludedUserLines += file.ExcludedUserLines;
            OutsideWindowLines += file.OutsideWindowLines;
        }

        internal void Skip(string path, LogFileSkipReason reason, string detail) => skippedFiles.Add(new SkippedLogFile(path, reason, detail));
    }
}
