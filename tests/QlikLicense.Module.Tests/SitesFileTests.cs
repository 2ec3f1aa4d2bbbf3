using System.Management.Automation;
using System.Net;
using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Module.Tests;

/// <summary>Invoke-QlikLicenseMaintenance -SitesFile: the file read as data, each bad site reported about its entry, the good ones run.</summary>
public sealed class SitesFileTests : SiteSessionTest
{
    private const string SecretValue = "Pa55-w0rd-in-the-file";
    private SimulatedSite other;

    protected override void Prepare()
    {
        other = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));
        // As Read-Host -AsSecureString | Export-Clixml would write it.
        File.WriteAllText(Path.Combine(tempFolder, "site.password.xml"), PasswordFile(site));
        File.WriteAllText(Path.Combine(tempFolder, "other.password.xml"), PasswordFile(other));
    }

    private static string PasswordFile(SimulatedSite simulated) => SecretFile(simulated.ClientCertificatePassword);

    private static string SecretFile(string secret) => PSSerializer.Serialize(new NetworkCredential(string.Empty, secret).SecurePassword);

    private static string Entry(string name, SimulatedSite simulated, string passwordFile, string more = "") =>
        $"@{{ Name = '{name}'; Server = '{simulated.HostName}'; Port = {simulated.QrsPort}; CertificatePath = '{simulated.ClientCertificatePath}'; " +
        $"CertificatePasswordPath = '{passwordFile}'; CaCertificatePath = '{simulated.CaCertificatePath}'{more} }}";

    private string WriteSitesFile(params string[] entries)
    {
        var path = Path.Combine(tempFolder, "sites.psd1");
        File.WriteAllText(path, "@{\n    Sites = @(\n        " + string.Join("\n        ", entries) + "\n    )\n}\n");
        session.SetVariable("sites", path);
        return path;
    }

    [Fact]
    public void Good_sites_run_and_each_bad_one_is_reported_about_its_entry()
    {
        WriteSitesFile(
            // Relative to the sites file.
            Entry("Production", site, "site.password.xml"),
            "@{ Name = 'NoServer' }",
            $"@{{ Name = 'Leaky'; Server = 'localhost'; CertificatePath = 'client.pfx'; CertificatePassword = '{SecretValue}' }}",
            Entry("Test", other, Path.Combine(tempFolder, "other.password.xml")),
            "@{ Name = 'Typo'; Server = 'localhost'; Prot = 4242 }");

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -LogPath $logs -Since 2019-01-01 -PassThru");

        Assert.Null(result.Terminating);
        var reports = result.Output.ToDictionary(report => report.Text("Site"));
        Assert.Equal(5, reports.Count);
        foreach (var simulated in new[] { site, other })
        {
            var report = reports[$"{simulated.HostName}:{simulated.QrsPort}"];
            Assert.Empty(report.Get<string[]>("Problems"));
            Assert.Equal(4, report.Get<System.Collections.ICollection>("Candidates").Count);
        }
        var errors = result.Errors.ToDictionary(error => ((dynamic)error.TargetObject).Name as string);
        Assert.Equal(["Leaky", "NoServer", "Typo"], errors.Keys.Order());
        Assert.Equal("SiteSettingMissing", Id(errors["NoServer"]));
        Assert.Equal(ErrorCategory.InvalidData, errors["NoServer"].CategoryInfo.Category);
        Assert.Equal("SiteSecretInFile", Id(errors["Leaky"]));
        Assert.Equal(ErrorCategory.SecurityError, errors["Leaky"].CategoryInfo.Category);
        Assert.Contains("'CertificatePassword'", errors["Leaky"].Exception.Message);
        Assert.Equal("SiteSettingUnknown", Id(errors["Typo"]));
        Assert.Contains("'Prot'", errors["Typo"].Exception.Message);
        Assert.All(errors.Values, error => Assert.Equal("SiteEntry", error.TargetObject.GetType().Name));
        // The sites that did not run are in the output too, so a scheduled run's exit code counts them.
        Assert.All(new[] { "NoServer", "Leaky", "Typo" }, name => Assert.NotEmpty(reports[name].Get<string[]>("Problems")));
        Assert.DoesNotContain(SecretValue, AllText(result));
    }

    [Fact]
    public void A_site_that_cannot_connect_is_reported_and_the_others_run()
    {
        File.WriteAllText(Path.Combine(tempFolder, "plain.xml"), PSSerializer.Serialize("not a secure string"));
        WriteSitesFile(
            Entry("Production", site, "site.password.xml"),
            Entry("WrongPasswordFile", other, "plain.xml"),
            Entry("NoPasswordFile", other, "missing.xml"),
            $"@{{ Name = 'Down'; Server = 'localhost'; Port = {FreePort()}; CertificatePath = '{site.ClientCertificatePath}'; CertificatePasswordPath = 'site.password.xml'; TimeoutSec = 5 }}",
            Entry("Refused", other, "other.password.xml"));
        // The certificate's user is not allowed on this site: every call, the connection check included, is a 403.
        other.Faults.RefuseEverything();

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -LogPath $logs -Since 2019-01-01 -PassThru");

        Assert.Null(result.Terminating);
        Assert.Equal(5, result.Output.Count);
        Assert.Single(result.Output, report => report.Get<string[]>("Problems").Length == 0);
        var errors = result.Errors.ToDictionary(error => ((dynamic)error.TargetObject).Name as string);
        Assert.Equal("PasswordFileUnreadable", Id(errors["WrongPasswordFile"]));
        Assert.Equal("PasswordFileNotFound", Id(errors["NoPasswordFile"]));
        // The setting's value is never shown: it may be a password written where its file belongs.
        Assert.DoesNotContain("missing.xml", errors["NoPasswordFile"].ToString());
        Assert.DoesNotContain("missing.xml", errors["NoPasswordFile"].Exception.ToString());
        Assert.Equal("QrsConnectionFailed", Id(errors["Down"]));
        Assert.StartsWith("Site 'Down': ", errors["Down"].ErrorDetails.Message);
        Assert.Equal("QrsAccessDenied", Id(errors["Refused"]));
        Assert.Equal(ErrorCategory.PermissionDenied, errors["Refused"].CategoryInfo.Category);
        Assert.Contains("403", errors["Refused"].ErrorDetails.Message);
        Assert.Contains("X-Qlik-User", errors["Refused"].ErrorDetails.Message);
    }

    [Fact]
    public async Task A_site_and_a_tenant_of_one_file_run_in_one_run_and_one_report()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions());
        File.WriteAllText(Path.Combine(tempFolder, "eu-key.xml"), SecretFile(tenant.Credentials.ApiKey));
        WriteSitesFile(
            Entry("Production", site, "site.password.xml"),
            $"@{{ Name = 'Cloud EU'; Tenant = '{tenant.BaseAddress.AbsoluteUri}'; ApiKeyPath = 'eu-key.xml'; CaCertificatePath = '{tenant.CaCertificatePath}' }}");
        session.SetVariable("report", Path.Combine(tempFolder, "run.html"));

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -LogPath $logs -Since 2019-01-01 -ReportPath $report -PassThru -Verbose");

        Assert.Null(result.Terminating);
        Assert.Empty(result.AllErrors);
        var reports = result.Output.ToDictionary(report => report.Text("Site"));
        Assert.Equal([$"{site.HostName}:{site.QrsPort}", tenant.HostName], reports.Keys);
        Assert.All(reports.Values, report => Assert.Empty(report.Get<string[]>("Problems")));
        Assert.StartsWith("Tenant licence", reports[tenant.HostName].Text("LicenseMonitor"));
        Assert.NotEmpty(reports[tenant.HostName].Get<System.Collections.ICollection>("Candidates"));
        Assert.Contains(result.Verbose, line => line.StartsWith("Site 'Cloud EU': connected to") && line.Contains("API key"));
        // The tenant's refusals come from its audit events, the site's from -LogPath.
        Assert.NotEqual(0, tenant.Requests.Count("GET", "/api/v1/audits"));
        var html = File.ReadAllText(Path.Combine(tempFolder, "run.html"));
        Assert.Contains($"{site.HostName}:{site.QrsPort}", html);
        Assert.Contains("1. Tenant licence", html);
        Assert.DoesNotContain(tenant.Credentials.ApiKey, AllText(result) + html);
    }

    [Fact]
    public async Task An_oauth_tenant_runs_and_each_broken_tenant_entry_is_reported_beside_the_good_site()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions());
        File.WriteAllText(Path.Combine(tempFolder, "us-secret.xml"), SecretFile(tenant.Credentials.ClientSecret));
        File.WriteAllText(Path.Combine(tempFolder, "spaced-key.xml"), SecretFile("qliksim key\n"));
        var url = tenant.BaseAddress.AbsoluteUri;
        var trust = $"; CaCertificatePath = '{tenant.CaCertificatePath}'";
        WriteSitesFile(
            Entry("Production", site, "site.password.xml"),
            $"@{{ Name = 'Cloud US'; Tenant = '{url}'; ClientId = '{tenant.Credentials.ClientId}'; ClientSecretPath = 'us-secret.xml'{trust} }}",
            $"@{{ Name = 'NoKeyFile'; Tenant = '{url}'; ApiKeyPath = 'missing-key.xml'{trust} }}",
            $"@{{ Name = 'SpacedKey'; Tenant = '{url}'; ApiKeyPath = 'spaced-key.xml'{trust} }}",
            $"@{{ Name = 'Plain'; Tenant = '{url.Replace("https://", "http://")}'; ApiKeyPath = 'us-secret.xml' }}",
            $"@{{ Name = 'Leaky'; Tenant = '{url}'; ApiKey = '{SecretValue}' }}",
            $"@{{ Name = 'Mixed'; Tenant = '{url}'; Server = 'localhost'; ApiKeyPath = 'us-secret.xml' }}",
            $"@{{ Name = 'Both'; Tenant = '{url}'; ApiKeyPath = 'us-secret.xml'; ClientId = 'c'; ClientSecretPath = 'us-secret.xml' }}");

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -LogPath $logs -Since 2019-01-01 -PassThru");

        Assert.Null(result.Terminating);
        Assert.Equal(8, result.Output.Count);
        Assert.Equal([$"{site.HostName}:{site.QrsPort}", tenant.HostName],
            result.Output.Where(report => report.Get<string[]>("Problems").Length == 0).Select(report => report.Text("Site")));
        var errors = result.Errors.ToDictionary(error => ((dynamic)error.TargetObject).Name as string);
        Assert.Equal(["Both", "Leaky", "Mixed", "NoKeyFile", "Plain", "SpacedKey"], errors.Keys.Order());
        Assert.Equal("PasswordFileNotFound", Id(errors["NoKeyFile"]));
        Assert.Contains("'ApiKeyPath'", errors["NoKeyFile"].Exception.Message);
        Assert.Equal("PasswordFileUnreadable", Id(errors["SpacedKey"]));
        Assert.Equal("SiteSettingInvalid", Id(errors["Plain"]));
        Assert.Equal("SiteSecretInFile", Id(errors["Leaky"]));
        Assert.Equal(ErrorCategory.SecurityError, errors["Leaky"].CategoryInfo.Category);
        Assert.Equal("SiteSettingsConflict", Id(errors["Mixed"]));
        Assert.Equal("SiteSettingsConflict", Id(errors["Both"]));
        Assert.All(errors.Values, error => Assert.Equal("SiteEntry", error.TargetObject.GetType().Name));
        var everything = AllText(result);
        Assert.DoesNotContain(SecretValue, everything);
        Assert.DoesNotContain(tenant.Credentials.ClientSecret, everything);
        Assert.DoesNotContain("qliksim key", everything);
        Assert.DoesNotContain("missing-key.xml", everything);
    }

    [Theory]
    [InlineData("@{ Sites = @( @{ Name = 'A'; Server = (Get-Date).ToString() } ) }")]
    [InlineData("New-Item -ItemType File -Path $PSScriptRoot/ran.txt\n@{ Sites = @() }")]
    [InlineData("@{ Sites = @( @{ Name = 'A'; Server = $env:COMPUTERNAME } ) }")]
    [InlineData("@{ Sites = @( @{ Name = 'A'\n")]
    [InlineData("@{ Servers = @() }")]
    [InlineData("@{ Sites = @() }")]
    public void A_file_that_is_not_data_is_refused_and_never_run(string content)
    {
        var path = WriteSitesFile();
        File.WriteAllText(path, content);

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -PassThru");

        Assert.Equal("SitesFileInvalid", result.FirstErrorId);
        Assert.Equal(path, result.FirstError.TargetObject);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(Path.Combine(tempFolder, "ran.txt")));
        Assert.Equal(0, site.Requests.Count());
    }

    [Fact]
    public void A_file_whose_only_site_is_bad_still_gives_its_report()
    {
        WriteSitesFile("@{ Name = 'NoServer' }", "'qlik.corp.example'");
        session.SetVariable("report", Path.Combine(tempFolder, "run.html"));

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -ReportPath $report -PassThru");

        Assert.Null(result.Terminating);
        Assert.Equal(["SiteSettingMissing", "SiteEntryInvalid"], result.Errors.Select(Id));
        Assert.Equal(["NoServer", "#2"], result.Output.Select(report => report.Text("Site")));
        Assert.Contains("NoServer", File.ReadAllText(Path.Combine(tempFolder, "run.html")));
        Assert.Equal(0, site.Requests.Count());
    }

    [Fact]
    public void Two_ways_to_authenticate_and_a_name_used_twice_are_refused()
    {
        WriteSitesFile(
            Entry("Production", site, "site.password.xml"),
            Entry("Production", other, "other.password.xml"),
            "@{ Name = 'Both'; Server = 'localhost'; CertificateThumbprint = 'AB12'; UseDefaultCredentials = $true }",
            "@{ Name = 'PasswordOnly'; Server = 'localhost'; CertificatePasswordPath = 'site.password.xml' }",
            "@{ Name = 'BadPort'; Server = 'localhost'; Port = 'https' }");

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -SitesFile $sites -LogPath $logs -Since 2019-01-01 -PassThru");

        Assert.Equal(["SiteNameDuplicate", "SiteSettingsConflict", "SiteSettingsConflict", "SiteSettingInvalid"], result.Errors.Select(Id));
        Assert.Equal(5, result.Output.Count);
        Assert.Equal(0, other.Requests.Count());
    }

    private static string Id(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    private static string AllText(ScriptResult result) => string.Join("\n",
        result.AllErrors.Select(error => error.ToString() + error.Exception + error.TargetObject + error.ErrorDetails?.Message)
            .Concat(result.Warnings).Concat(result.Verbose).Concat(result.Information)
            .Concat(result.Output.SelectMany(report => report.Get<string[]>("Problems"))));

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await other.DisposeAsync();
    }
}
