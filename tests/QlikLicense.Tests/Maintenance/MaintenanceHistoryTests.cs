using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Reporting;
using Xunit;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Tests.Maintenance;

/// <summary>The maintenance history as a file: append-only lines that survive torn writes, concurrent writers and newer formats.</summary>
public sealed class MaintenanceHistoryTests : IDisposable
{
    private static readonly DateTime November = new(2026, 11, 2, 6, 0, 0, DateTimeKind.Utc);
    private readonly string folder = Directory.CreateTempSubdirectory("qliklicense-history-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string HistoryPath => Path.Combine(folder, "history.jsonl");

    private static LicenseHistoryEntry Run(string site, DateTime time, int used = 10, int denied = 2) => new()
    {
        Time = time,
        Site = site,
        Seats = new[]
        {
            new LicenseHistorySeats { Type = LicenseAccessType.Professional, Total = 20, Allocated = used + 1, Used = used, Quarantined = 0, Available = 19 - used },
            new LicenseHistorySeats { Type = LicenseAccessType.Analyzer, Total = 50, Allocated = 30, Used = 25, Quarantined = 1, Available = 19 },
        },
        DeniedUsers = denied,
        // Long lines make a torn or interleaved write likely if the writers were not kept apart.
        ModuleVersion = new string('v', 3000),
    };

    private List<LicenseHistoryEntry> ReadAll(List<JournalProblem> problems) => MaintenanceHistory.Read(HistoryPath, problems.Add).ToList();

    [Fact]
    public void Every_line_carries_the_format_and_reads_back_with_its_figures()
    {
        MaintenanceHistory.Append(HistoryPath, Run("qlik.corp.example:4242", November, used: 12, denied: 3));

        var line = File.ReadAllLines(HistoryPath).Single();
        Assert.StartsWith("{\"format\":1,\"time\":\"2026-11-02T06:00:00.000Z\",\"site\":\"qlik.corp.example:4242\"", line);
        Assert.Contains("\"type\":\"Professional\"", line);
        var problems = new List<JournalProblem>();
        var entry = Assert.Single(ReadAll(problems));
        Assert.Empty(problems);
        Assert.Equal(November, entry.Time);
        Assert.Equal(DateTimeKind.Utc, entry.Time.Kind);
        Assert.Equal(12, entry.SeatsOf(LicenseAccessType.Professional)!.Used);
        Assert.Equal(3, entry.DeniedUsers);
        Assert.Equal(HistoryPath, entry.HistoryPath);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_with_a_problem_and_the_next_run_starts_on_a_line_of_its_own()
    {
        MaintenanceHistory.Append(HistoryPath, Run("a:4242", November));
        File.AppendAllText(HistoryPath, "{\"format\":1,\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:42");
        var problems = new List<JournalProblem>();
        Assert.Single(ReadAll(problems));
        Assert.Equal(2, Assert.Single(problems).LineNumber);

        MaintenanceHistory.Append(HistoryPath, Run("a:4242", November.AddMonths(2)));

        problems.Clear();
        Assert.Equal(new[] { November, November.AddMonths(2) }, ReadAll(problems).Select(entry => entry.Time));
        Assert.Equal(2, Assert.Single(problems).LineNumber);
    }

    [Fact]
    public void Lines_of_a_newer_format_or_without_a_site_are_skipped_and_said_why()
    {
        MaintenanceHistory.Append(HistoryPath, Run("a:4242", November));
        File.AppendAllLines(HistoryPath, new[]
        {
            "{\"format\":2,\"time\":\"2026-12-02T06:00:00.000Z\",\"site\":\"a:4242\",\"seats\":\"changed meaning\"}",
            "{\"format\":1,\"time\":\"2026-12-02T06:00:00.000Z\"}",
            "not json",
        });
        var problems = new List<JournalProblem>();

        Assert.Single(ReadAll(problems));

        Assert.Equal(new[] { 2, 3, 4 }, problems.Select(problem => problem.LineNumber));
        Assert.Contains("newer QlikLicense (format 2)", problems[0].Problem);
        Assert.Contains("site missing", problems[1].Problem);
        Assert.Contains("not valid JSON", problems[2].Problem);
    }

    [Fact]
    public void Writers_on_several_threads_each_with_its_own_file_handle_never_interleave_or_lose_a_line()
    {
        const int runs = 400;
        // As a multi-site run does: every site's routine appends on its own worker thread, each opening the file itself.
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
            MaintenanceHistory.Append(HistoryPath, Run("site" + index % 8 + ":4242", November.AddMinutes(index), used: index)));

        var problems = new List<JournalProblem>();
        var entries = ReadAll(problems);
        Assert.Empty(problems);
        Assert.Equal(runs, entries.Count);
        Assert.Equal(Enumerable.Range(0, runs), entries.Select(entry => entry.SeatsOf(LicenseAccessType.Professional)!.Used!.Value).OrderBy(used => used));
    }

    [Fact]
    public void Runs_come_site_by_site_oldest_first_and_the_last_ones_are_the_newest_by_time_whatever_the_case_of_the_server_name()
    {
        var entries = new List<LicenseHistoryEntry>();
        for (var month = 0; month < 15; month++) entries.Add(Run(month % 2 == 0 ? "qlik.corp.example:4242" : "QLIK.corp.example:4242", November.AddMonths(month)));
        entries.Add(Run("test.corp.example:4242/dev", November));
        // Two runs at once appended out of order.
        (entries[13], entries[14]) = (entries[14], entries[13]);

        var last = MaintenanceHistory.LastPerSite(entries, 12);

        Assert.Equal(13, last.Count);
        Assert.Equal(Enumerable.Range(3, 12).Select(month => November.AddMonths(month)), last.Take(12).Select(entry => entry.Time));
        Assert.Equal("test.corp.example:4242/dev", last[12].Site);
        var all = MaintenanceHistory.LastPerSite(entries, null);
        Assert.Equal(Enumerable.Range(0, 15).Select(month => November.AddMonths(month)), all.Take(15).Select(entry => entry.Time));
        Assert.Equal("test.corp.example:4242/dev", all[15].Site);
    }

    [Fact]
    public void A_run_is_recorded_with_the_sites_earlier_runs_and_a_preview_is_shown_but_not_recorded()
    {
        for (var month = 0; month < 13; month++) MaintenanceHistory.Append(HistoryPath, Run("prod:4242", November.AddMonths(month)));
        MaintenanceHistory.Append(HistoryPath, Run("test:4242", November));
        var host = new RecordingHost(approve: true);
        var report = new MaintenanceReport { Site = "PROD:4242", GeneratedAt = November.AddYears(2), WhatIf = true };

        var preview = MaintenanceHistory.Record(HistoryPath, report, host, CancellationToken.None);

        Assert.Equal(12, preview.Length);
        Assert.True(preview[^1].Preview);
        Assert.All(preview.Take(11), entry => Assert.False(entry.Preview));
        Assert.Equal(November.AddMonths(2), preview[0].Time);
        Assert.Equal(14, File.ReadAllLines(HistoryPath).Length);

        report.WhatIf = false;
        var recorded = MaintenanceHistory.Record(HistoryPath, report, host, CancellationToken.None);

        Assert.False(recorded[^1].Preview);
        Assert.Equal(15, File.ReadAllLines(HistoryPath).Length);
        Assert.Equal(HistoryPath, report.HistoryPath);
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public void A_history_that_cannot_be_written_is_a_problem_that_says_so()
    {
        Directory.CreateDirectory(HistoryPath);

        var error = Assert.Throws<OperationException>(() => MaintenanceHistory.Append(HistoryPath, Run("a:4242", November)));

        Assert.Equal(ProblemKind.HistoryNotWritable, error.Problem.Kind);
        Assert.Contains("-HistoryPath", error.Message);
    }

    [Fact]
    public void The_report_draws_the_trend_per_site_with_its_figures_in_titles_and_a_table_and_no_script()
    {
        var runs = Enumerable.Range(0, 11).Select(month => Run("prod:4242", November.AddMonths(month), used: 5 + month, denied: month % 3)).ToList();
        var current = Run("prod:4242", November.AddMonths(11), used: 17, denied: 4);
        current.Preview = true;
        runs.Add(current);
        var report = new MaintenanceReport { Site = "prod:4242", GeneratedAt = current.Time, WhatIf = true, History = runs.ToArray(), HistoryPath = HistoryPath };
        var failed = new MaintenanceReport { Site = "test:4242", GeneratedAt = current.Time };

        var html = HtmlReportWriter.Render(new[] { report, failed });

        Assert.Contains("<svg id=\"trend-chart-1\" role=\"img\" aria-labelledby=\"trend-title-1\"", html);
        Assert.Contains("<h2>Trend: the last 12 runs</h2>", html);
        Assert.Contains("<title>2027-10-02 06:00 UTC (preview, not recorded): Professional 17 used of 20</title>", html);
        Assert.Contains("<title>2026-11-02 06:00 UTC: Analyzer 25 used of 50</title>", html);
        Assert.Contains("<title>2027-09-02 06:00 UTC: 1 user denied</title>", html);
        Assert.Contains("<td>2026-12-02 06:00 UTC</td><td>6 / 20</td><td>25 / 50</td><td>1</td>", html);
        Assert.Contains("fill-opacity=\"0.5\"", html);
        Assert.Contains(">2 Oct<tspan x=\"817\" dy=\"13\">preview</tspan></text>", html);
        Assert.Contains(HistoryPath, html);
        // The site that stopped before its history was read says so instead of drawing an empty chart.
        Assert.DoesNotContain("id=\"trend-chart-2\"", html);
        Assert.Contains("This run was not recorded in the maintenance history.", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
