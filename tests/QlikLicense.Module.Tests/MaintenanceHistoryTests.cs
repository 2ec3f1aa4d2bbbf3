using System.Management.Automation;

namespace QlikLicense.Module.Tests;

/// <summary>Invoke-QlikLicenseMaintenance keeps the maintenance history, Get-QlikLicenseHistory reads it back.</summary>
public sealed class MaintenanceHistoryTests : SiteSessionTest
{
    private string history;

    protected override void Prepare()
    {
        history = Path.Combine(tempFolder, "history.jsonl");
        session.SetVariable("history", history);
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
    }

    private void Maintain(string parameters = "")
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -HistoryPath $history " + parameters);
        Assert.Empty(result.AllErrors);
    }

    [Fact]
    public void Several_runs_are_read_back_in_order_with_the_figures_that_changed_between_them()
    {
        Maintain();
        Maintain("-Remove -Confirm:$false -JournalPath \"$temp/journal.jsonl\"");
        Maintain();

        var all = session.Invoke("Get-QlikLicenseHistory -Path $history");

        Assert.Empty(all.AllErrors);
        Assert.Equal(3, all.Output.Count);
        Assert.All(all.Output, entry => Assert.True(entry.IsA("QlikLicense.Model.LicenseHistoryEntry")));
        Assert.Equal(new[] { "4", "4", "0" }, all.Output.Select(entry => entry.Text("ToRelease")));
        Assert.Equal(new[] { "0", "4", "0" }, all.Output.Select(entry => entry.Text("Released")));
        Assert.Equal(new[] { "11", "10", "10" }, session.Invoke("Get-QlikLicenseHistory -Path $history | ForEach-Object { $_.SeatsOf('Professional').Allocated }").Output.Select(value => value.ToString()));
        var site = session.Invoke("(Get-QlikConnection).Site").Output.Single().ToString();
        Assert.All(all.Output, entry => Assert.Equal(site, entry.Text("Site")));

        var last = session.Invoke("Get-QlikConnection | Get-QlikLicenseHistory -Path $history -Last 2");
        Assert.Equal(new[] { "4", "0" }, last.Output.Select(entry => entry.Text("ToRelease")));
        Assert.Empty(session.Invoke("Get-QlikLicenseHistory -Path $history -Site 'elsewhere*'").Output);
        Assert.Equal(3, session.Invoke("Get-QlikLicenseHistory -Path $history -Site ($(Get-QlikConnection).Site.ToUpperInvariant())").Output.Count);

        // The format view, as a console shows it.
        var table = session.InvokeAsUser("Get-QlikLicenseHistory -Path $history -Last 1").HostText;
        Assert.Contains("Professional", table);
        Assert.Contains("9 / 25", table);
    }

    [Fact]
    public void A_preview_is_in_its_report_but_not_in_the_history()
    {
        var preview = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -HistoryPath $history -Remove -WhatIf -PassThru");

        Assert.Empty(preview.AllErrors);
        var entry = PSObject.AsPSObject(Assert.Single(preview.Output.Single().Get<object[]>("History")));
        Assert.True((bool)entry.Get("Preview"));
        Assert.False(File.Exists(history));
        Assert.Equal(history, preview.Output.Single().Text("HistoryPath"));
    }

    [Fact]
    public void Without_a_path_both_cmdlets_use_the_default_history_beside_the_state()
    {
        var run = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -PassThru");

        Assert.Empty(run.AllErrors);
        var path = run.Output.Single().Text("HistoryPath");
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "history.jsonl"), path);
        Assert.Equal("State", Path.GetFileName(Path.GetDirectoryName(path)));
        // Other tests of this process share the default history: this site's port names its runs.
        var mine = session.Invoke("Get-QlikConnection | Get-QlikLicenseHistory");
        Assert.Empty(mine.AllErrors);
        Assert.Equal(path, Assert.Single(mine.Output).Text("HistoryPath"));
    }

    [Fact]
    public void A_torn_last_line_is_skipped_with_a_warning_and_the_next_run_is_read_whole()
    {
        Maintain();
        File.AppendAllText(history, "{\"format\":1,\"time\":\"2026-12-02T06:00:00.000Z\",\"si");

        var torn = session.Invoke("Get-QlikLicenseHistory -Path $history -Verbose");
        Assert.Single(torn.Output);
        Assert.Contains(torn.Warnings, warning => warning.StartsWith("1 line of the maintenance history"));
        Assert.Contains(torn.Verbose, line => line.StartsWith(history + ":2:"));

        Maintain();

        var read = session.Invoke("Get-QlikLicenseHistory -Path $history -WarningAction SilentlyContinue");
        Assert.Equal(2, read.Output.Count);
    }

    [Fact]
    public async Task Two_runs_at_once_in_two_sessions_and_sites_run_at_once_in_one_never_mix_their_lines()
    {
        await using var other = await SimulatedSite.StartAsync();
        using var second = new ModuleSession();
        second.ConnectTo(other);
        second.SetVariable("history", history);
        second.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
        session.SetVariable("prod", session.Invoke("Get-QlikConnection").Output.Single().BaseObject);
        session.SetVariable("other", session.ConnectTo(other, "-PassThru").Output.Single().BaseObject);
        const string Run = "1..3 | ForEach-Object { Invoke-QlikLicenseMaintenance -Connection $prod -LogPath $logs -Since 2019-01-01 -HistoryPath $history }";
        second.SetVariable("prod", second.Invoke("Get-QlikConnection").Output.Single().BaseObject);

        var runs = new[] { Task.Run(() => session.Invoke(Run)), Task.Run(() => second.Invoke(Run)) };
        await Task.WhenAll(runs);
        var together = session.Invoke("Invoke-QlikLicenseMaintenance -Connection $prod, $other -LogPath $logs -Since 2019-01-01 -HistoryPath $history -ThrottleLimit 2");

        Assert.All(runs, run => Assert.Empty(run.Result.AllErrors));
        Assert.Empty(together.AllErrors);
        var read = session.Invoke("Get-QlikLicenseHistory -Path $history");
        Assert.Empty(read.Warnings);
        Assert.Equal(8, read.Output.Count);
        Assert.Equal(2, read.Output.GroupBy(entry => entry.Text("Site")).Count(group => group.Count() == 4));
    }

    [Fact]
    public void A_history_that_does_not_exist_is_an_error_naming_it()
    {
        var result = session.Invoke("Get-QlikLicenseHistory -Path \"$temp/none.jsonl\"");

        Assert.Equal(ModuleErrorIds.Id("HistoryNotFound"), result.FirstErrorId);
        Assert.Contains("none.jsonl", result.FirstError.Exception.Message);
    }
}
