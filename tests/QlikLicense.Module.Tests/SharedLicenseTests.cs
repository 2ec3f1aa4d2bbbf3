using System.Management.Automation;

namespace QlikLicense.Module.Tests;

/// <summary>
/// Three simulated sites in one run: two on one license (same serial), marked and counted once, and one whose
/// certificate user is refused every call after connecting (403), which is reported while the others finish.
/// </summary>
public sealed class SharedLicenseTests : SiteSessionTest
{
    private SimulatedSite test;
    private SimulatedSite refused;

    protected override void Prepare()
    {
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
        session.SetVariable("prod", session.Invoke("Get-QlikConnection").Output.Single().BaseObject);
        test = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        refused = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        test.Store.SetLicense(site.Store.LicenseSerial);
        session.SetVariable("test", session.ConnectTo(test, "-PassThru").Output.Single().BaseObject);
        session.SetVariable("refused", session.ConnectTo(refused, "-PassThru").Output.Single().BaseObject);
        refused.Faults.ForbiddenRate = 1;
    }

    [Fact]
    public void Sites_on_one_license_are_marked_and_counted_once_and_a_refused_site_is_reported()
    {
        session.SetVariable("report", Path.Combine(tempFolder, "run.html"));
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Connection $prod, $test, $refused -LogPath $logs -Since 2019-01-01 -ReportPath $report -PassThru");

        Assert.Null(result.Terminating);
        var reports = result.Output.ToDictionary(report => report.Text("Site"));
        string Name(SimulatedSite simulated) => $"{simulated.HostName}:{simulated.QrsPort}";
        var prod = reports[Name(site)];
        Assert.Empty(prod.Get<string[]>("Problems"));
        Assert.Equal([Name(test)], prod.Get<string[]>("SharesLicenseWith"));
        Assert.Equal([Name(site)], reports[Name(test)].Get<string[]>("SharesLicenseWith"));
        Assert.Equal(site.Store.LicenseSerial, ((dynamic)prod.Get("License")).Serial as string);

        var denied = reports[Name(refused)];
        Assert.Empty(denied.Get<string[]>("SharesLicenseWith"));
        Assert.NotEmpty(denied.Get<string[]>("Problems"));
        var refusals = result.Errors.Where(error => error.FullyQualifiedErrorId.StartsWith("QrsAccessDenied", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, error => Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category));
        Assert.All(refusals, error => Assert.Contains("X-Qlik-User", error.Exception.Message));
        Assert.All(result.Errors, error => Assert.StartsWith("QrsAccessDenied", error.FullyQualifiedErrorId));

        var html = File.ReadAllText(Path.Combine(tempFolder, "run.html"));
        Assert.Contains($"{site.Store.LicenseSerial} (shared with {Name(test)})", html);
        // The refused site gave no seats and the test site's are the production site's license: counted once.
        var professional = prod.Get<System.Collections.IEnumerable>("Summary").Cast<object>().Select(row => (dynamic)row).Single(row => row.Type.ToString() == "Professional");
        var runSeats = html[html.IndexOf("<p id=\"run-seats\">", StringComparison.Ordinal)..];
        runSeats = runSeats[..runSeats.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("a license shared by several sites counted once", runSeats);
        Assert.Contains($"Professional {professional.Used} / {site.Store.ProfessionalTotal}, Analyzer", runSeats);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await test.DisposeAsync();
        await refused.DisposeAsync();
    }
}
