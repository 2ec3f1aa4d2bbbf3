using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using QlikLicense.Logs;
using QlikLicense.Model;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Maintenance.Routine
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
        private readonly MaintenanceOptions options;
        private readonly Func<DateTime> utcNow;

        /// <param name="options">What to do; shared by the sites of one run, never changed by a routine.</param>
        public MaintenanceRoutine(QlikConnection connection, IOperationHost host, MaintenanceOptions options, Func<DateTime>? utcNow = null)
        {
            this.connection = connection;
            this.host = host;
            this.options = options;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        /// <summary>
        /// In a run over several sites: true for a person another site on this site's license saw since the criteria's
        /// cutoff, who is then not offered for being unused here; null when no other site shares the license.
        /// </summary>
        public Func<string?, string?, bool>? UsedOnSharedSite { get; set; }

        public MaintenanceReport Run(SiteCall call, CancellationToken stop)
        {
            var started = utcNow();
            var problems = new List<string>();
            // The steps' results are the report's; only their messages reach the caller.
            var quiet = new WithoutOutput(host, problems);
            // Named even when nothing changes: an administrator must find what a scheduled run changes.
            var journalPath = options.JournalPath ?? LicenseJournal.DefaultPath(connection.Site);
            host.JournalUsed(journalPath);
            var report = new MaintenanceReport
            {
                Site = connection.Site,
                ServerVersion = connection.ServerVersion,
                ModuleVersion = QlikLicense.ModuleVersion.Current,
                GeneratedAt = started,
                WhatIf = options.WhatIf,
            };

            // A tenant has no License Monitor app: its licence status and overview are checked instead, and said so.
            var tenant = connection.Kind == SiteKind.QlikCloud;
            Step(1, tenant ? MaintenanceMessages.Routine.CheckingTenantLicence : MaintenanceMessages.Routine.CheckingLicenseMonitor, problems, () =>
            {
                report.LicenseMonitor = connection.SiteApi.CheckLicenseMonitor(options.MaximumAge, started, call);
                if (!report.LicenseMonitor.IsOperational)
                    host.Warning(tenant ? MaintenanceMessages.Routine.TenantLicenceNotInOrder(report.LicenseMonitor.Reason)
                        : MaintenanceMessages.Routine.LicenseMonitorNotOperational(report.LicenseMonitor.Reason));
                if (report.LicenseMonitor.Remark != null) host.Warning(report.LicenseMonitor.Remark);
            });

            Step(2, MaintenanceMessages.Routine.FindingInactive, problems, () =>
            {
                var types = SiteAccessTypes.PerUser(connection, options.Criteria.Types, call).ToArray();
                report.AccessTypes = types;
                var criteria = options.Criteria.WithTypes(types);
                if (UsedOnSharedSite != null) criteria = criteria.WithUsedOnSharedSite(UsedOnSharedSite);
                report.Candidates = new InactiveLicensedUserFinder(connection, quiet).Find(criteria, call).ToArray();
                report.RuleWarnings = report.Candidates.Where(candidate => candidate.GrantingRules.Count > 0)
                    .Select(candidate => RuleWarnings.GrantedBack(candidate, candidate.GrantingRules)).ToArray();
                foreach (var warning in report.RuleWarnings) host.Warning(warning);
            });

            report.DeniedSince = options.DeniedSinceUtc ?? MaintenanceState.LastRun(connection.Site) ?? started - FirstRunDenialWindow;
            Step(3, MaintenanceMessages.Routine.ReadingDenials, problems, () =>
            {
                var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions
                {
                    Since = QlikDates.ToInstant(report.DeniedSince.Value),
                    ExcludeUser = options.ExcludeDenied,
                });
                // A tenant records its refusals and keeps no log files: in a run over sites and tenants, -LogPath is the sites'.
                if (options.LogPaths != null && !(connection.SiteApi is IRecordedDenialSite)) search.AddPaths(options.LogPaths);
                else search.AddSiteFolders(connection, call);
                report.Denials = search.FindDenials(connection, call).ToArray();
                problems.AddRange(search.Gaps.Select(gap => MaintenanceMessages.Routine.StepFailed(MaintenanceMessages.Routine.ReadingDenials, gap)));
            });

            var changes = new List<AllocationChangeResult>();
            if (options.Remove && report.Candidates.Length > 0)
                Step(4, MaintenanceMessages.Routine.Releasing, problems, () =>
                    changes.AddRange(new ReleaseOperation(quiet) { MaximumCount = options.MaximumCount, JournalPath = options.JournalPath }.Run(report.Candidates, call, stop)));

            if (options.AllocateDenied is LicenseAccessType type)
            {
                // A denied user who holds any access type now got it after the denial: a second seat would be wasted.
                // Nor is a seat given for a refusal it would not end (too many sessions, a pending sync, the license, an excess).
                var deserving = report.Denials.Where(denial => denial.UserKey != null && denial.Inactive != true && denial.AllocatedAccessTypes.Count == 0
                    && LicenseDenialCauses.SeatWouldHelp(denial.Cause)).ToArray();
                if (deserving.Length > 0)
                    Step(5, MaintenanceMessages.Routine.AllocatingToDenied, problems, () =>
                    {
                        var requests = deserving.Select(denial => GrantRequest.ForKey(type, denial.UserKey.GetValueOrDefault(), denial.UserDirectory, denial.UserId, denial)).ToList();
                        changes.AddRange(new AllocationGrant(connection, utcNow).Run(requests, new GrantOptions { JournalPath = options.JournalPath }, quiet, call));
                    });
            }
            report.Changes = changes.ToArray();
            report.JournalPath = journalPath;

            // Rows of access types the licence does not offer are left out: the report says what the site runs.
            Step(6, MaintenanceMessages.Routine.ReadingSummary, problems, () =>
                report.Summary = connection.SiteApi.ReadSummaryAsync(call).GetAwaiter().GetResult().Where(row => row.Enabled != false).ToArray());
            if (connection.SiteApi is ISiteLicenseReader licenses)
                Step(6, MaintenanceMessages.Routine.ReadingLicense, problems, () => report.License = licenses.ReadLicenseAsync(call).GetAwaiter().GetResult());
            Step(6, MaintenanceMessages.Routine.CheckingFindings, problems, () => FindMore(report, started, call));
            IReadOnlyList<AnalyzerCapacityUser> capacityUsers = Array.Empty<AnalyzerCapacityUser>();
            Step(7, MaintenanceMessages.Routine.ReadingSharedAccess, problems, () =>
                capacityUsers = LicenseModelFindings.Find(connection, report, options.AnalyzerSeatMinutes, host, started, call));
            Step(8, MaintenanceMessages.Routine.Deciding, problems, () => Decide(report, capacityUsers, call));
            report.Problems = problems.ToArray();
            Step(9, MaintenanceMessages.Routine.RecordingHistory, problems, () => report.History = MaintenanceHistory.Record(options.HistoryPath, report, host, stop));
            report.Trends = PoolTrends.Of(report.History, report.Site);
            host.ProgressCompleted(ProgressActivityId, ProgressActivity);

            report.Problems = problems.ToArray();
            if (!options.WhatIf) MaintenanceState.Save(connection.Site, started);
            return report;
        }

        /// <summary>The findings beyond inactive users and denials, from the seats and license read; the license's end is warned of.</summary>
        private void FindMore(MaintenanceReport report, DateTime started, SiteCall call)
        {
            var findingOptions = new LicenseFindingOptions { IsExcluded = options.Criteria.IsExcluded, Marks = options.Criteria.Marks };
            report.Findings = LicenseFindingFinder.Find(connection, findingOptions, started, call, report.Summary.Length > 0 ? report.Summary : null, report.License).ToArray();
            foreach (var finding in report.Findings.Where(finding => finding.Kind == LicenseFindingKind.LicenseEnd)) host.Warning(finding.Reason);
        }

        /// <summary>Decides on what the run found and did not change itself: the users it allocated to and the allocations it released are left out.</summary>
        private void Decide(MaintenanceReport report, IReadOnlyList<AnalyzerCapacityUser> capacityUsers, SiteCall call)
        {
            var changed = new HashSet<Guid>(report.Changes.Where(change => change.Outcome != AllocationOutcome.Failed).Select(change => change.UserKey).OfType<Guid>());
            var decisions = LicenseDecisionFinder.Find(connection,
                report.Denials.Where(denial => denial.UserKey == null || !changed.Contains(denial.UserKey.Value)).ToList(),
                report.Candidates.Where(candidate => candidate.UserKey == null || !changed.Contains(candidate.UserKey.Value)).ToList(),
                new LicenseDecisionOptions { Type = options.AllocateDenied, AnalyzerSeatMinutes = options.AnalyzerSeatMinutes }, call, report.Summary, report.License, report.Findings,
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

        /// <summary>
        /// A host that keeps the results (they go into the report) and a failed rule check (a problem of the report, not a
        /// warning), and passes everything else on.
        /// </summary>
        private sealed class WithoutOutput : IOperationHost
        {
            private readonly IOperationHost host;
            private readonly List<string> problems;

            public WithoutOutput(IOperationHost host, List<string> problems)
            {
                this.host = host;
                this.problems = problems;
            }

            public bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf) => host.ShouldChange(target, action, impact, out whatIf);
            public void Output(object result) { }
            public void Warning(string message) => host.Warning(message);
            public void Verbose(string message) => host.Verbose(message);
            public void JournalUsed(string path) => host.JournalUsed(path);

            public void Problem(OperationProblem problem)
            {
                if (problem.Kind == ProblemKind.RuleCheckFailed) problems.Add(problem.Message);
                else host.Problem(problem);
            }
            public void Progress(int activityId, string activity, string status, int done, int total, string? currentOperation = null) =>
                host.Progress(activityId, activity, status, done, total, currentOperation);
            public void ProgressCompleted(int activityId, string activity) => host.ProgressCompleted(activityId, activity);
        }
    }
}
