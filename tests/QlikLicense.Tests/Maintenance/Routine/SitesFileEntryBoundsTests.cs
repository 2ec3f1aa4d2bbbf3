using System.Collections;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>The edges of a sites file entry's settings: the ranges of numbers, the forms of pinned thumbprints, empty text, and which settings go together.</summary>
public sealed class SitesFileEntryBoundsTests
{
    private static readonly string SitesFile = Path.Combine(Path.GetTempPath(), "sites", "sites.psd1");

    private static Hashtable Site(params (string Key, object Value)[] settings)
    {
        var site = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings) site[key] = value;
        return site;
    }

    private static (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<OperationProblem> Problems) Check(params object[] sites) => SitesFileEntries.Check(SitesFile, sites);

    [Theory]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(0, false)]
    [InlineData(65536, false)]
    public void A_port_is_a_whole_number_from_1_to_65535(int port, bool accepted)
    {
        var (sites, problems) = Check(Site(("Name", "A"), ("Server", "a.example"), ("Port", port)));

        Assert.Equal(accepted, sites.Count == 1);
        if (accepted) Assert.Equal(port, sites[0].Port);
        else Assert.Equal("Site 'A': 'Port' must be a whole number from 1 to 65535.", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3600, true)]
    [InlineData(0, false)]
    [InlineData(3601, false)]
    public void A_timeout_is_a_whole_number_of_seconds_from_1_to_3600(int seconds, bool accepted)
    {
        var (sites, problems) = Check(Site(("Name", "A"), ("Server", "a.example"), ("TimeoutSec", seconds)));

        Assert.Equal(accepted, sites.Count == 1);
        if (accepted) Assert.Equal(seconds, sites[0].TimeoutSec);
        else Assert.Equal("Site 'A': 'TimeoutSec' must be a whole number of seconds from 1 to 3600.", Assert.Single(problems).Message);
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
