using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using QlikLicense.Logs;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>
    /// Finding the users denied a license, as Get-QlikLicenseDenial and the routine do it: the log files named (or
    /// the site's archived logs and this node's logs), read once, denials counted once however many logs recorded
    /// them, then each user's record and allocations from the site.
    /// </summary>
    public sealed class LicenseDenialSearch
    {
        /// <summary>A handful of files reads in an instant; progress is for archives of many.</summary>
        private const int ProgressThreshold = 5;

        private const int ProgressActivityId = 1;
        private const string ProgressActivity = "Reading Qlik Sense logs";

        private readonly IOperationHost host;
        private readonly LicenseDenialScanOptions options;
        private readonly List<string> paths = new List<string>();
        private readonly HashSet<string> siteFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Paths already reported as not found: the warning that no log was read does not name them again.</summary>
        private readonly HashSet<string> pathsNotFound = new HashSet<string>(StringComparer.Ordinal);

        private readonly List<string> gaps = new List<string>();
        private IRecordedDenialSite? recordingSite;

        public LicenseDenialSearch(IOperationHost host, LicenseDenialScanOptions options)
        {
            this.host = host;
            this.options = options;
        }

        /// <summary>
        /// What the search could not do, in plain words: a path not found or unreadable, no log read, a site request that
        /// failed. Each is also told to the host as it happens (a warning or a problem); a run's report lists them, so
        /// that denials not looked for do not pass for none.
        /// </summary>
        public IReadOnlyList<string> Gaps => gaps;

        /// <summary>Files or folders (searched recursively) to read, as file-system paths.</summary>
        public void AddPaths(IEnumerable<string> fileSystemPaths) => paths.AddRange(fileSystemPaths);

        /// <summary>The site's archived logs folders (a site request that fails is a problem, and the rest goes on) and, on a node, its live logs.</summary>
        public void AddSiteFolders(QlikConnection connection, SiteCall call)
        {
            // A site that records refusals itself (a tenant's audit events) keeps no log files to read.
            if (connection.SiteApi is IRecordedDenialSite recording)
            {
                recordingSite = recording;
                return;
            }
            if (!(connection.SiteApi is ILogFileSite logFiles)) return;
            try
            {
                var roots = logFiles.ReadArchivedLogFolders(call);
                if (roots.Count == 0) Warn(MaintenanceMessages.Denials.NoArchivedLogsFolder(connection.Site));
                foreach (var root in roots)
                {
                    host.Verbose($"Archived logs of {connection.Site}: {root}");
                    siteFolders.Add(root);
                    paths.Add(root);
                }
            }
            catch (SiteException error)
            {
                Fail(new OperationProblem(ProblemKind.SiteRequestFailed, error, connection.Site));
            }

            var local = SiteLogFolders.LocalNodeFolder;
            if (!Directory.Exists(local)) return;
            host.Verbose($"Live logs of this node: {local}");
            paths.Add(local);
        }

        /// <summary>
        /// One object per user, with the user's record and allocations when <paramref name="connection"/> is given
        /// (a site request that fails is a problem; the denials are returned without them).
        /// </summary>
        public IReadOnlyList<LicenseDenial> FindDenials(QlikConnection? connection, SiteCall call)
        {
            var denials = recordingSite != null ? ReadRecorded(recordingSite, call) : ScanLogs(call);
            if (connection == null || denials.Count == 0) return denials;
            try
            {
                DenialEnrichment.Enrich(connection, denials, call);
            }
            catch (SiteException error)
            {
                Fail(new OperationProblem(ProblemKind.SiteRequestFailed, error, connection.Site));
            }
            return denials;
        }

        private List<LicenseDenial> ScanLogs(SiteCall call)
        {
            var scanner = new LicenseDenialScanner(options);
            var events = Scan(scanner, call.Cancellation);
            var denials = LicenseDenialAggregator.Aggregate(events).Select(LicenseDenials.From).ToList();
            ReportStatistics(scanner.Statistics, denials.Count);
            return denials;
        }

        private List<LicenseDenial> ReadRecorded(IRecordedDenialSite site, SiteCall call)
        {
            var denials = site.ReadDenials(options.Since, options.Until, call)
                .Where(denial => options.ExcludeUser == null || !options.ExcludeUser(denial.UserDirectory, denial.UserId)).ToList();
            host.Verbose(string.Format(CultureInfo.InvariantCulture, "The site recorded licence refusals of {0} user(s).", denials.Count));
            return denials;
        }

        /// <summary>One object per denial.</summary>
        public IReadOnlyList<LicenseDenialEvent> FindEvents(CancellationToken cancellation)
        {
            var scanner = new LicenseDenialScanner(options);
            var events = Scan(scanner, cancellation);
            ReportStatistics(scanner.Statistics, events.Select(denial => denial.UserDirectory + "\\" + denial.UserId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            return events;
        }

        private List<LicenseDenialEvent> Scan(LicenseDenialScanner scanner, CancellationToken cancellation)
        {
            var files = LogFileLocator.Resolve(paths, problem => Warn(MaintenanceMessages.Denials.FolderSkipped(problem)), NotFound).ToList();
            try
            {
                return scanner.Scan(WithProgress(files), cancellation).ToList();
            }
            finally
            {
                if (files.Count > ProgressThreshold) host.ProgressCompleted(ProgressActivityId, ProgressActivity);
            }
        }

        private void NotFound(LogPathNotFoundException error)
        {
            pathsNotFound.Add(error.Path);
            Fail(new OperationProblem(ProblemKind.LogPathNotFound, error, error.Path)
            {
                Details = siteFolders.Contains(error.Path)
                    ? MaintenanceMessages.Denials.ArchivedLogsFolderUnreachable(error.Path)
                    : null,
            });
        }

        private IEnumerable<string> WithProgress(IReadOnlyList<string> files)
        {
            for (var index = 0; index < files.Count; index++)
            {
                if (files.Count > ProgressThreshold)
                    host.Progress(ProgressActivityId, ProgressActivity,
                        string.Format(CultureInfo.InvariantCulture, "File {0} of {1}: {2}", index + 1, files.Count, Path.GetFileName(files[index])), index, files.Count, files[index]);
                yield return files[index];
            }
        }

        private void Warn(string message)
        {
            gaps.Add(message);
            host.Warning(message);
        }

        private void Fail(OperationProblem problem)
        {
            gaps.Add(problem.Details ?? problem.Message);
            host.Problem(problem);
        }

        private void ReportStatistics(LogScanStatistics statistics, int users)
        {
            foreach (var unreadable in statistics.SkippedFiles.Where(file => file.Reason == LogFileSkipReason.Unreadable))
                Warn(MaintenanceMessages.Denials.FileUnreadable(unreadable));

            // Nothing read would otherwise look like nobody denied: a wrong folder or file must not pass for a quiet month.
            if (statistics.FilesRead == 0)
            {
                var searched = paths.Where(path => !pathsNotFound.Contains(path)).Distinct(StringComparer.Ordinal).ToList();
                if (searched.Count > 0) Warn(MaintenanceMessages.Denials.NoLogRead(searched, statistics.FilesSkipped));
            }

            host.Verbose(string.Format(CultureInfo.InvariantCulture, "Read {0} log file(s): {1} lines, {2:0.0} MB.",
                statistics.FilesRead, statistics.LinesRead, statistics.BytesRead / (1024.0 * 1024.0)));
            host.Verbose(statistics.FilesSkipped == 0
                ? "Skipped no files."
                : string.Format(CultureInfo.InvariantCulture, "Skipped {0} file(s): {1}.", statistics.FilesSkipped, string.Join("; ", statistics.SkippedFiles)));
            host.Verbose(string.Format(CultureInfo.InvariantCulture,
                "Skipped {0} line(s) that hold a denial's mark but cannot be read (cut short, too long, or without a readable time or user).", statistics.LinesSkipped));
            host.Verbose(string.Format(CultureInfo.InvariantCulture,
                "Kept {0} denial(s) of {1} user(s) from {2} denial line(s); left out {3} line(s) of service accounts, {4} of -Exclude, {5} outside -Since/-Until, {6} repeating a denial another log recorded.",
                statistics.Events, users, statistics.DenialLines, statistics.ServiceAccountLines, statistics.ExcludedUserLines, statistics.OutsideWindowLines, statistics.DuplicateLines));
        }
    }
}
