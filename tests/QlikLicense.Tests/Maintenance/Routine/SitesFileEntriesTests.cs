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
    public void The_settings_of_a_site_are_found_whatever_their_case()
    {
        var settings = new Hashtable { ["NAME"] = "x" };

        Assert.Equal("x", SitesFileEntries.Setting(settings, "Name", out var given));
        Assert.True(given);
        Assert.Null(SitesFileEntries.Setting(settings, "Server", out given));
        Assert.False(given);
    }
}
