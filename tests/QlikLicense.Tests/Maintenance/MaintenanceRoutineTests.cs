using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Release;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Tests.Maintenance;

/// <summary>The monthly routine as an engine class, against the simulated site, with its decisions made by a plain host: no runspace.</summary>
public sealed class MaintenanceRoutineTests : IAsyncLifetime
{
    private static readonly DateTime Since = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qliklicense-routine-" + Guid.NewGuid().ToString("N"));
    private SimulatedSite site;
    private QlikConnection connection;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        site = await SimulatedSite.StartAsync();
        connection = SimulatedConnection.To(site);
        site.Requests.Clear();
    }

    public async Task DisposeAsync()
    {
        connection.Dispose();
        await site.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private string Journal => Path.Combine(folder, "journal.jsonl");

    private MaintenanceRoutine Routine(IOperationHost host, Action<MaintenanceOptions>? change = null)
    {
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = Since,
            LogPaths = new[] { Path.Combine(RepositoryFolder.Root, "docs", "examples", "logs") },
            JournalPath = Journal,
        };
        change?.Invoke(options);
        return new MaintenanceRoutine(connection, host, options);
    }

    [Fact]
    public void By_default_it_reports_every_step_and_asks_about_nothing()
    {
        var host = new RecordingHost(approve: true);

        var report = Routine(host).Run(SimulatedConnection.Call, CancellationToken.None);

        Assert.Equal(4, report.Candidates.Length);
        Assert.Equal(4, report.Denials.Length);
        Assert.Equal(2, report.Summary.Length);
        Assert.True(report.LicenseMonitor != null);
        Assert.Empty(report.Changes);
        Assert.Empty(report.Problems);
        Assert.Empty(host.Asked);
        Assert.Empty(host.Output);
        Assert.Contains("Reading license denials from the logs", host.ProgressStatus);
        Assert.Contains(host.Warnings, warning => warning.Contains("'Sales analyzers'"));
        Assert.Equal(0, site.Requests.Count("DELETE") + site.Requests.Count("POST", "/qrs/license/"));
    }

    [Fact]
    public void A_preview_asks_about_each_change_with_its_impact_and_sends_none()
    {
        var host = new RecordingHost(approve: false, whatIf: true);
        var routine = Routine(host, options => { options.Remove = true; options.AllocateDenied = LicenseAccessType.Analyzer; options.WhatIf = true; });

        var report = routine.Run(SimulatedConnection.Call, CancellationToken.None);

        Assert.Equal(4, host.Asked.Count(asked => asked.Action == ReleaseOperation.ReleaseAction && asked.Impact == ChangeImpact.High));
        Assert.Single(host.Asked, asked => asked.Action == "Allocate Analyzer access" && asked.Target.Contains(@"CORP\dprince") && asked.Impact == ChangeImpact.Medium);
        Assert.Empty(report.Changes);
        Assert.True(report.WhatIf);
        Assert.Equal(0, site.Requests.Count("DELETE"));
        Assert.Equal(0, site.Requests.Snapshot().Count(request => request.Method == "POST" && request.Path.Contains("accesstype")));
    }

    [Fact]
    public void Approved_changes_go_through_the_journaled_operations_and_land_in_the_report_not_the_output()
    {
        var host = new RecordingHost(approve: true);
        var routine = Routine(host, options => { options.Remove = true; options.AllocateDenied = LicenseAccessType.Analyzer; });

        var report = routine.Run(SimulatedConnection.Call, CancellationToken.None);

        Assert.Empty(host.Problems);
        Assert.Equal(4, report.Changes.Count(change => change.Outcome == AllocationOutcome.Released));
        Assert.Single(report.Changes, change => change.Outcome == AllocationOutcome.Allocated && change.UserId == "dprince");
        Assert.Equal(Journal, report.JournalPath);
        // Intent and outcome of each of the 4 releases and of the allocation.
        Assert.Equal(10, File.ReadAllLines(Journal).Length);
        Assert.Empty(host.Output);
        Assert.Equal(4, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void A_cap_that_stops_the_releases_is_a_problem_of_that_step_and_the_rest_still_runs()
    {
        var host = new RecordingHost(approve: true);
        var routine = Routine(host, options => { options.Remove = true; options.MaximumCount = 3; });

        var report = routine.Run(SimulatedConnection.Call, CancellationToken.None);

        Assert.Single(host.Problems, problem => problem.Kind == ProblemKind.MaximumCountExceeded);
        Assert.Single(report.Problems, problem => problem.StartsWith("Releasing allocations"));
        Assert.Equal(2, report.Summary.Length);
        Assert.Equal(0, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void A_step_that_fails_is_reported_and_the_others_still_run()
    {
        site.Faults.AppliesTo = (method, path) => path.StartsWith("/qrs/app", StringComparison.Ordinal);
        site.Faults.ServiceUnavailableRate = 1;
        var host = new RecordingHost(approve: true);

        var report = Routine(host).Run(SimulatedConnection.Call, CancellationToken.None);

        Assert.Equal(ProblemKind.SiteRequestFailed, Assert.Single(host.Problems).Kind);
        Assert.Single(report.Problems, problem => problem.StartsWith("Checking the License Monitor"));
        Assert.Equal(4, report.Candidates.Length);
    }
}
