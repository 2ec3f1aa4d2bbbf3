using System;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
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
        public LicenseAccessType AllocateDenied { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaximumCount { get; set; } = 100;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>The License Monitor counts as current when reloaded within this time.</summary>
        [Parameter]
        public TimeSpan MaximumAge { get; set; } = LicenseMonitorStatus.DefaultMaximumAge;

        /// <summary>Write the report as a self-contained HTML file here.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReportPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var journalPath = JournalPath != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath) : LicenseJournal.DefaultPath(connection.Site);
            WarnOfDefaultJournal(journalPath);
            var routine = new MaintenanceRoutine(connection, this)
            {
                Criteria = BuildCriteria(),
                MaximumAge = MaximumAge,
                DeniedSinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null,
                LogPaths = LogPath?.SelectMany(path => LogPaths.Resolve(this, path)).ToList(),
                ExcludeDenied = UserPatterns.Exclusion(Exclude, ExcludeUserDirectory),
                Remove = Remove,
                MaximumCount = MaximumCount,
                AllocateDenied = MyInvocation.BoundParameters.ContainsKey(nameof(AllocateDenied)) ? AllocateDenied : (LicenseAccessType?)null,
                JournalPathOf = site => journalPath,
                // The journal is chosen above, and its warning given once.
                OpenJournal = (path, nothingDone) => OpenOperationJournal(path, path, nothingDone),
                WhatIf = IsWhatIf,
            };
            MaintenanceReport? report = null;
            RunOperation(connection.Site, () => report = routine.Run(Call, CancellationToken));
            if (report == null) return;
            if (ReportPath != null) WriteReport(report);
            WriteInformation(new InformationRecord(report.ToString(), MyInvocation.MyCommand.Name), new[] { "PSHOST" });
            if (PassThru) WriteObject(report);
        }

        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && ((SwitchParameter)whatIf).IsPresent;

        private void WriteReport(MaintenanceReport report)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReportPath);
            try
            {
                HtmlReportWriter.Write(report, path);
                report.ReportPath = path;
                WriteVerbose($"Report: {path}");
            }
            catch (Exception error) when (error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(error, ErrorIds.ReportNotWritable, ErrorCategory.WriteError, path));
            }
        }
    }
}
