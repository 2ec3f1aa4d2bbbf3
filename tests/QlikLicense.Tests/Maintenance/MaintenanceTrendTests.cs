using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Tests.Maintenance;

/// <summary>The routine keeps a history of several runs against the simulated site, whose figures change between them.</summary>
public sealed class MaintenanceTrendTests : IAsyncLifetime
{
    private static readonly DateTime Since = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string folder = Directory.CreateTempSubdirectory("qliklicense-trend-").FullName;
    private SimulatedSite site;
    private QlikConnection connection;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync();
        connection = SimulatedConnection.To(site);
    }

    public async Task DisposeAsync()
    {
        connection.Dispose();
        await site.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private string HistoryPath => Path.Combine(folder, "history.jsonl");

    private MaintenanceReport Run(RecordingHost host, Action<MaintenanceOptions>? change = null)
    {
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = Since,
            LogPaths = new[] { Path.Combine(RepositoryFolder.Root, "docs", "examples", "logs") },
            JournalPath = Path.Combine(folder, "journal.jsonl"),
            HistoryPath = HistoryPath,
        };
        change?.Invoke(options);
        return new MaintenanceRoutine(connection, host, options).Run(SimulatedConnection.Call, CancellationToken.None);
    }

    [Fact]
    public void Each_run_adds_its_figures_and_the_report_carries_the_runs_so_far_except_a_preview()
    {
        var host = new RecordingHost(approve: true);

        var first = Run(host);
        var preview = Run(new RecordingHost(approve: false, whatIf: true), options => { options.Remove = true; options.WhatIf = true; });
        var releasing = Run(host, options => { options.Remove = true; options.AllocateDenied = LicenseAccessType.Analyzer; });
        var after = Run(host);

        Assert.Single(first.History);
        Assert.Equal(2, preview.History.Length);
        Assert.True(preview.History[1].Preview);
        Assert.Equal(3, after.History.Length);
        Assert.Equal(HistoryPath, after.HistoryPath);
        var recorded = MaintenanceHistory.Read(HistoryPath, problem => Assert.Fail(problem.ToString())).ToList();
        Assert.Equal(3, recorded.Count);
        Assert.All(recorded, entry => Assert.Equal(connection.Site, entry.Site));
        Assert.Equal(new[] { 4, 4, 0 }, recorded.Select(entry => entry.ToRelease));
        Assert.Equal(new[] { 0, 4, 0 }, recorded.Select(entry => entry.Released));
        Assert.Equal(new[] { 0, 1, 0 }, recorded.Select(entry => entry.Allocated));
        Assert.Equal(new[] { 0, 5, 0 }, recorded.Select(entry => entry.Changes));
        Assert.Equal(new[] { 4, 4, 4 }, recorded.Select(entry => entry.DeniedUsers));
        // The seats the site reports moved with the releases (1 Professional, 3 Analyzer) and the allocation (1 Analyzer).
        Assert.Equal(new int?[] { 11, 10, 10 }, recorded.Select(entry => entry.SeatsOf(LicenseAccessType.Professional)!.Allocated));
        Assert.Equal(new int?[] { 10, 9, 9 }, recorded.Select(entry => entry.SeatsOf(LicenseAccessType.Professional)!.Used));
        Assert.Equal(new int?[] { 10, 8, 8 }, recorded.Select(entry => entry.SeatsOf(LicenseAccessType.Analyzer)!.Allocated));
        Assert.Equal(new int?[] { 25, 25, 25 }, recorded.Select(entry => entry.SeatsOf(LicenseAccessType.Professional)!.Total));
        Assert.Empty(first.Problems.Concat(releasing.Problems).Concat(after.Problems));
    }

    [Fact]
    public void A_history_that_cannot_be_written_is_a_problem_of_the_run_and_the_report_is_still_complete()
    {
        Directory.CreateDirectory(HistoryPath);
        var host = new RecordingHost(approve: true);

        var report = Run(host);

        Assert.Single(report.Problems, problem => problem.StartsWith("Recording the run in the maintenance history"));
        Assert.Equal(ProblemKind.HistoryNotWritable, Assert.Single(host.Problems).Kind);
        Assert.Equal(2, report.Summary.Length);
    }
}
