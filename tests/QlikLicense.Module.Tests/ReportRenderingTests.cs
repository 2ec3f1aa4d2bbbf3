using System.Diagnostics;
using StbImageSharp;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The HTML report as a person sees it: rendered by headless Chromium (Debian's chromium package, which .ci/setup
/// installs; without it each test is skipped, or fails under CI=true: see <see cref="ChromiumBrowser"/>), as a
/// screenshot whose pixels must show the seat chart's colours, and as the DOM Chromium built.
/// </summary>
public sealed class ReportRenderingTests : IAsyncLifetime
{
    private string chromium;

    private SimulatedSite site;
    private string folder;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync();
        folder = Path.Combine(Path.GetTempPath(), "qliklicense-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [SkippableFact]
    public void The_report_renders_with_its_chart_and_tables_and_needs_nothing_outside_the_file()
    {
        chromium = ChromiumBrowser.Require();
        var report = Path.Combine(folder, "report.html");
        using (var session = new ModuleSession())
        {
            session.ConnectTo(site);
            session.SetVariable("report", report);
            session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
            Assert.Empty(session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -ReportPath $report").AllErrors);
        }

        var html = File.ReadAllText(report);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);

        var dom = RunChromium(report, "--dump-dom");
        Assert.Contains("id=\"seat-chart\"", dom);
        Assert.Contains("Harleen Quinzel", dom);
        Assert.Contains(@"CORP\jdoe", dom);

        var screenshot = Path.Combine(folder, "report.png");
        RunChromium(report, "--screenshot=" + screenshot, "--window-size=1280,1400");
        var image = ImageResult.FromMemory(File.ReadAllBytes(screenshot), ColorComponents.RedGreenBlue);
        Assert.Equal(1280, image.Width);
        // The "Used" and "Available" bars of the chart, by their colours: the chart was painted, not just present.
        Assert.True(CountPixels(image, 0x2e, 0x7d, 0x32) > 500, "no 'Used' bar pixels in the screenshot");
        Assert.True(CountPixels(image, 0xcf, 0xd8, 0xdc) > 500, "no 'Available' bar pixels in the screenshot");
    }

    [SkippableFact]
    public async Task The_report_of_a_run_on_three_sites_shows_a_summary_and_every_site_the_stopped_one_with_its_problem()
    {
        chromium = ChromiumBrowser.Require();
        var report = Path.Combine(folder, "run.html");
        // The first site has groups of denied users to decide about; the routine has run once before on the two that answer.
        DeniedGroupsScenario.Apply(site.Store);
        var scenarioLogs = Path.Combine(folder, "logs");
        DeniedGroupsScenario.WriteLog(scenarioLogs, new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc));
        string[] sites;
        await using (var test = await SimulatedSite.StartAsync())
        await using (var stopped = await SimulatedSite.StartAsync())
        using (var session = new ModuleSession())
        {
            session.SetVariable("sites", new[] { site, test, stopped }.Select(each => session.ConnectTo(each, "-PassThru").Output.Single().BaseObject).ToArray());
            session.SetVariable("history", Path.Combine(folder, "history.jsonl"));
            session.SetVariable("logs", new[] { Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"), scenarioLogs });
            Assert.Empty(session.Invoke("$sites[0,1] | Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -HistoryPath $history").AllErrors);
            await stopped.DisposeAsync();
            session.SetVariable("report", report);
            var run = session.Invoke("$sites | Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -HistoryPath $history -ReportPath $report -PassThru");
            sites = run.Output.Select(result => result.Text("Site")).ToArray();
        }

        Assert.Equal(3, sites.Length);
        var dom = RunChromium(report, "--dump-dom");
        Assert.Contains("id=\"run-summary\"", dom);
        foreach (var name in sites) Assert.Contains(name, dom);
        Assert.Contains("id=\"seat-chart-1\"", dom);
        Assert.Contains("id=\"site-3\"", dom);
        Assert.Contains("Reading the license summary", dom);
        // The decisions of the first site, and the trend of the two that ran twice.
        Assert.Contains("id=\"decisions-1\"", dom);
        Assert.Contains("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'wmaximoff'", dom);
        Assert.Contains("id=\"trend-chart-1\"", dom);
        Assert.Contains("id=\"trend-chart-2\"", dom);
        Assert.Contains("Trend: the last 2 runs", dom);
        var screenshot = Path.Combine(folder, "run.png");
        RunChromium(report, "--screenshot=" + screenshot, "--window-size=1280,6000");
        var image = ImageResult.FromMemory(File.ReadAllBytes(screenshot), ColorComponents.RedGreenBlue);
        Assert.True(CountPixels(image, 0x2e, 0x7d, 0x32) > 500, "no 'Used' bar pixels in the screenshot");
        Assert.True(CountPixels(image, 0x15, 0x65, 0xc0) > 2000, "no trend 'Used' bar or suggestion badge pixels in the screenshot");
    }

    [SkippableFact]
    public void The_report_draws_the_trend_of_the_last_12_runs_from_past_months_and_this_run()
    {
        chromium = ChromiumBrowser.Require();
        var report = Path.Combine(folder, "trend.html");
        var history = Path.Combine(folder, "history.jsonl");
        using (var session = new ModuleSession())
        {
            session.ConnectTo(site);
            var name = session.Invoke("(Get-QlikConnection).Site").Output.Single().ToString();
            // Fourteen past months as earlier releases wrote them, and another site's run that must not show.
            var months = Enumerable.Range(0, 14).Select(month =>
                $"{{\"format\":1,\"time\":\"{new DateTime(2025, 9, 1).AddMonths(month):yyyy-MM-dd}T06:00:00.000Z\",\"site\":\"{name}\"," +
                $"\"seats\":[{{\"type\":\"Professional\",\"total\":25,\"used\":{8 + month % 5}}},{{\"type\":\"Analyzer\",\"total\":50,\"used\":{20 + month}}}]," +
                $"\"deniedUsers\":{1 + month % 4},\"released\":2}}");
            File.WriteAllLines(history, months.Append("{\"format\":1,\"time\":\"2026-10-01T06:00:00.000Z\",\"site\":\"other:4242\",\"deniedUsers\":99}"));
            session.SetVariable("report", report);
            session.SetVariable("history", history);
            session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
            Assert.Empty(session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -HistoryPath $history -ReportPath $report").AllErrors);
        }

        Assert.Equal(16, File.ReadAllLines(history).Length);
        var html = File.ReadAllText(report);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var dom = RunChromium(report, "--dump-dom");
        Assert.Contains("id=\"trend-chart\"", dom);
        Assert.Contains("Trend: the last 12 runs", dom);
        // The oldest of the 12: 11 past months (from 2025-12) and this run; the three before and the other site are left out.
        Assert.Contains("2025-12-01 06:00 UTC: Professional 11 used of 25", dom);
        Assert.DoesNotContain("2025-11-01", dom);
        Assert.DoesNotContain("99 users denied", dom);
        Assert.Contains("2026-10-01 06:00 UTC: 2 users denied", dom);
        var screenshot = Path.Combine(folder, "trend.png");
        RunChromium(report, "--screenshot=" + screenshot, "--window-size=1280,2200");
        var image = ImageResult.FromMemory(File.ReadAllBytes(screenshot), ColorComponents.RedGreenBlue);
        // The trend's "Used" and "Denied users" bars, by their colours: the chart was painted, not just present.
        Assert.True(CountPixels(image, 0x15, 0x65, 0xc0) > 2000, "no trend 'Used' bar pixels in the screenshot");
        Assert.True(CountPixels(image, 0xad, 0x14, 0x57) > 500, "no 'Denied users' bar pixels in the screenshot");
    }

    [SkippableFact]
    public void The_decisions_section_shows_the_denied_groups_and_each_suggestion_with_its_command()
    {
        chromium = ChromiumBrowser.Require();
        DeniedGroupsScenario.Apply(site.Store);
        var logs = Path.Combine(folder, "logs");
        DeniedGroupsScenario.WriteLog(logs, new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc));
        var report = Path.Combine(folder, "decisions.html");
        using (var session = new ModuleSession())
        {
            session.ConnectTo(site);
            session.SetVariable("report", report);
            session.SetVariable("logs", logs);
            Assert.Empty(session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -ReportPath $report").AllErrors);
        }

        var dom = RunChromium(report, "--dump-dom");
        Assert.Contains("id=\"decisions\"", dom);
        Assert.Contains("Ops &lt;EU&gt;", dom);
        Assert.Contains("Finance professionals", dom);
        Assert.Contains("no Professional seats are left", dom);
        Assert.Contains("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'wmaximoff'", dom);
        Assert.Contains("ExcludeFromRule", dom);
        var screenshot = Path.Combine(folder, "decisions.png");
        RunChromium(report, "--screenshot=" + screenshot, "--window-size=1280,4000");
        var image = ImageResult.FromMemory(File.ReadAllBytes(screenshot), ColorComponents.RedGreenBlue);
        // The suggestions' kind badges, by their colour: the section was painted, not just present.
        Assert.True(CountPixels(image, 0x15, 0x65, 0xc0) > 500, "no suggestion badge pixels in the screenshot");
    }

    private static int CountPixels(ImageResult image, byte red, byte green, byte blue)
    {
        var count = 0;
        for (var i = 0; i + 2 < image.Data.Length; i += 3)
            if (Math.Abs(image.Data[i] - red) <= 2 && Math.Abs(image.Data[i + 1] - green) <= 2 && Math.Abs(image.Data[i + 2] - blue) <= 2) count++;
        return count;
    }

    private string RunChromium(string page, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(folder, "profile"),
                 }.Concat(arguments).Append(new Uri(page).AbsoluteUri))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "Chromium did not finish within 60 s");
        Assert.True(process.ExitCode == 0, "Chromium failed: " + errors.Result);
        return output.Result;
    }
}
