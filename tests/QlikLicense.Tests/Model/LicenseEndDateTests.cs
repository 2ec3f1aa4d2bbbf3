using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Model;

/// <summary>The day a license ends, from GET /qrs/license's keyDetails or lef (both readings unconfirmed on a live site).</summary>
public class LicenseEndDateTests
{
    private static SiteLicense Read(object license) => QrsEntities.License(JObject.FromObject(license));

    [Fact]
    public void A_signed_key_tells_it_in_its_valid_interval()
    {
        var license = Read(new { serial = "9999 0000 1111 2222", keyDetails = "{\"licenseNumber\":\"9999000011112222\",\"valid\":\"2025-12-01/2026-11-30\"}" });

        Assert.Equal((new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), LicenseEndDateSource.SignedKey), (license.EndDate!.Value, license.EndDateSource!.Value));
        Assert.Equal(DateTimeKind.Utc, license.EndDate!.Value.Kind);
        Assert.True(license.IsUsableOn(new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc)));
        Assert.False(license.IsUsableOn(new DateTime(2026, 12, 1, 0, 0, 1, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_license_file_tells_it_in_its_time_limit()
    {
        var license = Read(new { lef = "Example;Org;;\r\nPRODUCTLEVEL;50;;2027-03-31\r\nTIMELIMIT;2027-03-31\r\nOVERAGE;NO;;", keyDetails = "PROFESSIONAL;25;;ANALYZER;50;;" });

        Assert.Equal((new DateTime(2027, 3, 31, 0, 0, 0, DateTimeKind.Utc), LicenseEndDateSource.LicenseFile), (license.EndDate!.Value, license.EndDateSource!.Value));
    }

    [Fact]
    public void Where_both_say_the_signed_key_wins()
    {
        var license = Read(new { lef = "TIMELIMIT;2027-03-31", keyDetails = "{\"valid\":\"2026-01-01/2026-12-31\"}" });

        Assert.Equal(new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), license.EndDate);
    }

    [Fact]
    public void A_license_that_says_neither_has_no_end_and_QRS_flags_still_count()
    {
        var license = Read(new { serial = "1", keyDetails = "PROFESSIONAL;25;;", lef = "", isExpired = false, isBlacklisted = true });

        Assert.Null(license.EndDate);
        Assert.True(license.IsInvalid);
        Assert.False(license.IsUsableOn(DateTime.UtcNow));
        Assert.True(Read(new { isExpired = true, expiredReason = "Time limit passed" }).IsExpired);
    }
}
