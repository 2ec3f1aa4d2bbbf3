using System.Diagnostics;
using System.Text.RegularExpressions;

namespace QlikLicense.Module.Tests;

public sealed class MaintenanceTests : SiteSessionTest
{

    protected override void Prepare()
    {
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
    }


    [Fact]
    public void By_default_it_only_reports_every_step_and_changes_nothing()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -ReportPath \"$temp/report.html\" -PassThru");

        Assert.Empty(result.AllErrors);
        var report = result.Output.Single();
        Assert.Equal(4, report.Get<System.Collections.ICollection>("Candidates").Count);
        Assert.Equal(4, report.Get<System.Collections.ICollection>("Denials").Count);
        Assert.Equal(2, report.Get<System.Collections.ICollection>("Summary").Count);
        Assert.Empty(report.Get<System.Collections.ICollection>("Changes"));
        Assert.True(report.Get("LicenseMonitor") != null);
        Assert.Equal(0, site.Requests.Count("DELETE") + site.Requests.Count("POST", "/qrs/license/"));
        Assert.Contains(result.Progress, progress => progress.StatusDescription == "Reading license denials from the logs");
        Assert.Contains(result.Warnings, warning => warning.Contains("'Sales analyzers'"));
        Assert.True(File.Exists(Path.Combine(tempFolder, "report.html")));
    }

    [Fact]
    public void WhatIf_previews_the_removals_and_allocations_it_was_asked_for()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -Remove -AllocateDenied Analyzer -WhatIf");

        Assert.Empty(result.AllErrors);
        Assert.Equal(4, result.WhatIfLines.Count(line => line.Contains("Release license allocation")));
        Assert.Single(result.WhatIfLines, line => line.Contains("Allocate Analyzer access") && line.Contains(@"CORP\dprince"));
        Assert.Equal(0, site.Requests.Count("DELETE"));
        Assert.Equal(0, site.Requests.Snapshot().Count(request => request.Method == "POST" && request.Path.Contains("accesstype")));
    }

    [Fact]
    public void Remove_and_allocate_change_the_site_through_the_journaled_cmdlets()
    {
        var journal = Path.Combine(tempFolder, "journal.jsonl");
        session.SetVariable("journal", journal);
        var report = Path.Combine(tempFolder, "report.html");
        session.SetVariable("report", report);
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -Remove -AllocateDenied Analyzer -Confirm:$false -JournalPath $journal -ReportPath $report -PassThru");

        Assert.Empty(result.AllErrors);
        var changes = result.Output.Single().Get<System.Collections.IEnumerable>("Changes").Cast<object>()
            .Select(change => System.Management.Automation.PSObject.AsPSObject(change)).ToList();
        Assert.Equal(4, changes.Count(change => change.Text("Outcome") == "Released"));
        Assert.Single(changes, change => change.Text("Outcome") == "Allocated" && change.Text("UserId") == "dprince");
        Assert.Equal(journal, result.Output.Single().Text("JournalPath"));
        // Intent and outcome of each of the 4 releases and of the allocation.
        Assert.Equal(10, File.ReadAllLines(journal).Length);
        // The report's Changes section says how to take each change back.
        var html = File.ReadAllText(report);
        Assert.Contains($"Get-QlikLicenseJournal -Path &#39;{journal}&#39; -Kind Allocate, Restore -UserId &#39;CORP\\dprince&#39; | Undo-QlikLicenseChange", html);
        Assert.Contains($"Get-QlikLicenseJournal -Path &#39;{journal}&#39; -Kind Release -UserId &#39;CORP\\bwayne&#39; | Undo-QlikLicenseChange", html);
        Assert.Empty(session.Invoke("Get-QlikInactiveLicensedUser").Output);
        // The list view counts the changes by outcome (in this engine too, which has no Group-Object).
        session.SetVariable("run", result.Output.Single());
        Assert.Matches(@"Changes\s+: Released 4, Allocated 1", session.InvokeAsUser("$run").HostText);
    }

    [Fact]
    public void A_step_that_fails_is_reported_and_the_others_still_run()
    {
        site.Faults.AppliesTo = (method, path) => path.StartsWith("/qrs/app", StringComparison.Ordinal);
        site.Faults.ServiceUnavailableRate = 1;
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -PassThru");

        Assert.Equal("QrsServerError", result.FirstErrorId);
        var report = result.Output.Single();
        Assert.Single(report.Get<string[]>("Problems"), problem => problem.StartsWith("Checking the License Monitor"));
        Assert.Equal(4, report.Get<System.Collections.ICollection>("Candidates").Count);
    }

    [Fact]
    public void Logs_it_cannot_read_are_problems_of_the_report_and_the_html_report_shows_them()
    {
        var empty = Directory.CreateDirectory(Path.Combine(tempFolder, "no-logs")).FullName;
        var result = session.Invoke($"Invoke-QlikLicenseMaintenance -LogPath '{empty}' -Since 2019-01-01 -ReportPath \"$temp/report.html\" -PassThru");

        Assert.Empty(result.AllErrors);
        var report = result.Output.Single();
        Assert.Empty(report.Get<System.Collections.ICollection>("Denials"));
        var problem = Assert.Single(report.Get<string[]>("Problems"));
        Assert.Equal($"Reading license denials from the logs: No Qlik Sense log was read: '{empty}' holds no files. No denial can be found there.", problem);
        Assert.Contains(result.Warnings, warning => warning.StartsWith("No Qlik Sense log was read", StringComparison.Ordinal));
        Assert.Contains("No Qlik Sense log was read", File.ReadAllText(Path.Combine(tempFolder, "report.html")));

        // Without -LogPath, the share QRS names (the seed's \\qlikserver1\QlikShare) cannot be reached from here.
        var share = session.Invoke("Invoke-QlikLicenseMaintenance -Since 2019-01-01 -PassThru");
        Assert.Equal("LogPathNotFound", share.FirstErrorId);
        Assert.StartsWith("Reading license denials from the logs: Cannot reach the site's archived logs folder", Assert.Single(share.Output.Single().Get<string[]>("Problems")));
    }

    [Fact]
    public void Without_since_it_reads_denials_since_the_last_run_or_the_last_30_days()
    {
        var first = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -PassThru").Output.Single();
        var second = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -PassThru").Output.Single();

        var firstRun = first.Get<DateTime>("GeneratedAt");
        Assert.InRange(firstRun - first.Get<DateTime>("DeniedSince"), TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.Equal(QrsMilliseconds(firstRun), second.Get<DateTime>("DeniedSince"));
    }

    private static DateTime QrsMilliseconds(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
