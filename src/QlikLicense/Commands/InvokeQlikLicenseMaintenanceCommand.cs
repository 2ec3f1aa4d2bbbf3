using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Reporting;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The monthly routine in one command (the engine's <see cref="MaintenanceRoutine"/>). It reports by default;
    /// -Remove and -AllocateDenied opt in to changes, made by the operations Remove-QlikLicenseAllocation and
    /// Add-QlikLicenseAllocation use (with their journal, limits and confirmations), so the routine behaves exactly
    /// like the steps run by hand.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "QlikLicenseMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(MaintenanceReport))]
    public sealed class InvokeQlikLicenseMaintenanceCommand : InactiveCriteriaCmdletBase
    {
        private readonly List<QlikConnection> piped = new List<QlikConnection>();

        /// <summary>The sites to run on (piped connections too); the session's default when omitted.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public new QlikConnection[]? Connection { get; set; }

        /// <summary>A .psd1 naming the sites to run on and how to authenticate to each (see about_QlikLicense); with -Connection, both run.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SitesFile { get; set; }

        /// <summary>Sites run at once; each site's routine runs on its own.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;
        /// <summary>Denials since this date (your time zone unless it says UTC); by default since the last run, or 30 days.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Log files or folders to read denials from; by default the site's archived logs and this node's logs.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? LogPath { get; set; }

        /// <summary>DIRECTORY\user patterns (wildcards allowed) left out of every step: never offered for release, their denials not read.</summary>
        [Parameter]
        [Alias("ExcludeDeniedUser")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateWildcardPattern]
        public override string[]? Exclude { get; set; }

        /// <summary>Release the allocations found (with -WhatIf/-Confirm as for Remove-QlikLicenseAllocation).</summary>
        [Parameter]
        public SwitchParameter Remove { get; set; }

        /// <summary>Allocate this access type to the denied users the site knows and who are not inactive.</summary>
        [Parameter]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType AllocateDenied { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaximumCount { get; set; } = 100;

        /// <summary>What an Analyzer seat costs in analyzer capacity minutes a month under your contract: a seat is suggested for people spending more.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int AnalyzerSeatMinutes { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>The maintenance history each run's figures are appended to; by default history.jsonl beside the routine's state.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HistoryPath { get; set; }

        /// <summary>The License Monitor counts as current when reloaded within this time.</summary>
        [Parameter]
        public TimeSpan MaximumAge { get; set; } = LicenseMonitorStatus.DefaultMaximumAge;

        /// <summary>Write the report as a self-contained HTML file here.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReportPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (Connection != null) piped.AddRange(Connection);
        }

        protected override void EndProcessing()
        {
            var fromFile = SitesFile != null ? ConnectSitesFile(SitesFile) : (Array.Empty<QlikConnection>(), Array.Empty<(SiteEntry, ErrorRecord)>());
            try
            {
                var given = piped.Concat(fromFile.Connected).Distinct().ToList();
                // Every site of the file has a report, so a scheduled run's exit code counts the sites that did not connect.
                var notConnected = fromFile.Failed.Select(failed => ProblemReport(failed.Site.Name ?? failed.Site.Label, failed.Error.ErrorDetails?.Message ?? failed.Error.Exception.Message));
                if (given.Count == 0 && SitesFile != null) WriteReports(notConnected.ToList());
                else Run(given.Count > 0 ? given : new List<QlikConnection> { ResolveConnection(null) }, notConnected);
            }
            finally
            {
                foreach (var connection in fromFile.Connected) connection.Dispose();
            }
        }

        /// <summary>Every site's routine; a site of the sites file that did not connect is reported with its problem.</summary>
        private void Run(List<QlikConnection> connections, IEnumerable<MaintenanceReport> notConnected)
        {
            foreach (var connection in connections) ResolveConnection(connection);
            var logPaths = LogPath?.SelectMany(path => LogPaths.Resolve(this, path)).ToList();
            var historyPath = HistoryPathOrDefault(HistoryPath);
            var usedOnSharedSite = ReadSharedLicenseUse(connections);
            var reports = new MaintenanceReport?[connections.Count];
            using (var dispatcher = new PipelineDispatcher())
            {
                var runs = dispatcher.RunAll(connections, ThrottleLimit, (connection, index) =>
                    reports[index] = RunSite(connection, logPaths, historyPath, usedOnSharedSite.TryGetValue(connection, out var used) ? used : null,
                        new DispatchedHost(this, dispatcher, connections.Count > 1 ? connection.Site : null, index), dispatcher));
                FlushVerbose();
                // Every site has finished; the first failure nobody could report (Ctrl+C, a prompt answered "Suspend", a bug) ends the command.
                var failure = runs.Where(run => run.IsFaulted).Select(run => run.Exception?.InnerException).FirstOrDefault();
                if (failure is OperationCanceledException && CancellationToken.IsCancellationRequested) throw new PipelineStoppedException();
                if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            WriteReports(reports.OfType<MaintenanceReport>().Concat(notConnected).ToList());
        }

        private void WriteReports(List<MaintenanceReport> finished)
        {
            SharedLicenses.Mark(finished);
            if (ReportPath != null && finished.Count > 0) WriteReport(finished);
            foreach (var report in finished)
            {
                WriteInformation(new InformationRecord(report.ToString(), MyInvocation.MyCommand.Name), new[] { "PSHOST" });
                if (PassThru) WriteObject(report);
            }
        }

        /// <summary>The routine on one site, on a worker thread: what needs the pipeline thread goes through <paramref name="dispatcher"/>.</summary>
        private MaintenanceReport RunSite(QlikConnection connection, IReadOnlyList<string>? logPaths, string historyPath,
            Func<string?, string?, bool>? usedOnSharedSite, IOperationHost host, PipelineDispatcher dispatcher)
        {
            var journalPath = dispatcher.Invoke(() =>
            {
                var path = JournalPathOrDefault(JournalPath, connection);
                WarnOfDefaultJournal(path);
                return path;
            });
            var criteria = dispatcher.Invoke(BuildCriteria);
            if (usedOnSharedSite != null) criteria.UsedOnSharedSite = usedOnSharedSite;
            var routine = new MaintenanceRoutine(connection, host)
            {
                Criteria = criteria,
                MaximumAge = MaximumAge,
                DeniedSinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null,
                LogPaths = logPaths,
                ExcludeDenied = Exclusion(),
                Remove = Remove,
                MaximumCount = MaximumCount,
                AnalyzerSeatMinutes = MyInvocation.BoundParameters.ContainsKey(nameof(AnalyzerSeatMinutes)) ? AnalyzerSeatMinutes : (int?)null,
                AllocateDenied = MyInvocation.BoundParameters.ContainsKey(nameof(AllocateDenied)) ? AllocateDenied : (LicenseAccessType?)null,
                JournalPathOf = site => journalPath,
                // The journal is chosen above, and its warning given once.
                OpenJournal = (path, nothingDone) => dispatcher.Invoke(() => OpenOperationJournal(path, path, nothingDone)),
                HistoryPath = historyPath,
                WhatIf = IsWhatIf,
            };
            try
            {
                return routine.Run(Call, CancellationToken);
            }
            catch (Exception error) when (error is SiteException || error is OperationException)
            {
                // What stops one site is its error; the other sites go on.
                var problem = error is OperationException stopped ? stopped.Problem : new OperationProblem(ProblemKind.SiteRequestFailed, error, connection.Site);
                host.Problem(problem);
                return ProblemReport(connection.Site, error.Message);
            }
        }

        /// <summary>
        /// With -UnusedDays or -UnusedSince over several sites: per site on a license another site of the run shares,
        /// whom those sites saw since, so an allocation unused on one site is not released while its holder uses another.
        /// </summary>
        private IReadOnlyDictionary<QlikConnection, Func<string?, string?, bool>> ReadSharedLicenseUse(IReadOnlyList<QlikConnection> connections)
        {
            var since = connections.Count > 1 ? BuildCriteria().UnusedSinceUtc : null;
            if (since == null) return new Dictionary<QlikConnection, Func<string?, string?, bool>>();
            try
            {
                return SharedLicenseUse.Read(connections, Type ?? LicenseAccessTypes.PerUser, since.Value, this, Call);
            }
            finally
            {
                FlushVerbose();
            }
        }

        /// <summary>The report of a site the routine could not run on.</summary>
        private MaintenanceReport ProblemReport(string site, string problem) =>
            new MaintenanceReport { Site = site, ModuleVersion = QlikLicense.ModuleVersion.Current, GeneratedAt = DateTime.UtcNow, WhatIf = IsWhatIf, Problems = new[] { problem } };

        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && ((SwitchParameter)whatIf).IsPresent;

        /// <summary>One file for the run: every site's report in it.</summary>
        private void WriteReport(IReadOnlyList<MaintenanceReport> reports)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReportPath);
            try
            {
                HtmlReportWriter.Write(reports, path);
                foreach (var report in reports) report.ReportPath = path;
                WriteVerbose($"Report: {path}");
            }
            catch (Exception error) when (error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(error, ErrorIds.ReportNotWritable, ErrorCategory.WriteError, path));
            }
        }
    }
}
