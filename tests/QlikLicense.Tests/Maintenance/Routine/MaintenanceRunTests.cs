using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Release;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>The routine on several sites in one run (<see cref="MaintenanceRun"/>), on sites in memory: each site's report, shared licenses, failures kept apart.</summary>
public sealed class MaintenanceRunTests : IDisposable
{
    private static readonly SiteCall Call = new(CancellationToken.None);
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>A preview on every site: neither the routine's state nor the history are written.</summary>
    private MaintenanceOptions Options(bool remove = false) => new()
    {
        DeniedSinceUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        LogPaths = Array.Empty<string>(),
        JournalPath = folder.File("journal.jsonl"),
        HistoryPath = folder.File("history.jsonl"),
        Remove = remove,
        WhatIf = true,
    };

    private static InMemorySite SiteWithOneLeaver(string server)
    {
        var site = new InMemorySite(server);
        site.Connect();
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "left." + server, removedExternally: true));
        return site;
    }

    [Fact]
    public void Each_site_has_its_report_in_the_order_given_and_sites_on_one_license_name_each_other()
    {
        var production = SiteWithOneLeaver("prod.example");
        var test = SiteWithOneLeaver("test.example");
        var other = SiteWithOneLeaver("other.example");
        other.License = new SiteLicense("9999", null);
        var host = new RecordingHost(approve: false, whatIf: true);

        var reports = new MaintenanceRun(host, Options(remove: true)).Run(new[] { production.Connect(), test.Connect(), other.Connect() },
            Array.Empty<(string, string)>(), Call, CancellationToken.None);

        Assert.Equal(new[] { "prod.example:4242", "test.example:4242", "other.example:4242" }, reports.Select(report => report.Site));
        Assert.All(reports, report => Assert.Single(report.Candidates));
        Assert.All(reports, report => Assert.Empty(report.Problems));
        Assert.Equal(new[] { "test.example:4242" }, reports[0].SharesLicenseWith);
        Assert.Empty(reports[2].SharesLicenseWith);
        // A preview asks about each release, once per site, on the caller's thread, naming the site.
        Assert.Equal(3, host.Asked.Count(asked => asked.Action == ReleaseOperation.ReleaseAction));
        Assert.All(new[] { production, test, other }, site => Assert.DoesNotContain(nameof(ISite.ReleaseAsync), site.Calls));
    }

    [Fact]
    public void A_site_whose_requests_fail_is_reported_with_its_problem_and_a_site_that_never_ran_gets_a_report_too()
    {
        var failing = SiteWithOneLeaver("down.example");
        failing.FailWhen = call => new SiteException(SiteKind.QlikSense, SiteErrorKind.ConnectionFailed, "GET", "/qrs", null, "unreachable");
        var working = SiteWithOneLeaver("up.example");
        var host = new RecordingHost(approve: false, whatIf: true);

        var reports = new MaintenanceRun(host, Options()).Run(new[] { failing.Connect(), working.Connect() },
            new[] { ("NoServer", "Site 'NoServer': the setting 'Server' is required.") }, Call, CancellationToken.None);

        Assert.Equal(new[] { "down.example:4242", "up.example:4242", "NoServer" }, reports.Select(report => report.Site));
        Assert.NotEmpty(reports[0].Problems);
        Assert.All(reports[0].Problems, problem => Assert.Contains("unreachable", problem));
        Assert.Empty(reports[1].Problems);
        Assert.Single(reports[1].Candidates);
        Assert.Equal(new[] { "Site 'NoServer': the setting 'Server' is required." }, reports[2].Problems);
        Assert.True(reports[2].WhatIf);
        Assert.All(host.Problems, problem => Assert.Equal(ProblemKind.SiteRequestFailed, problem.Kind));
    }

    [Fact]
    public void A_site_whose_host_fails_outside_a_step_is_reported_with_that_problem_and_in_a_run_of_several_sites_messages_name_their_site()
    {
        var stopped = SiteWithOneLeaver("stopped.example");
        var working = SiteWithOneLeaver("working.example");
        working.Monitor = new LicenseMonitorStatus { IsOperational = false, Reason = "stale" };
        var closed = new OperationException(new OperationProblem(ProblemKind.ConnectionClosed, new InvalidOperationException("the host has stopped"), "stopped.example"));
        // The journal is named before the first step: a failure there is outside every step.
        var host = new RecordingHost(approve: false, whatIf: true) { JournalFailure = journal => journal.Contains("stopped.example", StringComparison.Ordinal) ? closed : null };
        var options = Options();
        options.JournalPath = null;

        var reports = new MaintenanceRun(host, options).Run(new[] { stopped.Connect(), working.Connect() }, Array.Empty<(string, string)>(), Call, CancellationToken.None);

        Assert.Equal(new[] { "the host has stopped" }, reports[0].Problems);
        Assert.Same(closed.Problem, Assert.Single(host.Problems));
        Assert.DoesNotContain(nameof(ISite.CheckLicenseMonitor), stopped.Calls);
        Assert.Empty(reports[1].Problems);
        Assert.Equal("working.example:4242: License Monitor: stale", Assert.Single(host.Warnings));
    }
}
