using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>What the routine keeps between runs: the history's lines that cannot be read, and when it last ran on a site.</summary>
public sealed class RoutineRecordsTests : IDisposable
{
    private static readonly DateTime November = new(2026, 11, 2, 6, 0, 0, DateTimeKind.Utc);
    private readonly TemporaryFolder folder = new();
    private readonly string site = "records-" + Guid.NewGuid().ToString("N") + ".example:4242";

    public void Dispose()
    {
        // Only the tests that record a run make the state folder: on a fresh machine it may not be there at all.
        var state = MaintenanceState.PathFor(site);
        if (File.Exists(state)) File.Delete(state);
        folder.Dispose();
    }

    private string History => folder.File("history.jsonl");

    [Theory]
    [InlineData(1, "1 line of the maintenance history '{0}' could not be read and was skipped (-Verbose shows it).")]
    [InlineData(2, "2 lines of the maintenance history '{0}' could not be read and were skipped (-Verbose shows them).")]
    public void Lines_of_the_history_that_cannot_be_read_are_warned_of_once_and_each_shown_in_verbose(int bad, string warning)
    {
        MaintenanceHistory.Append(History, new LicenseHistoryEntry { Site = site, Time = November });
        MaintenanceHistory.Append(History, new LicenseHistoryEntry { Site = "other:4242", Time = November });
        File.AppendAllLines(History, Enumerable.Repeat("not json", bad));
        var host = new RecordingHost(approve: true);

        var charted = MaintenanceHistory.Record(History, new MaintenanceReport { Site = site.ToUpperInvariant(), GeneratedAt = November.AddMonths(1), WhatIf = true }, host, CancellationToken.None);

        Assert.Equal(new[] { November, November.AddMonths(1) }, charted.Select(entry => entry.Time));
        Assert.Equal(string.Format(warning, History), Assert.Single(host.Warnings));
        Assert.Equal(bad, host.Verbose.Count);
        Assert.All(host.Verbose, line => Assert.Contains("not valid JSON", line));
    }

    [Fact]
    public void A_first_run_charts_itself_alone_and_reads_no_history()
    {
        var host = new RecordingHost(approve: true);

        var charted = MaintenanceHistory.Record(History, new MaintenanceReport { Site = site, GeneratedAt = November, WhatIf = true }, host, CancellationToken.None);

        Assert.Equal(November, Assert.Single(charted).Time);
        Assert.False(File.Exists(History));
        Assert.Empty(host.Warnings);
    }

    [Theory]
    [InlineData("{\"format\":0,\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:4242\"}", "not a history entry (format, time or site missing)")]
    [InlineData("{\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:4242\"}", "not a history entry (format, time or site missing)")]
    [InlineData("{\"format\":1,\"site\":\"a:4242\"}", "not a history entry (format, time or site missing)")]
    [InlineData("{\"format\":1,\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"\"}", "not a history entry (format, time or site missing)")]
    [InlineData("{\"format\":\"one\",\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:4242\"}", "not valid JSON")]
    [InlineData("{\"format\":99999999999,\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:4242\"}", "not valid JSON")]
    [InlineData("{\"format\":1,\"time\":\"soon\",\"site\":\"a:4242\"}", "not valid JSON")]
    [InlineData("[1]", "not valid JSON")]
    public void A_line_that_is_no_entry_of_this_format_is_skipped_with_why(string line, string why)
    {
        File.WriteAllLines(History, new[] { line });
        var problems = new List<JournalProblem>();

        Assert.Empty(MaintenanceHistory.Read(History, problems.Add));

        Assert.Contains(why, Assert.Single(problems).Problem);
    }

    [Fact]
    public void An_entry_without_seats_reads_with_none_and_a_reader_without_a_problem_handler_skips_quietly()
    {
        File.WriteAllLines(History, new[] { "{\"format\":1,\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:4242\",\"seats\":null}", "not json" });

        var entry = Assert.Single(MaintenanceHistory.Read(History, null));

        Assert.Empty(entry.Seats);
        Assert.Equal(History, entry.HistoryPath);
        Assert.Equal(1, entry.Format);
    }

    [Fact]
    public void The_last_run_on_a_site_is_kept_to_the_millisecond_beside_the_journals_and_an_unreadable_state_is_no_last_run()
    {
        Assert.Null(MaintenanceState.LastRun(site));
        var run = November.AddMilliseconds(375);

        MaintenanceState.Save(site, run);

        Assert.Equal(run, MaintenanceState.LastRun(site));
        var path = MaintenanceState.PathFor(site);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(LicenseJournal.DefaultFolder)!, "State"), MaintenanceState.Folder);
        Assert.Equal(Path.Combine(MaintenanceState.Folder, Path.GetFileNameWithoutExtension(LicenseJournal.DefaultPath(site)) + ".json"), path);
        Assert.Contains($"\"site\": \"{site}\"", File.ReadAllText(path));
        File.WriteAllText(path, "{\"lastRun\":\"not a date\"}");
        Assert.Null(MaintenanceState.LastRun(site));
        File.WriteAllText(path, "{\"site\":");
        Assert.Null(MaintenanceState.LastRun(site));
        File.WriteAllText(path, "{}");
        Assert.Null(MaintenanceState.LastRun(site));
    }

    [Fact]
    public void A_history_whose_folder_cannot_be_made_is_a_problem_naming_the_file()
    {
        File.WriteAllText(folder.File("blocker"), "a file where a folder should be");
        var path = Path.Combine(folder.File("blocker"), "history.jsonl");

        var error = Assert.Throws<OperationException>(() => MaintenanceHistory.Append(path, new LicenseHistoryEntry { Site = site, Time = November }));

        Assert.Equal((ProblemKind.HistoryNotWritable, (object)path), (error.Problem.Kind, error.Problem.Target));
        Assert.StartsWith($"Cannot add this run to the maintenance history '{path}': ", error.Message);
    }
}
