using QlikLicense.Cloud;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Release;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Tests.Cloud;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>Sites of one run on one license, in memory: who counts as seen on another site, the seats counted once, and the run over them.</summary>
public sealed class SharedLicenseRunTests : InMemorySiteTest
{
    private static readonly DateTime Since = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static InMemorySite Site(string server, string serial)
    {
        var site = new InMemorySite(server) { License = new SiteLicense(serial, null) };
        site.Connect();
        return site;
    }

    private static void Holds(InMemorySite site, string userId, DateTime? lastUsed, LicenseAccessType type = LicenseAccessType.Professional) =>
        site.AddAllocation(type, site.AddUser("CORP", userId), lastUsed);

    [Fact]
    public void A_person_counts_as_seen_on_a_site_of_the_same_license_that_they_used_since_the_cutoff_whatever_the_case_of_their_name()
    {
        var prod = Site("prod.example", "1");
        var test = Site("test.example", "1");
        var other = Site("other.example", "2");
        Holds(test, "onTime", Since);
        Holds(test, "before", Since.AddTicks(-1));
        Holds(test, "never", null);
        Holds(test, "analyst", Since.AddDays(3), LicenseAccessType.Analyzer);
        Holds(other, "elsewhere", Since.AddDays(1));
        var host = new RecordingHost(approve: false);

        var tests = SharedLicenseUse.Read(new[] { prod.Connect(), test.Connect(), other.Connect(), prod.Connect() },
            new[] { LicenseAccessType.Professional, LicenseAccessType.Professional, LicenseAccessType.Analyzer }, Since, host, Call);

        Assert.Equal(new[] { prod.Connect(), test.Connect() }, tests.Keys.OrderBy(connection => connection.Site));
        var seenOnTest = tests[prod.Connect()];
        Assert.True(seenOnTest("corp", "ONTIME"));
        Assert.True(seenOnTest("CORP", "analyst"));
        Assert.False(seenOnTest("CORP", "before"));
        Assert.False(seenOnTest("CORP", "never"));
        Assert.False(seenOnTest("CORP", "elsewhere"));
        Assert.False(seenOnTest(null, "onTime"));
        Assert.False(tests[test.Connect()]("CORP", "onTime"));
        // One read per type on the sharing site, none on the site alone on its license.
        Assert.Equal(2, test.Calls.Count(call => call == nameof(ISite.ReadAllocations)));
        Assert.DoesNotContain(nameof(ISite.ReadAllocations), other.Calls);
        Assert.Equal(1, prod.Calls.Count(call => call == nameof(ISiteLicenseReader.ReadLicenseAsync)));
        Assert.Contains("test.example:4242 shares its license with prod.example:4242: a person counts as unused only when none of them saw them either.", host.Verbose);
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public void Of_three_sites_on_one_license_a_person_either_other_saw_is_seen_asked_for_use_since_the_cutoff_and_a_tenant_is_left_out()
    {
        var prod = Site("prod.example", "1");
        var test = Site("test.example", "1");
        var lab = Site("lab.example", "1");
        Holds(test, "ab", Since.AddDays(2));
        Holds(lab, "idle", Since.AddDays(-40));
        // A tenant has no license to read (no ISiteLicenseReader): it is not asked, and it is no site of the license.
        var stub = new StubTenant().OnJson("GET", CloudPaths.Status, "{}");
        using var tenant = CloudSite.ConnectAsync(stub.Settings(), stub.Call).GetAwaiter().GetResult();
        var host = new RecordingHost(approve: false);

        var tests = SharedLicenseUse.Read(new[] { prod.Connect(), tenant, test.Connect(), lab.Connect() }, new[] { LicenseAccessType.Professional }, Since, host, Call);

        Assert.Equal(new[] { lab.Connect(), prod.Connect(), test.Connect() }, tests.Keys.OrderBy(connection => connection.Site));
        var seenOnTestOrLab = tests[prod.Connect()];
        Assert.True(seenOnTestOrLab("CORP", "ab"));
        Assert.False(seenOnTestOrLab("CORP", "idle"));
        // Directory and id stay apart: CORP\ab is not CORPa\b.
        Assert.False(seenOnTestOrLab("CORPa", "b"));
        // Each site is asked only for the allocations used since the cutoff.
        Assert.All(new[] { test, lab }, site => Assert.Equal(Since, Assert.Single(site.AllocationFilters).UsedSinceUtc));
        Assert.Equal(CloudPaths.Status, Assert.Single(stub.Requests).Uri.AbsolutePath);
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public void A_site_whose_license_cannot_be_read_counts_on_its_own_and_one_whose_use_cannot_be_read_has_seen_everyone()
    {
        var prod = Site("prod.example", "1");
        var test = Site("test.example", "1");
        var lab = Site("lab.example", "1");
        lab.FailWhen = call => call == nameof(ISiteLicenseReader.ReadLicenseAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.AccessDenied, "GET", "/qrs/license", 403, "no license for you") : null;
        test.FailWhen = call => call == nameof(ISite.ReadAllocations) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.AccessDenied, "GET", "/qrs/license/professionalaccesstype", 403, "refused") : null;
        var host = new RecordingHost(approve: false);

        var tests = SharedLicenseUse.Read(new[] { prod.Connect(), test.Connect(), lab.Connect() }, LicenseAccessTypes.PerUser, Since, host, Call);

        Assert.False(tests.ContainsKey(lab.Connect()));
        Assert.True(tests[prod.Connect()]("CORP", "anyone"));
        Assert.Equal(new[]
        {
            "Could not read the license of lab.example:4242 (no license for you): its allocations unused there are judged on that site alone.",
            "Could not read who used test.example:4242 recently (refused): it shares a license with other sites of this run, so nobody is offered there as unused.",
        }, host.Warnings);
    }

    [Fact]
    public void The_run_s_seats_count_a_shared_license_once_with_every_figure_and_the_first_site_s_handling()
    {
        MaintenanceReport Report(string site, SiteLicense license, int total, LicenseHandling handling = LicenseHandling.ReleaseAndAllocate) => new()
        {
            Site = site,
            License = license,
            Summary = new[]
            {
                new LicenseSummary { Type = LicenseAccessType.UserAccess, Total = total, Allocated = 1, Used = 2, Quarantined = 3, Unavailable = 4, Available = 5, Excess = 6, Handling = handling },
                new LicenseSummary { Type = LicenseAccessType.Professional, Total = total },
            },
        };
        var reports = new[]
        {
            new MaintenanceReport { Site = "down" },
            Report("prod", new SiteLicense("1", null), 10, LicenseHandling.ReportUse),
            Report("test", new SiteLicense("1", null), 99),
            Report("lab", null, 20),
            Report("lab2", null, 30),
        };

        var totals = SharedLicenses.SeatTotals(reports);

        Assert.Equal(new[] { LicenseAccessType.Professional, LicenseAccessType.UserAccess }, totals.Select(row => row.Type));
        var passes = totals[1];
        Assert.Equal((60, 3, 6, 9, 12, 15, 18, LicenseHandling.ReportUse),
            (passes.Total!.Value, passes.Allocated!.Value, passes.Used!.Value, passes.Quarantined!.Value, passes.Unavailable!.Value, passes.Available!.Value, passes.Excess!.Value, passes.Handling));
        Assert.Equal(60, totals[0].Total);
        Assert.Null(totals[0].Allocated);
    }

    [Fact]
    public void A_site_that_read_no_seats_does_not_stand_for_its_license_in_the_totals_and_a_report_without_a_site_is_named_by_empty_text()
    {
        var license = new SiteLicense("1", null);
        var reports = new[]
        {
            new MaintenanceReport { Site = "down", License = license },
            new MaintenanceReport { Site = "up", License = license, Summary = new[] { new LicenseSummary { Type = LicenseAccessType.Professional, Total = 7 } } },
            new MaintenanceReport { Site = null, License = license },
        };

        var totals = SharedLicenses.SeatTotals(reports);
        SharedLicenses.Mark(reports);

        Assert.Equal(7, Assert.Single(totals).Total);
        Assert.Equal(new[] { "up", string.Empty }, reports[0].SharesLicenseWith);
    }

    [Fact]
    public void A_run_of_one_site_names_no_site_in_its_messages_and_a_failure_no_host_reported_is_thrown_once_the_sites_finished()
    {
        var single = Site("single.example", "1");
        single.AddAllocation(LicenseAccessType.Professional, single.AddUser("CORP", "gone", removedExternally: true));
        single.Monitor = new LicenseMonitorStatus { IsOperational = false, Reason = "stale" };
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = Since, LogPaths = Array.Empty<string>(), JournalPath = folder.File("journal.jsonl"), HistoryPath = folder.File("history.jsonl"), WhatIf = true,
        };
        var host = new RecordingHost(approve: false, whatIf: true);

        var report = Assert.Single(new MaintenanceRun(host, options).Run(new[] { single.Connect() }, Array.Empty<(string, string)>(), Call, CancellationToken.None));

        Assert.Equal("License Monitor: stale", host.Warnings[0]);
        Assert.Single(report.Candidates);
        Assert.Equal(4, new MaintenanceRun(host, options).ThrottleLimit);

        var broken = Site("broken.example", "2");
        broken.FailWhen = call => call == nameof(ISite.CheckLicenseMonitor) ? new InvalidOperationException("a bug") : null;
        var working = Site("working.example", "3");
        var error = Assert.Throws<InvalidOperationException>(() =>
            new MaintenanceRun(new RecordingHost(approve: false, whatIf: true), options).Run(new[] { broken.Connect(), working.Connect() }, Array.Empty<(string, string)>(), Call, CancellationToken.None));
        Assert.Equal("a bug", error.Message);
        Assert.Contains(nameof(ISite.ReadSummaryAsync), working.Calls);
    }

