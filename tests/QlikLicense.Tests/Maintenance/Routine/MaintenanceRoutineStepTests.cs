using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using QlikLicense.Tests.Logs;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>
/// The routine's steps on a site in memory whose archived logs are the log fixtures (CORP\jdoe, CORP\nolog, CORP\Zoë O'Brien
/// and an unknown ext\partner denied in March 2024): which steps run, whom it changes, what it remembers.
/// </summary>
public sealed class MaintenanceRoutineStepTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SiteCall Call = new(CancellationToken.None);
    private readonly TemporaryFolder folder = new();
    // A server of its own: the routine's state is kept per site, in QLIKLICENSE_DATA.
    private readonly InMemorySite site = new("routine-" + Guid.NewGuid().ToString("N") + ".example");
    private readonly QlikUser jdoe;
    private readonly QlikUser leaver;

    public MaintenanceRoutineStepTests()
    {
        site.Connect();
        site.LogFolders.Add(LogTestFiles.FixtureSite);
        jdoe = site.AddUser("CORP", "jdoe", groups: "Sales");
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "nolog", groups: "Sales"));
        site.AddUser("CORP", "Zoë O'Brien", blocked: true, groups: "Sales");
        leaver = site.AddUser("CORP", "leaver", removedExternally: true);
        site.AddAllocation(LicenseAccessType.Analyzer, leaver);
    }

    public void Dispose()
    {
        var state = MaintenanceState.PathFor(site.Connect().Site);
        if (File.Exists(state)) File.Delete(state);
        folder.Dispose();
    }

    private MaintenanceOptions Options(Action<MaintenanceOptions> change = null)
    {
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            JournalPath = folder.File("journal.jsonl"),
            HistoryPath = folder.File("history.jsonl"),
        };
        change?.Invoke(options);
        return options;
    }

    private MaintenanceReport Run(RecordingHost host, MaintenanceOptions options, Func<string, string, bool> usedOnSharedSite = null) =>
        new MaintenanceRoutine(site.Connect(), host, options, () => Now) { UsedOnSharedSite = usedOnSharedSite }.Run(Call, CancellationToken.None);

    [Fact]
    public void Every_step_is_shown_in_order_and_a_run_that_is_no_preview_is_remembered_and_recorded()
    {
        var host = new RecordingHost(approve: true);

        var report = Run(host, Options(options => { options.Remove = true; options.AllocateDenied = LicenseAccessType.Analyzer; }));

        var steps = new[]
        {
            MaintenanceMessages.Routine.CheckingLicenseMonitor, MaintenanceMessages.Routine.FindingInactive, MaintenanceMessages.Routine.ReadingDenials,
            MaintenanceMessages.Routine.Releasing, MaintenanceMessages.Routine.AllocatingToDenied, MaintenanceMessages.Routine.ReadingSummary,
            MaintenanceMessages.Routine.ReadingLicense, MaintenanceMessages.Routine.CheckingFindings, MaintenanceMessages.Routine.ReadingSharedAccess,
            MaintenanceMessages.Routine.Deciding, MaintenanceMessages.Routine.RecordingHistory,
        };
        // The operations of the steps show their own progress in between.
        Assert.Equal(steps, host.ProgressStatus.Where(steps.Contains));
        Assert.Empty(report.Problems);
        Assert.Equal(new[] { (AllocationOutcome.Released, "leaver"), (AllocationOutcome.Allocated, "jdoe") },
            report.Changes.Select(change => (change.Outcome, change.UserId)));
        // Named first by the routine itself, then by the release and the allocation.
        Assert.Equal(3, host.Journals.Count);
        Assert.All(host.Journals, journal => Assert.Equal(folder.File("journal.jsonl"), journal));
        Assert.Equal(folder.File("journal.jsonl"), report.JournalPath);
        Assert.Equal(Now, MaintenanceState.LastRun(report.Site));
        Assert.Single(File.ReadAllLines(folder.File("history.jsonl")));
        Assert.Equal(Now, Assert.Single(report.History).Time);
        Assert.Equal((Now, false), (report.GeneratedAt, report.WhatIf));
        // The people it allocated to and released are no longer decided on: the Sales group holds only the two others.
        var sales = Assert.Single(report.DeniedGroups, group => group.Group == "Sales");
        Assert.Equal((2, 1, 1), (sales.Denied, sales.Licensed, sales.Inactive));
        Assert.DoesNotContain(report.Suggestions, suggestion => suggestion.Users.Contains(@"CORP\jdoe") || suggestion.Users.Contains(@"CORP\leaver"));
        Assert.Empty(host.Output);
    }

    [Fact]
    public void Allocating_to_the_denied_gives_a_seat_only_to_active_people_the_site_knows_without_one()
    {
        site.AddAllocation(LicenseAccessType.Professional, jdoe);
        var host = new RecordingHost(approve: true);

        var report = Run(host, Options(options => options.AllocateDenied = LicenseAccessType.Analyzer));

        Assert.Empty(report.Changes);
        Assert.DoesNotContain(MaintenanceMessages.Routine.AllocatingToDenied, host.ProgressStatus);
        Assert.DoesNotContain(MaintenanceMessages.Routine.Releasing, host.ProgressStatus);
        Assert.DoesNotContain(nameof(ISite.AllocateAsync), site.Calls);
    }

    [Fact]
    public void Without_a_window_denials_are_read_since_the_last_run_else_for_thirty_days_and_a_preview_is_not_remembered()
    {
        var first = Run(new RecordingHost(approve: false, whatIf: true), Options(options => { options.DeniedSinceUtc = null; options.WhatIf = true; }));
        var lastRun = Now.AddDays(-9).AddMilliseconds(250);
        MaintenanceState.Save(first.Site, lastRun);

        var second = Run(new RecordingHost(approve: false, whatIf: true), Options(options => { options.DeniedSinceUtc = null; options.WhatIf = true; }));

        Assert.Equal(Now - MaintenanceRoutine.FirstRunDenialWindow, first.DeniedSince);
        Assert.Equal(TimeSpan.FromDays(30), MaintenanceRoutine.FirstRunDenialWindow);
        Assert.Equal(lastRun, second.DeniedSince);
        Assert.Equal(lastRun, MaintenanceState.LastRun(first.Site));
        Assert.False(File.Exists(folder.File("history.jsonl")));
        Assert.True(second.WhatIf);
    }

    [Fact]
    public void A_licence_check_not_in_order_is_warned_of_with_its_reason_and_its_remark()
    {
        site.Monitor = new LicenseMonitorStatus { IsOperational = false, Reason = "not reloaded for 9 days", Remark = "A remark on the licence." };
        var host = new RecordingHost(approve: false, whatIf: true);

        var report = Run(host, Options(options => options.WhatIf = true));

        Assert.Equal("License Monitor: not reloaded for 9 days", host.Warnings[0]);
        Assert.Equal("A remark on the licence.", host.Warnings[1]);
        Assert.False(report.LicenseMonitor.IsOperational);
        Assert.Equal(LicenseMonitorStatus.DefaultMaximumAge, report.LicenseMonitor.MaximumAge);
        Assert.Equal(Now, report.LicenseMonitor.CheckedAt);
    }

    [Fact]
    public void A_rule_check_that_fails_is_a_problem_of_the_report_and_a_person_seen_on_a_site_of_the_same_license_is_not_offered()
    {
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "idle"), lastUsed: Now.AddDays(-90));
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? null
            : call == "FindGrantingRulesAsync" ? new SiteException(SiteKind.QlikSense, SiteErrorKind.AccessDenied, "GET", "/qrs/systemrule", 403, "rules refused") : null;
        var host = new RecordingHost(approve: false, whatIf: true);
        var options = Options(options => { options.WhatIf = true; options.Criteria.UnusedSinceUtc = Now.AddDays(-30); });

        var alone = Run(host, options);
        var shared = Run(new RecordingHost(approve: false, whatIf: true), options, (directory, userId) => userId == "idle");

        Assert.Equal(new[] { "leaver", "idle" }, alone.Candidates.Select(candidate => candidate.UserId).OrderByDescending(id => id == "leaver"));
        Assert.Equal(new[] { "leaver" }, shared.Candidates.Select(candidate => candidate.UserId));
        Assert.Contains(alone.Problems, problem => problem.Contains("Could not check whether a license rule grants", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Problems, problem => problem.Kind == ProblemKind.RuleCheckFailed);
        Assert.DoesNotContain(host.Warnings, warning => warning.Contains("Could not check whether a license rule grants", StringComparison.Ordinal));
    }

    [Fact]
    public void The_steps_count_from_none_done_and_the_routine_s_progress_ends_once_it_has_run()
    {
        var host = new RecordingHost(approve: false, whatIf: true);

        Run(host, Options(options => options.WhatIf = true));

        // Steps 1-3, then 6 three times (seats, license, findings), 7, 8 and 9: nothing to release or allocate in a preview's order.
        Assert.Equal(new[] { 0, 1, 2, 5, 5, 5, 6, 7, 8 },
            host.ProgressLines.Where(line => line.Activity == MaintenanceRoutine.ProgressActivity).Select(line => line.Done));
        Assert.All(host.ProgressLines.Where(line => line.Activity == MaintenanceRoutine.ProgressActivity), line => Assert.Equal(9, line.Total));
        Assert.Equal(1, host.ProgressCompletedActivities.Count(activity => activity == MaintenanceRoutine.ProgressActivity));
    }

    [Fact]
    public void People_left_out_are_neither_offered_nor_named_in_a_finding_and_with_no_one_to_release_no_release_step_is_shown()
    {
        var twice = site.AddUser("CORP", "twice");
        var both = site.AddUser("CORP", "both");
        foreach (var holder in new[] { twice, both })
        {
            site.AddAllocation(LicenseAccessType.Professional, holder);
            site.AddAllocation(LicenseAccessType.Analyzer, holder);
        }
        var host = new RecordingHost(approve: true);

        var report = Run(host, Options(options =>
        {
            options.Remove = true;
            options.Criteria.IsExcluded = (directory, userId) => userId is "leaver" or "twice";
        }));

        Assert.Empty(report.Candidates);
        Assert.DoesNotContain(MaintenanceMessages.Routine.Releasing, host.ProgressStatus);
        Assert.Empty(report.Changes);
        Assert.Equal(new[] { "both" }, report.Findings.Where(finding => finding.Kind == LicenseFindingKind.ProfessionalAndAnalyzer).Select(finding => finding.UserId));
    }

    [Fact]
    public void Only_a_candidate_a_rule_grants_back_is_warned_of_and_the_rule_is_suggested_without_them_unless_the_run_released_them()
    {
        var ruled = site.AddUser("CORP", "ruled", removedExternally: true, groups: "Old");
        site.AddAllocation(LicenseAccessType.Analyzer, ruled);
        site.AddRule("Old users", LicenseAccessType.Analyzer, "user.group = \"Old\"");
        var host = new RecordingHost(approve: false, whatIf: true);

        var preview = Run(host, Options(options => { options.WhatIf = true; options.Remove = true; }));
        var released = Run(new RecordingHost(approve: true), Options(options => options.Remove = true));

        Assert.Equal(new[] { "leaver", "ruled" }, preview.Candidates.Select(candidate => candidate.UserId).Order());
        Assert.StartsWith(@"CORP\ruled: the enabled license rule 'Old users' grants", Assert.Single(preview.RuleWarnings));
        Assert.Equal(preview.RuleWarnings, host.Warnings.Where(warning => warning.Contains("license rule", StringComparison.Ordinal)));
        var exclusion = Assert.Single(preview.Suggestions, suggestion => suggestion.Kind == SuggestionKind.ExcludeFromRule);
        Assert.Contains("ruled", string.Join(" ", exclusion.Users));
        Assert.Contains(released.Changes, change => change.UserId == "ruled" && change.Outcome == AllocationOutcome.Released);
        Assert.DoesNotContain(released.Suggestions, suggestion => suggestion.Kind == SuggestionKind.ExcludeFromRule);
    }

    [Fact]
    public void Denials_are_read_in_the_window_without_the_people_left_out_and_a_license_near_its_end_is_warned_of()
    {
        site.License = new SiteLicense("0000650077516278", null) { EndDate = Now.Date.AddDays(10) };
        var host = new RecordingHost(approve: false, whatIf: true);

        var report = Run(host, Options(options => { options.WhatIf = true; options.ExcludeDenied = (directory, userId) => userId == "jdoe"; }));
        var later = Run(new RecordingHost(approve: false, whatIf: true), Options(options => { options.WhatIf = true; options.DeniedSinceUtc = new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc); }));

        Assert.NotEmpty(report.Denials);
        Assert.DoesNotContain(report.Denials, denial => denial.UserId == "jdoe");
        Assert.Empty(later.Denials);
        var end = Assert.Single(report.Findings, finding => finding.Kind == LicenseFindingKind.LicenseEnd);
        Assert.Equal(10, end.DaysLeft);
        Assert.Contains(end.Reason, host.Warnings);
        // The leaver's release is a finding too, but only the license's end is warned of.
        Assert.All(report.Findings.Where(finding => finding.Kind != LicenseFindingKind.LicenseEnd), finding => Assert.DoesNotContain(finding.Reason, host.Warnings));
    }

    [Fact]
    public void Logs_not_found_or_none_read_are_problems_of_the_report_not_a_month_without_denials()
    {
        var empty = Directory.CreateDirectory(folder.File("empty")).FullName;
        var missing = folder.File("no-such-folder");
        var host = new RecordingHost(approve: false, whatIf: true);

        var report = Run(host, Options(options => { options.WhatIf = true; options.LogPaths = new[] { empty, missing }; }));

        Assert.Empty(report.Denials);
        Assert.Equal(new[]
        {
            $"{MaintenanceMessages.Routine.ReadingDenials}: Cannot find log path '{missing}' because it does not exist.",
            $"{MaintenanceMessages.Routine.ReadingDenials}: No Qlik Sense log was read: '{empty}' holds no files. No denial can be found there.",
        }, report.Problems);
        Assert.Equal(ProblemKind.LogPathNotFound, Assert.Single(host.Problems).Kind);
        Assert.Contains(report.Problems[1].Substring(MaintenanceMessages.Routine.ReadingDenials.Length + 2), host.Warnings);

        site.LogFolders.Clear();
        site.LogFolders.Add(missing);
        var share = Run(new RecordingHost(approve: false, whatIf: true), Options(options => options.WhatIf = true));
        Assert.StartsWith($"{MaintenanceMessages.Routine.ReadingDenials}: Cannot reach the site's archived logs folder '{missing}'", Assert.Single(share.Problems));
    }

    [Fact]
    public void The_findings_use_the_seats_the_run_read_and_read_them_again_only_when_that_read_failed()
    {
        var failures = 0;
        var host = new RecordingHost(approve: false, whatIf: true);
        int SummaryReads() => site.Calls.Count(call => call == nameof(ISite.ReadSummaryAsync));

        // The types given, the access types the site runs are not read from its seats.
        void Preview(MaintenanceOptions options) { options.WhatIf = true; options.Criteria.Types = LicenseAccessTypes.PerUser; }

        Run(host, Options(Preview));
        var readsOfOneRun = SummaryReads();
        site.FailWhen = call => call == nameof(ISite.ReadSummaryAsync) && failures++ == 0
            ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/license/accesstypeoverview", 500, "busy") : null;
        var failed = Run(host, Options(Preview));

        Assert.Equal(1, readsOfOneRun);
        Assert.Equal(readsOfOneRun + 2, SummaryReads());
        Assert.Empty(failed.Summary);
        Assert.Single(failed.Problems, problem => problem.Contains("busy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_problem_of_a_step_s_operation_other_than_a_failed_rule_check_reaches_the_caller()
    {
        site.FailWhen = call => call == nameof(ISite.ReleaseAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "DELETE", "/qrs/license/analyzeraccesstype", 500, "release refused") : null;
        var host = new RecordingHost(approve: true);

        var report = Run(host, Options(options => options.Remove = true));

        Assert.Contains(host.Problems, problem => problem.Message.Contains("release refused", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Changes, change => change.Outcome == AllocationOutcome.Released);
    }

    [Fact]
    public void A_tenant_s_licence_check_is_shown_and_warned_of_as_the_tenant_s()
    {
        var tenant = new InMemorySite("acme-" + Guid.NewGuid().ToString("N") + ".eu.qlikcloud.com", 443, SiteKind.QlikCloud)
        {
            Monitor = new LicenseMonitorStatus { IsOperational = false, Reason = "the licence has expired" },
        };
        var host = new RecordingHost(approve: false, whatIf: true);

        new MaintenanceRoutine(tenant.Connect(), host, Options(options => options.WhatIf = true), () => Now).Run(Call, CancellationToken.None);

        Assert.Equal(MaintenanceMessages.Routine.CheckingTenantLicence, host.ProgressStatus[0]);
        Assert.DoesNotContain(MaintenanceMessages.Routine.CheckingLicenseMonitor, host.ProgressStatus);
        Assert.Equal("Tenant licence: the licence has expired", host.Warnings[0]);
    }
}
