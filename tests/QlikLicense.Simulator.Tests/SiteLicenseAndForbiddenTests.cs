using System.Net;
using Xunit;

namespace QlikLicense.Simulator.Tests;

/// <summary>GET /qrs/license per site (serial and signed key settable, so sites can share a license) and the 403 fault.</summary>
public sealed class SiteLicenseAndForbiddenTests
{
    [Fact]
    public async Task Every_site_has_its_own_license_until_two_are_given_the_same()
    {
        await using var first = await SimulatedSite.StartAsync();
        await using var second = await SimulatedSite.StartAsync();
        using var firstClient = SiteClient.Qrs(first);
        using var secondClient = SiteClient.Qrs(second);

        var before = (await firstClient.QrsGetAsync("/qrs/license")).Body;
        Assert.NotEqual(before.Value<string>("serial"), (await secondClient.QrsGetAsync("/qrs/license")).Body.Value<string>("serial"));
        Assert.Equal("", before.Value<string>("key"));

        second.Store.SetLicense(first.Store.LicenseSerial, "eyJhbGciOiJSUzUxMiJ9.eyJsaWNlbnNlIjoiOTk5OSJ9.c2lnbmF0dXJl");
        var after = (await secondClient.QrsGetAsync("/qrs/license")).Body;
        Assert.Equal(before.Value<string>("serial"), after.Value<string>("serial"));
        Assert.Equal("eyJhbGciOiJSUzUxMiJ9.eyJsaWNlbnNlIjoiOTk5OSJ9.c2lnbmF0dXJl", after.Value<string>("key"));
    }

    [Fact]
    public async Task A_forbidden_site_answers_403_and_acts_on_nothing()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);
        var allocations = site.Store.All(QrsTypes.ProfessionalAccessType).Count;
        var some = site.Store.All(QrsTypes.ProfessionalAccessType)[0].Value<string>("id");

        site.Faults.ForbiddenRate = 1;
        Assert.Equal(HttpStatusCode.OK, (await client.QrsGetAsync("/qrs/about")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.QrsGetAsync("/qrs/user")).Status);

        site.Faults.RefuseEverything();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.QrsGetAsync("/qrs/about")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.QrsSendAsync(HttpMethod.Delete, "/qrs/license/professionalaccesstype/" + some)).Status);
        Assert.Equal(allocations, site.Store.All(QrsTypes.ProfessionalAccessType).Count);

        site.Faults.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.QrsGetAsync("/qrs/about")).Status);
    }
}
