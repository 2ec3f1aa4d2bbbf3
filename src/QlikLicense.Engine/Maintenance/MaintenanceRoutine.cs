using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using QlikLicense.Logs;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The monthly routine on one site: License Monitor, allocations of inactive users, denials, then (only when
    /// asked) releases and allocations, then the seats, tokens and minutes of every licence model the site runs, with
    /// its login access groups and analyzer capacity spenders. Each step uses the operation its single cmdlet uses, so the
    /// routine behaves exactly like the steps run by hand; a step that fails is reported and the next one runs.
    /// </summary>
    public sealed class MaintenanceRoutine
    {
        public const int ProgressActivityId = 7;
        public const string ProgressActivity = MaintenanceMessages.Routine.ProgressActivity;
        private const int Steps = 9;

        /// <summary>How far back to read denials on a first run.</summary>
        public static readonly TimeSpan FirstRunDenialWindow = TimeSpan.FromDays(30);

        private readonly QlikConnection connection;
        private readonly IOperationHost host;
        private readonly Func<DateTime> utcNow;

        public MaintenanceRoutine(QlikConnection connection, IOperationHost host, Func<DateTime>? utcNow = null)
        {
            this.connection = connection;
            this.host = host;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        public InactiveCriteria Criteria { get; set; } = new InactiveCriteria();

        public TimeSpan MaximumAge { get; set; } = LicenseMonitorStatus.DefaultMaximumAge;

        /// <summary>Denials since this instant (UTC); null: since the last run, or <see cref="FirstRunDenialWindow"/>.</summary>
        public DateTime? DeniedSinceUtc { get; set; }

        /// <summary>Log files or folders (file-system paths); null for the site's archived logs and this node's logs.</summary>
        public IReadOnlyList<string>? LogPaths { get; set; }

        /// <summary>True for a denied DIRECTORY\userid that is left out.</summary>
        public Func<string, string, bool>? ExcludeDenied { get; set; }

        /// <summary>Release the allocations found.</summary>
        public bool Remove { get; set; }

        public int MaximumCount { get; set; } = 100;

        /// <summary>Allocate this access type to the denied users the site knows and who are not inactive; null for none.</summary>
        public LicenseAccessType? AllocateDenied { get; set; }

        /// <summary>What an Analyzer seat costs in analyzer capacity minutes a month; null: no seat is suggested for capacity spenders.</summary>
        public int? AnalyzerSeatMinutes { get; set; }

        /// <summary>The journal (a file-system path) the changes on a site are recorded in.</summary>
        public Func<QlikConnection, string> JournalPathOf { get; set; } = site => LicenseJournal.DefaultPath(site.Site);

        /// <summary>Opens a journal, saying what was not done when it cannot (an <see cref="OperationException"/>).</summary>
        public Func<string, string, LicenseJournal> OpenJournal { get; set; } = LicenseJournal.Open;

        /// <summary>The maintenance history (a file-system path) each run's figures are appended to.</summary>
        public string HistoryPath { get; set; } = MaintenanceHistory.DefaultPath;

        /// <summary>True when -WhatIf holds every change back: the run is then neither remembered as the last one nor added to the history.</summary>
        public bool WhatIf { get; set; }

        public MaintenanceReport Run(SiteCall call, CancellationToken stop)
        {
            var started = utcNow();
            var problems = new List<string>();
            // The steps' results are the report's; only their messages reach the caller.
            var quiet = new WithoutOutput(host);
            var report = new MaintenanceReport
            {
                Site = connection.Site,
                ServerVersion = connection.ServerVersion,
                ModuleVersion = QlikLicense.ModuleVersion.Current,
                GeneratedAt = started,
                WhatIf = WhatIf,
            };

            // A tenant has no License Monitor app: its licence status and overview are checked instead, and said so.
            var tenant = connection.Kind == SiteKind.QlikCloud;
            Step(1, tenant ? MaintenanceMessages.Routine.CheckingTenantLicence : MaintenanceMessages.Routine.CheckingLicenseMonitor, problems, () =>
            {
                report.LicenseMonitor = connection.Endpoint.CheckLicenseMonitor(MaximumAge, started, call);
                if (!report.LicenseMonitor.IsOperational)
                    host.Warning(tenant ? MaintenanceMessages.Routine.TenantLicenceNotInOrder(report.LicenseMonitor.Reason)
                        : MaintenanceMessages.Routine.LicenseMonitorNotOperational(report.LicenseMonitor.Reason));
                if (report.LicenseMonitor.Remark != null) host.Warning(report.LicenseMonitor.Remark);
            });

            Step(2, MaintenanceMessages.Routine.FindingInactive, problems, () =>
            {
                Criteria.RuleCheckFailed = (type, error) => problems.Add(MaintenanceMessages.Routine.RuleCheckFailed(type, error.Message));
                report.AccessTypes = SiteAccessTypes.PerUser(connection, Criteria.Types, call).ToArray();
                Criteria.Types = report.AccessTypes;
                report.Candidates = new InactiveLicensedUserFinder(connection).Find(Criteria, call).ToArray();
                report.RuleWarnings = report.Candidates.Where(candidate => candidate.GrantingRules.Count > 0)
                    .Select(candidate => RuleWarnings.GrantedBack(candidate, candidate.GrantingRules)).ToArray();
                foreach (var warning in report.RuleWarnings) host.Warning(warning);
            });

            report.DeniedSince = DeniedSinceUtc ?? MaintenanceState.LastRun(connection.Site) ?? started - FirstRunDenialWindow;
            Step(3, MaintenanceMessages.Routine.ReadingDenials, problems, () =>
            {
                var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions
                {
                    Since = QlikDates.ToInstant(report.DeniedSince.Value),
                    ExcludeUser = ExcludeDenied,
                });
                if (LogPaths != null) search.AddPaths(LogPaths);
                else search.AddSiteFolders(connection, call);
                report.Denials = search.FindDenials(connection, call).ToArray();
            });

            var changes = new List<AllocationChangeResult>();
            if (Remove && report.Candidates.Length > 0)
                Step(4, MaintenanceMessages.Routine.Releasing, problems, () =>
                    changes.AddRange(new AllocationRemoval(quiet, site => OpenJournal(JournalPathOf(site), MaintenanceMessages.Routine.NothingRemoved)) { MaximumCount = MaximumCount }
                        .Run(report.Candidates, call, stop)));

            if (AllocateDenied is LicenseAccessType type)
            {
                // A denied user who holds any access type now got it after the denial: a second seat would be wasted.
                // Nor is a seat given for a refusal it would not end (too many sessions, a pending sync, the license, an excess).
                var deserving = report.Denials.Where(denial => denial.UserKey != null && denial.Inactive != true && denial.AllocatedAccessTypes.Count == 0
                    && LicenseDenialCauses.SeatWouldHelp(denial.Cause)).ToArray();
                if (deserving.Length > 0)
                    Step(5, MaintenanceMessages.Routine.AllocatingToDenied, problems, () =>
                    {
                        var requests = deserving.Select(denial => GrantRequest.ForKey(type, denial.UserKey.GetValueOrDefault(), denial.UserDirectory, denial.UserId, denial)).ToList();
                        var options = new GrantOptions
                        {
                            JournalPathFor = step => JournalPathOf(connection),
                            OpenJournal = path => OpenJournal(path, MaintenanceMessages.Routine.NothingMoreAllocated),
                        };
                        changes.AddRange(new AllocationGrant(connection, utcNow).Run(requests, options, quiet, call));
                    });
            }
            report.Changes = changes.ToArray();
            // Named in the report even when nothing changed: an administrator must find what a scheduled run changes.
            report.JournalPath = JournalPathOf(connection);

            // Rows of access types the licence does not offer are left out: the report says what the site runs.
            Step(6, MaintenanceMessages.Routine.ReadingSummary, problems, () =>
                report.Summary = connection.Endpoint.ReadSummaryAsync(call).GetAwaiter().GetResult().Where(row => row.Enabled != false).ToArray());
            if (connection.Endpoint is ISiteLicenseReader licenses)
                Step(6, MaintenanceMessages.Routine.ReadingLicense, problems, () => report.License = licenses.ReadLicenseAsync(call).GetAwaiter().GetResult());
            Step(6, MaintenanceMessages.Routine.CheckingFindings, problems, () => FindMore(report, started, call));
            IReadOnlyList<AnalyzerCapacityUser> capacityUsers = Array.Empty<AnalyzerCapacityUser>();
            Step(7, MaintenanceMessages.Routine.ReadingSharedAccess, problems, () =>
                capacityUsers = LicenseModelFindings.Find(connection, report, AnalyzerSeatMinutes, host, started, call));
            Step(8, MaintenanceMessages.Routine.Deciding, problems, () => Decide(report, capacityUsers, call));
            report.Problems = problems.ToArray();
            Step(9, MaintenanceMessages.Routine.RecordingHistory, problems, () => report.History = MaintenanceHistory.Record(HistoryPath, report, host, stop));
            report.Trends = PoolTrends.Of(report.History, report.Site);
            host.ProgressCompleted(ProgressActivityId, ProgressActivity);

            report.Problems = problems.ToArray();
            if (!WhatIf) MaintenanceState.Save(connection.Site, started);
            return report;
        }

        /// <summary>The findings beyond inactive users and denials, from the seats and license read; the license's end is warned of.</summary>
        private void FindMore(MaintenanceReport report, DateTime started, SiteCall call)
        {
            var options = new LicenseFindingOptions { IsExcluded = Criteria.IsExcluded, Marks = Criteria.Marks };
            report.Findings = LicenseFindingFinder.Find(connection, options, started, call, report.Summary.Length > 0 ? report.Summary : null, report.License).ToArray();
            foreach (var finding in report.Findings.Where(finding => finding.Kind == LicenseFindingKind.LicenseEnd)) host.Warning(finding.Reason);
        }

        /// <summary>Decides on what the run found and did not change itself: the users it allocated to and the allocations it released are left out.</summary>
        private void Decide(MaintenanceReport report, IReadOnlyList<AnalyzerCapacityUser> capacityUsers, SiteCall call)
        {
            var changed = new HashSet<Guid>(report.Changes.Where(change => change.Outcome != AllocationOutcome.Failed).Select(change => change.UserKey).OfType<Guid>());
            var decisions = LicenseDecisionFinder.Find(connection,
                report.Denials.Where(denial => denial.UserKey == null || !changed.Contains(denial.UserKey.Value)).ToList(),
                report.Candidates.Where(candidate => candidate.UserKey == null || !changed.Contains(candidate.UserKey.Value)).ToList(),
                new LicenseDecisionOptions { Type = AllocateDenied, AnalyzerSeatMinutes = AnalyzerSeatMinutes }, call, report.Summary, report.License, report.Findings,
                capacityUsers.Where(person => person.UserKey == null || !changed.Contains(person.UserKey.Value)).ToList());
            report.DeniedGroups = decisions.Groups.ToArray();
            report.Suggestions = decisions.Suggestions.ToArray();
        }

        /// <summary>Runs one step; a failing step is reported and the routine goes on with the next.</summary>
        private void Step(int number, string activity, List<string> problems, Action work)
        {
            host.Progress(ProgressActivityId, ProgressActivity, activity, number - 1, Steps);
            try
            {
                work();
            }
            catch (SiteException error)
            {
                host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, activity));
                problems.Add(MaintenanceMessages.Routine.StepFailed(activity, error.Message));
            }
            catch (OperationException error)
            {
                host.Problem(error.Problem);
                problems.Add(MaintenanceMessages.Routine.StepFailed(activity, error.Message));
            }
        }

        /// <summary>A host that keeps the results (they go into the report) and passes everything else on.</summary>
        private sealed class WithoutOutput : IOperationHost
        {
            private readonly IOperationHost host;

            public WithoutOutput(IOperationHost host) => this.host = host;

            public bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf) => host.ShouldChange(target, action, impact, out whatIf);
            public void Output(object result) { }
            public void Warning(string message) => host.Warning(message);
            public void Verbose(string message) => host.Verbose(message);
            public void Problem(OperationProblem problem) => host.Problem(problem);
            public void Progress(int activityId, string activity, string status, int done, int total, string? currentOperation = null) =>
                host.Progress(activityId, activity, status, done, total, currentOperation);
            public void ProgressCompleted(int activityId, string activity) => host.ProgressCompleted(activityId, activity);
        }
    }
}