    [Fact]
    public void Sites_of_one_license_are_asked_who_used_them_only_when_unused_allocations_are_looked_for()
    {
        var prod = Site("prod.example", "1");
        var test = Site("test.example", "1");
        Holds(prod, "idle", Since.AddDays(-60));
        Holds(test, "idle", Since.AddDays(5));
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = Since, LogPaths = Array.Empty<string>(), JournalPath = folder.File("journal.jsonl"), HistoryPath = folder.File("history.jsonl"), WhatIf = true,
            Criteria = new InactiveCriteria { UnusedSinceUtc = Since, CheckRules = false },
        };

        var reports = new MaintenanceRun(new RecordingHost(approve: false, whatIf: true), options).Run(new[] { prod.Connect(), test.Connect() }, Array.Empty<(string, string)>(), Call, CancellationToken.None);
        int LicenseReads() => prod.Calls.Count(call => call == nameof(ISiteLicenseReader.ReadLicenseAsync));
        var readsBefore = LicenseReads();
        var alone = new MaintenanceRun(new RecordingHost(approve: false, whatIf: true), options).Run(new[] { prod.Connect() }, Array.Empty<(string, string)>(), Call, CancellationToken.None);

        Assert.Empty(reports[0].Candidates);
        Assert.Equal("idle", Assert.Single(alone[0].Candidates).UserId);
        Assert.Equal(new[] { "test.example:4242" }, reports[0].SharesLicenseWith);
        // Alone, the site's license is read once, by its routine: no other site could share it.
        Assert.Equal(readsBefore + 1, LicenseReads());
    }

    [Fact]
    public void Only_the_run_s_access_types_count_as_use_on_a_site_of_the_same_license()
    {
        var prod = Site("prod.example", "1");
        var test = Site("test.example", "1");
        Holds(prod, "idle", Since.AddDays(-60));
        Holds(test, "idle", Since.AddDays(5), LicenseAccessType.Analyzer);
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = Since, LogPaths = Array.Empty<string>(), JournalPath = folder.File("journal.jsonl"), HistoryPath = folder.File("history.jsonl"), WhatIf = true,
            Criteria = new InactiveCriteria { UnusedSinceUtc = Since, CheckRules = false, Types = new[] { LicenseAccessType.Professional } },
        };

        var reports = new MaintenanceRun(new RecordingHost(approve: false, whatIf: true), options).Run(new[] { prod.Connect(), test.Connect() }, Array.Empty<(string, string)>(), Call, CancellationToken.None);

        Assert.Equal("idle", Assert.Single(reports[0].Candidates).UserId);
    }
}
