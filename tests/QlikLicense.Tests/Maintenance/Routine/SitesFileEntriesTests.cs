using System.Collections;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>The engine's check of each site of a sites file, on the data a PowerShell data file holds: no runspace, no file read.</summary>
public sealed class SitesFileEntriesTests
{
    private static readonly string SitesFile = Path.Combine(Path.GetTempPath(), "sites", "sites.psd1");

    private static Hashtable Site(params (string Key, object Value)[] settings)
    {
        var site = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings) site[key] = value;
        return site;
    }

    [Fact]
    public void A_good_site_keeps_its_settings_with_paths_from_the_files_folder_and_the_defaults()
    {
        var (sites, problems) = SitesFileEntries.Check(SitesFile, new object[]
        {
            Site(("Name", "Production"), ("server", "qlik.corp.example"), ("Port", 4243), ("CertificatePath", "certs/client.pfx"),
                ("CertificatePasswordPath", "client.password.xml"), ("TrustedCertificateThumbprint", new object[] { "AB12", "CD34" })),
        });

        Assert.Empty(problems);
        var site = Assert.Single(sites);
        Assert.Equal(("Production", "qlik.corp.example", 4243), (site.Name, site.Server, site.Port));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(SitesFile)!, "certs", "client.pfx"), site.CertificatePath);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(SitesFile)!, "client.password.xml"), site.CertificatePasswordPath);
        Assert.Equal(new[] { "AB12", "CD34" }, site.TrustedCertificateThumbprint);
        Assert.Equal(("INTERNAL", "sa_repository", 100), (site.UserDirectory, site.UserId, site.TimeoutSec));
        Assert.Equal(1, site.Position);
        Assert.Equal("'Production'", site.Label);
    }

    [Fact]
    public void Each_bad_site_is_one_problem_about_its_entry_and_the_good_ones_are_kept_in_order()
    {
        var (sites, problems) = SitesFileEntries.Check(SitesFile, new object[]
        {
            Site(("Name", "A"), ("Server", "a.example")),
            Site(("Name", "NoServer")),
            "qlik.corp.example",
            Site(("Name", "Typo"), ("Server", "t.example"), ("Prot", 4242)),
            Site(("Name", "a"), ("Server", "other.example")),
            Site(("Name", "Both"), ("Server", "b.example"), ("CertificateThumbprint", "AB12"), ("UseDefaultCredentials", true)),
            Site(("Name", "PasswordOnly"), ("Server", "p.example"), ("CertificatePasswordPath", "x.xml")),
            Site(("Name", "BadPort"), ("Server", "p.example"), ("Port", 70000)),
            Site(("Name", "BadTimeout"), ("Server", "p.example"), ("TimeoutSec", "soon")),
            Site(("Name", "BadFlag"), ("Server", "p.example"), ("UseDefaultCredentials", "yes")),
            Site(("Name", 42), ("Server", "p.example")),
            Site(("Name", "C"), ("Server", "c.example")),
        });

        Assert.Equal(new[] { "A", "C" }, sites.Select(site => site.Name));
        Assert.Equal(new[]
        {
            ProblemKind.SiteSettingMissing, ProblemKind.SiteEntryInvalid, ProblemKind.SiteSettingUnknown, ProblemKind.SiteNameDuplicate,
            ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingInvalid, ProblemKind.SiteSettingInvalid,
            ProblemKind.SiteSettingInvalid, ProblemKind.SiteSettingInvalid,
        }, problems.Select(problem => problem.Kind));
        Assert.Equal(new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, problems.Select(problem => ((SiteEntry)problem.Target).Position));
        Assert.Contains("'Prot'", problems[2].Message);
        Assert.StartsWith("A site must be a hashtable", problems[1].Message);
        Assert.StartsWith("Site #11: 'Name' must be text.", problems[9].Message);
    }

    [Fact]
    public void A_setting_that_looks_like_a_secret_is_named_and_its_value_never_shown()
    {
        const string secret = "Pa55-w0rd-in-the-file";
        var (sites, problems) = SitesFileEntries.Check(SitesFile, new object[]
        {
            Site(("Name", "Leaky"), ("Server", "l.example"), ("CertificatePath", "client.pfx"), ("CertificatePassword", secret)),
            Site(("Name", "Keyed"), ("Server", "k.example"), ("ApiKey", secret)),
        });

        Assert.Empty(sites);
        Assert.All(problems, problem => Assert.Equal(ProblemKind.SiteSecretInFile, problem.Kind));
        Assert.All(problems, problem => Assert.IsType<System.Security.SecurityException>(problem.Exception));
        Assert.Contains("'CertificatePassword'", problems[0].Message);
        Assert.All(problems, problem => Assert.DoesNotContain(secret, problem.Message + problem.Exception + problem.Target));
    }

    [Fact]
    public void A_tenant_entry_keeps_its_https_url_and_the_paths_of_its_secret_files_from_the_files_folder()
    {
        var (sites, problems) = SitesFileEntries.Check(SitesFile, new object[]
        {
            Site(("Name", "Cloud EU"), ("Tenant", "https://acme.eu.qlikcloud.com"), ("ApiKeyPath", "eu-key.xml"), ("TimeoutSec", 30)),
            Site(("Name", "Cloud US"), ("tenant", "acme.us.qlikcloud.com"), ("ClientId", "c1d2"), ("ClientSecretPath", "keys/us-secret.xml"),
                ("CaCertificatePath", "root.cer")),
        });

        Assert.Empty(problems);
        var folder = Path.GetDirectoryName(SitesFile)!;
        Assert.Equal(new Uri("https://acme.eu.qlikcloud.com"), sites[0].Tenant);
        Assert.Equal((Path.Combine(folder, "eu-key.xml"), (string)null, (string)null, 30), (sites[0].ApiKeyPath, sites[0].ClientId, sites[0].ClientSecretPath, sites[0].TimeoutSec));
        Assert.Equal(new Uri("https://acme.us.qlikcloud.com"), sites[1].Tenant);
        Assert.Equal(("c1d2", Path.Combine(folder, "keys", "us-secret.xml")), (sites[1].ClientId, sites[1].ClientSecretPath));
        Assert.Equal(Path.Combine(folder, "root.cer"), sites[1].CaCertificatePath);
        Assert.All(sites, site => Assert.Null(site.Server));
    }

    [Fact]
    public void Each_bad_tenant_entry_is_one_problem_about_its_entry_and_the_site_beside_it_is_kept()
    {
        var (sites, problems) = SitesFileEntries.Check(SitesFile, new object[]
        {
            Site(("Name", "Production"), ("Server", "qlik.corp.example")),
            Site(("Name", "WithServer"), ("Server", "qlik.corp.example"), ("Tenant", "acme.eu.qlikcloud.com"), ("ApiKeyPath", "k.xml")),
            Site(("Name", "WithCertificate"), ("Tenant", "acme.eu.qlikcloud.com"), ("ApiKeyPath", "k.xml"), ("CertificatePath", "client.pfx")),
            Site(("Name", "KeyAndSecret"), ("Tenant", "acme.eu.qlikcloud.com"), ("ApiKeyPath", "k.xml"), ("ClientId", "c"), ("ClientSecretPath", "s.xml")),
            Site(("Name", "Plain"), ("Tenant", "http://acme.eu.qlikcloud.com"), ("ApiKeyPath", "k.xml")),
            Site(("Name", "NoWay"), ("Tenant", "acme.eu.qlikcloud.com")),
            Site(("Name", "IdOnly"), ("Tenant", "acme.eu.qlikcloud.com"), ("ClientId", "c")),
            Site(("Name", "SecretOnly"), ("Tenant", "acme.eu.qlikcloud.com"), ("ClientSecretPath", "s.xml")),
            Site(("Name", "NoTenant"), ("ApiKeyPath", "k.xml")),
            Site(("Name", "BadTenant"), ("Tenant", 42), ("ApiKeyPath", "k.xml")),
        });

        Assert.Equal(new[] { "Production" }, sites.Select(site => site.Name));
        Assert.Equal(new[]
        {
            ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingInvalid,
            ProblemKind.SiteSettingMissing, ProblemKind.SiteSettingMissing, ProblemKind.SiteSettingMissing, ProblemKind.SiteSettingMissing,
            ProblemKind.SiteSettingInvalid,
        }, problems.Select(problem => problem.Kind));
        Assert.Equal(Enumerable.Range(2, 9), problems.Select(problem => ((SiteEntry)problem.Target).Position));
        Assert.StartsWith("Site 'WithServer': 'Server' is a setting of a Qlik Sense site", problems[0].Message);
        Assert.StartsWith("Site 'WithCertificate': 'CertificatePath' is a setting of a Qlik Sense site", problems[1].Message);
        Assert.Equal("Site 'KeyAndSecret': 'ApiKeyPath' and 'ClientSecretPath' cannot be used together.", problems[2].Message);
        Assert.StartsWith("Site 'Plain': 'Tenant' must be the tenant's https URL", problems[3].Message);
        Assert.DoesNotContain("http://", problems[3].Message);
        Assert.StartsWith("Site 'NoWay': a tenant needs 'ApiKeyPath', or 'ClientId' with 'ClientSecretPath'", problems[4].Message);
        Assert.Equal("Site 'IdOnly': 'ClientId' belongs with 'ClientSecretPath'.", problems[5].Message);
        Assert.Equal("Site 'SecretOnly': 'ClientSecretPath' belongs with 'ClientId'.", problems[6].Message);
        Assert.Equal("Site 'NoTenant': the setting 'Tenant' is required.", problems[7].Message);
        Assert.Equal("Site 'BadTenant': 'Tenant' must be text.", problems[8].Message);
    }

    [Fact]
    public void A_tenant_entry_holding_its_api_key_or_client_secret_is_refused_without_showing_it()
    {
        const string secret = "eyJhbGciOi-key-in-the-file";
        var (sites, problems) = SitesFileEntries.Check(SitesFile, new object[]
        {
            Site(("Name", "Keyed"), ("Tenant", "acme.eu.qlikcloud.com"), ("ApiKey", secret)),
            Site(("Name", "Client"), ("Tenant", "acme.eu.qlikcloud.com"), ("ClientId", "c"), ("ClientSecret", secret)),
        });

        Assert.Empty(sites);
        Assert.All(problems, problem => Assert.Equal(ProblemKind.SiteSecretInFile, problem.Kind));
        Assert.Contains("'ApiKey' looks like a secret", problems[0].Message);
        Assert.Contains("'ClientSecret' looks like a secret", problems[1].Message);
        Assert.All(problems, problem => Assert.Contains("'ApiKeyPath'", problem.Message));
        Assert.All(problems, problem => Assert.DoesNotContain(secret, problem.Message + problem.Exception + problem.Target));
    }

    [Fact]
    public void The_settings_of_a_site_are_found_whatever_their_case()
    {
        var settings = new Hashtable { ["NAME"] = "x" };

        Assert.Equal("x", SitesFileEntries.Setting(settings, "Name", out var given));
        Assert.True(given);
        Assert.Null(SitesFileEntries.Setting(settings, "Server", out given));
        Assert.False(given);
    }
}
