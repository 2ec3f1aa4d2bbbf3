using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Logs;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseDenial")]
    [OutputType(typeof(LicenseDenial), typeof(LicenseDenialEvent))]
    public sealed class GetQlikLicenseDenialCommand : QlikCmdlet
    {
        /// <summary>A handful of files reads in an instant; progress is for archives of many.</summary>
        private const int ProgressThreshold = 5;

        private const int ProgressActivityId = 1;
        private const string ProgressActivity = "Reading Qlik Sense logs";

        private readonly List<string> paths = new List<string>();
        private readonly HashSet<string> siteFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private bool pathGiven;
        private LicenseDenialScanOptions options;

        /// <summary>Log files or folders (searched recursively); PowerShell wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>Denials at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Denials before this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Until { get; set; }

        /// <summary>One object per denial instead of one per user.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Also denials of service accounts (INTERNAL users, QRS API calls, the services' own account).</summary>
        [Parameter]
        public SwitchParameter IncludeServiceAccount { get; set; }

        /// <summary>DIRECTORY\user patterns (wildcards allowed, case-insensitive) whose denials are left out.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateWildcardPattern]
        public string[] ExcludeUser { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public QlikConnection Connection { get; set; }

        // The time window is checked before any file is touched.
        protected override void BeginProcessing() => options = ScanOptions();

        protected override void ProcessRecord()
        {
            if (Path == null) return;
            pathGiven = true;
            foreach (var path in Path) paths.AddRange(ResolvePath(path));
        }

        protected override void EndProcessing()
        {
            var connection = Connection ?? ConnectionRegistry.Default;
            if (connection != null) connection = ResolveConnection(connection);

            if (!pathGiven)
            {
                // Pipeline input that held no path means nothing to read, not "read the whole site".
                if (MyInvocation.ExpectingInput) return;
                AddSiteFolders(connection);
            }

            var files = LogFileLocator.Resolve(paths, WriteFolderWarning, WritePathNotFound).ToList();
            var scanner = new LicenseDenialScanner(options);
            List<LicenseDenialEvent> events;
            try
            {
                events = scanner.Scan(WithProgress(files), CancellationToken).ToList();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                if (files.Count > ProgressThreshold)
                    WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            if (Raw)
            {
                WriteStatistics(scanner.Statistics, events.Select(denial => denial.UserDirectory + "\\" + denial.UserId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
                WriteObject(events, enumerateCollection: true);
                return;
            }

            var denials = LicenseDenialAggregator.Aggregate(events).Select(LicenseDenials.From).ToList();
            WriteStatistics(scanner.Statistics, denials.Count);
            if (connection != null && denials.Count > 0) Guard(connection.Site, () => DenialEnrichment.Enrich(connection, denials, Call));
            WriteObject(denials, enumerateCollection: true);
        }

        private LicenseDenialScanOptions ScanOptions()
        {
            var options = new LicenseDenialScanOptions
            {
                Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToInstant(Since) : (DateTimeOffset?)null,
                Until = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? QlikDates.ToInstant(Until) : (DateTimeOffset?)null,
                IncludeServiceAccounts = IncludeServiceAccount,
                ExcludeUser = UserPatterns.IdentityMatcher(ExcludeUser),
            };
            if (options.Since > options.Until)
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-Since ({QlikDates.ToMessageText(options.Since.Value.UtcDateTime)}) is later than -Until ({QlikDates.ToMessageText(options.Until.Value.UtcDateTime)})."),
                    "InvalidTimeWindow", ErrorCategory.InvalidArgument, null));
            return options;
        }

        /// <summary>PowerShell paths (relative to the current location, drives, wildcards) as file-system paths.</summary>
        private IEnumerable<string> ResolvePath(string path)
        {
            try
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name == "FileSystem") return resolved;
                WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file-system path: logs are files."), "LogPathNotFileSystem", ErrorCategory.InvalidArgument, path));
            }
            catch (Exception error) when (error is ItemNotFoundException || error is System.Management.Automation.DriveNotFoundException)
            {
                WritePathNotFound(new LogPathNotFoundException(path));
            }
            return Array.Empty<string>();
        }

        /// <summary>Without -Path: the site's ArchivedLogs share (from QRS) and, on a node, its live logs.</summary>
        private void AddSiteFolders(QlikConnection connection)
        {
            if (connection == null)
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException(@"Name the log files or folders with -Path (on a node: $env:ProgramData\Qlik\Sense\Log), or connect with Connect-QlikSense so that the site's archived logs folder can be found."),
                    "NoLogPath", ErrorCategory.InvalidArgument, null));

            Guard(connection.Site, () =>
            {
                var roots = connection.Endpoint.ReadArchivedLogFolders(Call);
                if (roots.Count == 0) WriteWarning($"The site {connection.Site} names no archived logs folder (servicecluster settings).");
                foreach (var root in roots)
                {
                    WriteVerbose($"Archived logs of {connection.Site}: {root}");
                    siteFolders.Add(root);
                    paths.Add(root);
                }
            });

            var local = SiteLogFolders.LocalNodeFolder;
            if (!Directory.Exists(local)) return;
            WriteVerbose($"Live logs of this node: {local}");
            paths.Add(local);
        }

        private IEnumerable<string> WithProgress(IReadOnlyList<string> files)
        {
            for (var index = 0; index < files.Count; index++)
            {
                if (files.Count > ProgressThreshold)
                    WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity,
                        string.Format(CultureInfo.InvariantCulture, "File {0} of {1}: {2}", index + 1, files.Count, System.IO.Path.GetFileName(files[index])))
                    {
                        PercentComplete = index * 100 / files.Count,
                        CurrentOperation = files[index],
                    });
                yield return files[index];
            }
        }

        private void WriteStatistics(LogScanStatistics statistics, int users)
        {
            foreach (var unreadable in statistics.SkippedFiles.Where(file => file.Reason == LogFileSkipReason.Unreadable))
                WriteWarning($"Could not read {unreadable}. Denials it records are missing from the result.");

            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Read {0} log file(s): {1} lines, {2:0.0} MB.",
                statistics.FilesRead, statistics.LinesRead, statistics.BytesRead / (1024.0 * 1024.0)));
            WriteVerbose(statistics.FilesSkipped == 0
                ? "Skipped no files."
                : string.Format(CultureInfo.InvariantCulture, "Skipped {0} file(s): {1}.", statistics.FilesSkipped, string.Join("; ", statistics.SkippedFiles)));
            WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "Skipped {0} line(s) that are not complete log records (blank, cut short, or without a readable time or user).", statistics.LinesSkipped));
            WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "Kept {0} denial(s) of {1} user(s) from {2} denial line(s); left out {3} line(s) of service accounts, {4} of -ExcludeUser, {5} outside -Since/-Until, {6} repeating a denial another log recorded.",
                statistics.Events, users, statistics.DenialLines, statistics.ServiceAccountLines, statistics.ExcludedUserLines, statistics.OutsideWindowLines, statistics.DuplicateLines));
        }

        private void WriteFolderWarning(string problem) => WriteWarning("Skipped folder " + problem);

        private void WritePathNotFound(LogPathNotFoundException error)
        {
            var record = new ErrorRecord(error, "LogPathNotFound", ErrorCategory.ObjectNotFound, error.Path);
            if (siteFolders.Contains(error.Path))
                record.ErrorDetails = new ErrorDetails(
                    $"Cannot reach the site's archived logs folder '{error.Path}', which QRS names (servicecluster). Run this where that share is reachable, or name the folders with -Path.");
            WriteError(record);
        }
    }
}
