using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Tests.Maintenance;

public sealed class SharedLicensesTests
{
    private static MaintenanceReport Site(string name, SiteLicense? license, int professionalTotal, int professionalUsed) => new()
    {
        Site = name,
        License = license,
        Summary = new[]
        {
            new LicenseSummary { Type = LicenseAccessType.Professional, Total = professionalTotal, Used = professionalUsed },
            new LicenseSummary { Type = LicenseAccessType.Analyzer, Total = 10, Used = null },
        },
    };

    [Fact]
    public void The_same_serial_or_the_same_signed_key_is_one_license()
    {
        var spaced = QrsEntities.License(JObject.Parse("{\"serial\":\"0000 6500 7751 6278\",\"key\":\"\"}"));
        var plain = QrsEntities.License(JObject.Parse("{\"serial\":\"0000650077516278\"}"));
        var keyed = QrsEntities.License(JObject.Parse("{\"serial\":\"1111\",\"key\":\"eyJhbGciOi.eyJsaWNlbnNl.sig\"}"));
        var sameKey = QrsEntities.License(JObject.Parse("{\"serial\":\"\",\"key\":\" eyJhbGciOi.eyJsaWNlbnNl.sig \"}"));
        var unknown = QrsEntities.License(new JObject());

        Assert.True(spaced.IsSameAs(plain));
        Assert.Null(spaced.KeyFingerprint);
        Assert.True(keyed.IsSameAs(sameKey));
        Assert.False(keyed.IsSameAs(spaced));
        Assert.False(unknown.IsSameAs(new SiteLicense(null, null)));
        // Only a fingerprint is kept: the key never reaches a report.
        Assert.Equal(16, keyed.KeyFingerprint!.Length);
        Assert.DoesNotContain("eyJ", keyed.ToString() + sameKey);
    }

    [Fact]
    public void Shared_sites_name_each_other_and_their_seats_count_once()
    {
        var reports = new[]
        {
            Site("prod", new SiteLicense("1", null), 25, 20),
            Site("test", new SiteLicense("1", null), 25, 3),
            Site("emea", new SiteLicense("2", "ab"), 40, 30),
            Site("apac", new SiteLicense("3", "ab"), 40, 31),
            Site("lab", null, 5, 1),
            new MaintenanceReport { Site = "down", Problems = new[] { "unreachable" } },
        };

        SharedLicenses.Mark(reports);
        var totals = SharedLicenses.SeatTotals(reports);

        Assert.Equal(new[] { "test" }, reports[0].SharesLicenseWith);
        Assert.Equal(new[] { "apac" }, reports[2].SharesLicenseWith);
        Assert.Empty(reports[4].SharesLicenseWith);
        Assert.Empty(reports[5].SharesLicenseWith);
        var professional = totals.Single(row => row.Type == LicenseAccessType.Professional);
        Assert.Equal(25 + 40 + 5, professional.Total);
        Assert.Equal(20 + 30 + 1, professional.Used);
        var analyzer = totals.Single(row => row.Type == LicenseAccessType.Analyzer);
        Assert.Equal(30, analyzer.Total);
        Assert.Null(analyzer.Used);
    }
}
