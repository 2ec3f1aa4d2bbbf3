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

    private static (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<OperationProblem> Problems) Check(params object[] sites) => SitesFileEntries.Check(SitesFile, sites);

    [Theory]
    [InlineData("Port", 1, true)]
    [InlineData("Port", 65535, true)]
    [InlineData("Port", 0, false)]
    [InlineData("Port", 65536, false)]
    [InlineData("TimeoutSec", 1, true)]
    [InlineData("TimeoutSec", 3600, true)]
    [InlineData("TimeoutSec", 0, false)]
    [InlineData("TimeoutSec", 3601, false)]
    public void A_port_is_a_whole_number_from_1_to_65535_and_a_timeout_one_of_seconds_from_1_to_3600(string setting, int value, bool accepted)
    {
        var (sites, problems) = Check(Site(("Name", "A"), ("Server", "a.example"), (setting, value)));

        Assert.Equal(accepted, sites.Count == 1);
        if (accepted) Assert.Equal(value, setting == "Port" ? sites[0].Port : sites[0].TimeoutSec);
        else Assert.Equal(setting == "Port" ? "Site 'A': 'Port' must be a whole number from 1 to 65535."
            : "Site 'A': 'TimeoutSec' must be a whole number of seconds from 1 to 3600.", Assert.Single(problems).Message);
    }

    [Fact]
    public void A_site_s_optional_settings_are_kept_and_empty_text_counts_as_not_given()
    {
        var (sites, problems) = Check(
            Site(("Name", "A"), ("Server", "a.example"), ("VirtualProxyPrefix", "hdr"), ("CertificateThumbprint", "AB12"), ("UserDirectory", "CORP"),
                ("UserId", "svc"), ("TrustedCertificateThumbprint", "CD34"), ("UseDefaultCredentials", false)),
            Site(("Name", "B"), ("Server", "b.example"), ("UserDirectory", ""), ("UserId", ""), ("VirtualProxyPrefix", ""), ("UseDefaultCredentials", true)));

        Assert.Empty(problems);
        Assert.Equal(("hdr", "AB12", "CORP", "svc", false), (sites[0].VirtualProxyPrefix, sites[0].CertificateThumbprint, sites[0].UserDirectory, sites[0].UserId, sites[0].UseDefaultCredentials));
        Assert.Equal(new[] { "CD34" }, sites[0].TrustedCertificateThumbprint);
        Assert.Equal(((string)null, "INTERNAL", "sa_repository", true), (sites[1].VirtualProxyPrefix, sites[1].UserDirectory, sites[1].UserId, sites[1].UseDefaultCredentials));
        Assert.Null(sites[1].TrustedCertificateThumbprint);
        Assert.Equal(("'B'", 2), (sites[1].Label, sites[1].Position));
        Assert.Equal($"'B' in {SitesFile}", sites[1].ToString());
        Assert.Null(sites[1].Tenant);
    }

    [Fact]
    public void Settings_of_the_wrong_kind_are_named_and_a_site_without_a_name_is_named_by_its_place()
    {
        var (sites, problems) = Check(
            Site(("Name", "A"), ("Server", "a.example"), ("TrustedCertificateThumbprint", 42)),
            Site(("Server", "b.example")),
            Site(("Name", ""), ("Server", "c.example")),
            Site(("Name", "D"), ("Server", "d.example"), ("CertificatePath", "c.pfx"), ("UseDefaultCredentials", true)),
            Site(("Name", "E"), ("Server", "e.example"), ("CertificateThumbprint", "AB"), ("CertificatePath", "c.pfx")),
            Site(("Name", "F"), ("Tenant", "acme.eu.qlikcloud.com"), ("ApiKeyPath", "k.xml"), ("ClientId", "c")),
            Site(("Name", "G"), ("Tenant", "acme.eu.qlikcloud.com"), ("ClientId", "c"), ("ClientSecretPath", "s.xml"), ("UseDefaultCredentials", false)),
            Site(("Name", "H"), ("Server", 42), ("Port", "4242")),
            Site(("Name", "I"), ("Server", "i.example"), ("Port", 4242L)));

        Assert.Empty(sites);
        Assert.Equal(new[]
        {
            "Site 'A': 'TrustedCertificateThumbprint' must be text.",
            "Site #2: the setting 'Name' is required.",
            "Site #3: the setting 'Name' is required.",
            "Site 'D': 'CertificatePath' and 'UseDefaultCredentials' cannot be used together.",
            "Site 'E': 'CertificateThumbprint' and 'CertificatePath' cannot be used together.",
            "Site 'F': 'ApiKeyPath' and 'ClientId' cannot be used together.",
        }, problems.Take(6).Select(problem => problem.Message));
        Assert.StartsWith("Site 'G': 'UseDefaultCredentials' is a setting of a Qlik Sense site", problems[6].Message);
        Assert.Equal("Site 'H': 'Server' must be text.", problems[7].Message);
        Assert.Equal("Site 'I': 'Port' must be a whole number from 1 to 65535.", problems[8].Message);
        Assert.Equal(new[] { ProblemKind.SiteSettingInvalid, ProblemKind.SiteSettingMissing, ProblemKind.SiteSettingMissing, ProblemKind.SiteSettingsConflict,
            ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingInvalid, ProblemKind.SiteSettingInvalid },
            problems.Select(problem => problem.Kind));
        Assert.All(problems, problem => Assert.IsType<InvalidDataException>(problem.Exception));
    }

    [Fact]
    public void Of_several_bad_settings_the_first_is_named_and_an_unknown_one_is_told_every_known_setting()
    {
        var (sites, problems) = Check(
            Site(("Name", "A"), ("Server", 1), ("UserId", 2)),
            Site(("Name", "B"), ("Server", 1), ("TrustedCertificateThumbprint", 3)),
            Site(("Name", "C"), ("Tenant", "acme.eu.qlikcloud.com"), ("ApiKeyPath", "k.xml"), ("ClientSecretPath", "s.xml")),
            Site(("Name", "D"), ("Server", "d.example"), ("Sever", "typo")));

        Assert.Empty(sites);
        Assert.Equal(new[]
        {
            "Site 'A': 'Server' must be text.",
            "Site 'B': 'Server' must be text.",
            "Site 'C': 'ApiKeyPath' and 'ClientSecretPath' cannot be used together.",
            "Site 'D': 'Sever' is not a site setting; known settings: Name, Server, Port, VirtualProxyPrefix, CertificateThumbprint, CertificatePath, "
                + "CertificatePasswordPath, UserDirectory, UserId, UseDefaultCredentials, Tenant, ApiKeyPath, ClientId, ClientSecretPath, CaCertificatePath, "
                + "TrustedCertificateThumbprint, TimeoutSec.",
        }, problems.Select(problem => problem.Message));
        Assert.Equal(new[] { ProblemKind.SiteSettingInvalid, ProblemKind.SiteSettingInvalid, ProblemKind.SiteSettingsConflict, ProblemKind.SiteSettingUnknown },
            problems.Select(problem => problem.Kind));
    }

    [Fact]
    public void A_setting_is_looked_up_in_any_dictionary_and_in_none()
    {
        Assert.Null(SitesFileEntries.Setting(null, "Name", out var given));
        Assert.False(given);
        var settings = new Dictionary<object, object> { [42] = "number", ["Name"] = null };
        Assert.Null(SitesFileEntries.Setting(settings, "Name", out given));
        Assert.True(given);
        Assert.Equal("number", SitesFileEntries.Setting(settings, "42", out given));
    }
}
