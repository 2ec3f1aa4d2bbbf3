using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Cloud;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
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

        /// <summary>A .psd1 naming the sites and tenants to run on and how to authenticate to each (see about_QlikLicense); with -Connection, both run.</summary>
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
                var notConnected = fromFile.Failed.Select(failed => (failed.Site.Name ?? failed.Site.Label, failed.Error.ErrorDetails?.Message ?? failed.Error.Exception.Message)).ToList();
                var connections = given.Count > 0 || SitesFile != null ? given : new List<QlikConnection> { ResolveConnection(null) };
                foreach (var connection in connections) ResolveConnection(connection);
                var run = new MaintenanceRun(this, Options()) { ThrottleLimit = ThrottleLimit };
                IReadOnlyList<MaintenanceReport> reports;
                try
                {
                    reports = run.Run(connections, notConnected, Call, CancellationToken);
                }
                catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                finally
                {
                    FlushVerbose();
                }
                if (ReportPath != null) HtmlReportWriter.WriteRun(reports, FileSystemPath(ReportPath)!, this);
                foreach (var report in reports)
                {
                    WriteInformation(new InformationRecord(report.ToString(), MyInvocation.MyCommand.Name), new[] { "PSHOST" });
                    if (PassThru) WriteObject(report);
                }
            }
            finally
            {
                foreach (var connection in fromFile.Connected) connection.Dispose();
            }
        }

        /// <summary>What the routine does on every site, from the parameters.</summary>
        private MaintenanceOptions Options() => new MaintenanceOptions
        {
            Criteria = BuildCriteria(),
            MaximumAge = MaximumAge,
            DeniedSinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null,
            LogPaths = LogPath?.SelectMany(path => LogPaths.Resolve(this, path)).ToList(),
            ExcludeDenied = Exclusion(),
            Remove = Remove,
            MaximumCount = MaximumCount,
            AnalyzerSeatMinutes = MyInvocation.BoundParameters.ContainsKey(nameof(AnalyzerSeatMinutes)) ? AnalyzerSeatMinutes : (int?)null,
            AllocateDenied = MyInvocation.BoundParameters.ContainsKey(nameof(AllocateDenied)) ? AllocateDenied : (LicenseAccessType?)null,
            JournalPath = FileSystemPath(JournalPath),
            HistoryPath = HistoryPathOrDefault(HistoryPath),
            WhatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && ((SwitchParameter)whatIf).IsPresent,
        };

        /// <summary>
        /// Connects to every site and tenant of a sites file (a PowerShell path), one after the other. A bad entry or an
        /// entry that cannot be reached gives an error record about it, and the others still connect; a file that
        /// cannot be read at all stops the command. The caller owns (and disposes) the connections; the sites that did
        /// not connect are returned with their error records (already written).
        /// </summary>
        private (IReadOnlyList<QlikConnection> Connected, IReadOnlyList<(SiteEntry Site, ErrorRecord Error)> Failed) ConnectSitesFile(string sitesFile)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(sitesFile);
            (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<OperationProblem> Problems) content;
            try
            {
                content = Commands.SitesFile.Read(path);
            }
            catch (ConnectionSetupException error)
            {
                throw Terminate(error.Record);
            }
            var failed = new List<(SiteEntry, ErrorRecord)>();
            void Fail(SiteEntry site, ErrorRecord error)
            {
                WriteError(error);
                failed.Add((site, error));
            }
            foreach (var problem in content.Problems) Fail((SiteEntry)problem.Target!, ErrorFor(problem));
            var connections = new List<QlikConnection>();
            foreach (var site in content.Sites)
            {
                try
                {
                    var connection = site.Tenant != null
                        ? Wait(CloudSite.ConnectAsync(SiteEntryConnection.TenantSettings(site), Call))
                        : Wait(QrsSite.ConnectAsync(SiteEntryConnection.Settings(site), Call));
                    var product = site.Tenant != null ? connection.ServerVersion : $"Qlik Sense {connection.ServerVersion}";
                    WriteVerbose($"Site {site.Label}: connected to {connection.Site} ({product}) with {connection.Authentication}.");
                    connections.Add(connection);
                }
                catch (ConnectionSetupException error)
                {
                    Fail(site, error.Record);
                }
                catch (SiteException error)
                {
                    Fail(site, SiteEntryConnection.About(site, ErrorFor(error, site)));
                }
                catch
                {
                    // Ctrl+C: the sites connected so far are nobody else's to close.
                    foreach (var connection in connections) connection.Dispose();
                    throw;
                }
            }
            return (connections, failed);
        }
    }
}
