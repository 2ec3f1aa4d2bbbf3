using System.Management.Automation;

namespace QlikLicense.Module.Tests;

/// <summary>Three simulated sites in one run of Invoke-QlikLicenseMaintenance, the third stopped after connecting.</summary>
public sealed class MultiSiteMaintenanceTests : SiteSessionTest
{
    private SimulatedSite test;
    private SimulatedSite stopped;

    protected override void Prepare()
    {
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
        session.SetVariable("prod", Connection(session.Invoke("Get-QlikConnection")));
        test = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        stopped = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        session.SetVariable("test", Connection(session.ConnectTo(test, "-PassThru")));
        session.SetVariable("stopped", Connection(session.ConnectTo(stopped, "-PassThru")));
        stopped.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static object Connection(ScriptResult result) => result.Output.Single().BaseObject;

    [Fact]
    public void Every_site_gets_its_report_and_a_stopped_site_names_its_problem()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Connection $prod, $test, $stopped -LogPath $logs -Since 2019-01-01 -PassThru");

        var reports = result.Output.ToDictionary(report => report.Text("Site"));
        Assert.Equal(3, reports.Count);
        foreach (var healthy in new[] { "$prod", "$test" })
        {
            var report = reports[session.Invoke(healthy + ".Site").Output.Single().ToString()];
            Assert.Empty(report.Get<string[]>("Problems"));
            Assert.Equal(4, report.Get<System.Collections.ICollection>("Candidates").Count);
            Assert.Equal(2, report.Get<System.Collections.ICollection>("Summary").Count);
        }
        var failed = reports.Values.Single(report => report.Get<string[]>("Problems").Length > 0);
        Assert.Contains(stopped.QrsPort.ToString(), failed.Text("Site"));
        Assert.Contains(failed.Get<string[]>("Problems"), problem => problem.StartsWith("Reading the license summary"));
        Assert.NotEmpty(result.Errors);
        // Messages of a run on several sites say which site they are about.
        var prodSite = session.Invoke("$prod.Site").Output.Single().ToString();
        Assert.Contains(result.Warnings, warning => warning.StartsWith(prodSite + ": ") && warning.Contains("'Sales analyzers'"));
    }

    [Fact]
    public void Piped_connections_run_with_their_confirmations_on_the_pipeline_thread()
    {
        var result = session.Invoke("$prod, $test | Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -Remove -AllocateDenied Analyzer -WhatIf -ThrottleLimit 2 -PassThru");

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(8, result.WhatIfLines.Count(line => line.Contains("Release license allocation")));
        Assert.Equal(2, result.WhatIfLines.Count(line => line.Contains("Allocate Analyzer access") && line.Contains(@"CORP\dprince")));
        Assert.Equal(0, site.Requests.Count("DELETE") + test.Requests.Count("DELETE"));
    }

    [Fact]
    public void Confirmed_changes_reach_every_site()
    {
        session.SetVariable("journal", Path.Combine(tempFolder, "journal.jsonl"));
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Connection $prod, $test -LogPath $logs -Since 2019-01-01 -Remove -Confirm:$false -JournalPath $journal -PassThru");

        Assert.Empty(result.AllErrors);
        Assert.All(result.Output, report => Assert.Equal(4, report.Get<System.Collections.ICollection>("Changes").Count));
        Assert.Equal(4, site.Requests.Count("DELETE"));
        Assert.Equal(4, test.Requests.Count("DELETE"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await test.DisposeAsync();
    }
}
