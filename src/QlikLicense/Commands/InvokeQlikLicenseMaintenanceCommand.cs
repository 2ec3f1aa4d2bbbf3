using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Reporting;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The monthly routine in one command. It reports by default; -Remove and -AllocateDenied opt in to changes,
    /// which go through Remove-QlikLicenseAllocation and Add-QlikLicenseAllocation themselves (with their journal,
    /// limits and confirmations) so the routine behaves exactly like the steps run by hand.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "QlikLicenseMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(MaintenanceReport))]
    public sealed class InvokeQlikLicenseMaintenanceCommand : InactiveCriteriaCmdlet
    {
        private const int ProgressActivityId = 7;
        private const string ProgressActivity = "Qlik Sense license maintenance";
        private const int Steps = 6;

        /// <summary>How far back to read denials on a first run.</summary>
        private static readonly TimeSpan FirstRunDenialWindow = TimeSpan.FromDays(30);

        /// <summary>Denials since this date (your time zone unless it says UTC); by default since the last run, or 30 days.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Log files or folders to read denials from; by default the site's archived logs and this node's logs.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] LogPath { get; set; }

        /// <summary>DIRECTORY\user patterns whose denials are left out.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateWildcardPattern]
        public string[] ExcludeDeniedUser { get; set; }

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
        public string JournalPath { get; set; }

        /// <summary>The License Monitor counts as current when reloaded within this time.</summary>
        [Parameter]
        public TimeSpan MaximumAge { get; set; } = LicenseMonitorCheck.DefaultMaximumAge;

        /// <summary>Write the report as a self-contained HTML file here.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ReportPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection(Connection);
            var started = DateTime.UtcNow;
            var problems = new List<string>();
            // One journal for every change of the run, named in the report even when nothing changed.
            var journalPath = JournalPath != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath) : LicenseJournal.DefaultPath(connection.Site);
            WarnOfDefaultJournal(journalPath);
            var report = new MaintenanceReport
            {
                Site = connection.Site,
                ServerVersion = connection.ServerVersion,
                ModuleVersion = ModuleVersion.Current,
                GeneratedAt = started,
                WhatIf = IsWhatIf,
            };

            Step(1, "Checking the License Monitor", problems, () =>
            {
                report.LicenseMonitor = LicenseMonitorCheck.Check(connection, MaximumAge, started, Call);
                if (!report.LicenseMonitor.IsOperational) WriteWarning("License Monitor: " + report.LicenseMonitor.Reason);
            });

            Step(2, "Finding allocations of inactive users", problems, () =>
            {
                var criteria = BuildCriteria();
                criteria.RuleCheckFailed = (type, error) => problems.Add($"Rule check for {type}: {error.Message}");
                report.Candidates = new InactiveLicensedUserFinder(connection).Find(criteria, Call).ToArray();
                report.RuleWarnings = report.Candidates.Where(candidate => candidate.GrantingRules.Count > 0)
                    .Select(candidate => RuleWarnings.GrantedBack(candidate, candidate.GrantingRules)).ToArray();
                foreach (var warning in report.RuleWarnings) WriteWarning(warning);
            });

            report.DeniedSince = MyInvocation.BoundParameters.ContainsKey(nameof(Since))
                ? QlikDates.ToUtc(Since)
                : MaintenanceState.LastRun(connection.Site) ?? started - FirstRunDenialWindow;
            Step(3, "Reading license denials from the logs", problems, () =>
            {
                var arguments = new Hashtable { ["Since"] = report.DeniedSince.Value, ["Connection"] = connection };
                if (LogPath != null) arguments["Path"] = LogPath;
                if (ExcludeDeniedUser != null) arguments["ExcludeUser"] = ExcludeDeniedUser;
                report.Denials = Nested("Get-QlikLicenseDenial", arguments, null).OfType<LicenseDenial>().ToArray();
            });

            var changes = new List<AllocationChangeResult>();
            if (Remove && report.Candidates.Length > 0)
                Step(4, "Releasing allocations", problems, () =>
                {
                    var arguments = WithPreferences(new Hashtable { ["MaximumCount"] = MaximumCount, ["Connection"] = connection });
                    arguments["JournalPath"] = journalPath;
                    var results = Nested("Remove-QlikLicenseAllocation", arguments, report.Candidates).OfType<AllocationChangeResult>().ToList();
                    changes.AddRange(results);
                });

            if (MyInvocation.BoundParameters.ContainsKey(nameof(AllocateDenied)))
            {
                // A denied user who holds any access type now got it after the denial: a second seat would be wasted.
                var deserving = report.Denials.Where(denial => denial.UserKey != null && denial.Inactive != true && denial.AllocatedAccessTypes.Count == 0).ToArray();
                if (deserving.Length > 0)
                    Step(5, "Allocating licenses to denied users", problems, () =>
                    {
                        var arguments = WithPreferences(new Hashtable { ["Type"] = AllocateDenied, ["Connection"] = connection });
                        arguments["JournalPath"] = journalPath;
                        changes.AddRange(Nested("Add-QlikLicenseAllocation", arguments, deserving).OfType<AllocationChangeResult>());
                    });
            }
            report.Changes = changes.ToArray();
            report.JournalPath = journalPath;

            Step(6, "Reading the license summary", problems, () => report.Summary = Wait(LicenseSummaryReader.ReadAsync(connection, Call)).ToArray());
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });

            report.Problems = problems.ToArray();
            if (ReportPath != null) WriteReport(report);
            if (!IsWhatIf) MaintenanceState.Save(connection.Site, started);
            WriteInformation(new InformationRecord(report.ToString(), MyInvocation.MyCommand.Name), new[] { "PSHOST" });
            if (PassThru) WriteObject(report);
        }

        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && ((SwitchParameter)whatIf).IsPresent;

        /// <summary>Runs one step; a failing step is reported and the routine goes on with the next.</summary>
        private void Step(int number, string activity, List<string> problems, Action work)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, activity) { PercentComplete = (number - 1) * 100 / Steps });
            try
            {
                work();
            }
            catch (Qrs.QrsException error)
            {
                WriteError(ErrorFor(error, activity));
                problems.Add($"{activity}: {error.Message}");
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (RuntimeException error) when (!(error is PipelineStoppedException))
            {
                WriteError(new ErrorRecord(error.ErrorRecord, error));
                problems.Add($"{activity}: {error.Message}");
            }
            finally
            {
                FlushVerbose();
            }
        }

        /// <summary>-WhatIf and -Confirm as given to this command, for the command that makes the change.</summary>
        private Hashtable WithPreferences(Hashtable arguments)
        {
            foreach (var name in new[] { "WhatIf", "Confirm" })
                if (MyInvocation.BoundParameters.TryGetValue(name, out var value)) arguments[name] = value;
            return arguments;
        }

        /// <summary>Runs one of the module's own cmdlets in this pipeline: its warnings, errors and prompts reach the caller as they are.</summary>
        private IEnumerable<object> Nested(string command, Hashtable arguments, IEnumerable input)
        {
            // Without input, no pipe: an empty pipe is input, and a command bound to input then has nothing to do.
            var script = ScriptBlock.Create("param($arguments) " + (input == null ? string.Empty : "$input | ") + command + " @arguments");
            var pipelineInput = input?.Cast<object>().ToList() ?? new List<object>();
            return InvokeCommand.InvokeScript(false, script, pipelineInput, arguments).Select(item => item?.BaseObject);
        }

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
                WriteError(new ErrorRecord(error, "ReportNotWritable", ErrorCategory.WriteError, path));
            }
        }
    }
}
