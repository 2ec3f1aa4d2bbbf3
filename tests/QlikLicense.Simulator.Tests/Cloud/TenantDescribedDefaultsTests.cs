using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

/// <summary>
/// The tenant answers as Qlik's API description says where it states a default, a limit or a format
/// (../shared/qlik-cloud-openapi): a parameter left out means its documented default.
/// </summary>
public class TenantDescribedDefaultsTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Users_whose_status_nobody_names_are_the_active_ones_the_status_parameter_defaults_to()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var (unnamed, _) = await client.GetAllAsync("/api/v1/users", "?limit=100");
        var (named, _) = await client.GetAllAsync("/api/v1/users", "?limit=100&filter=" + Uri.EscapeDataString("(status eq \"disabled\" or status eq \"deleted\")"));
        var (bySubject, _) = await client.GetAllAsync("/api/v1/users", "?filter=" + Uri.EscapeDataString($"subject eq \"{TenantSeed.DisabledProfessionalSubject}\""));
        var (byParameter, _) = await client.GetAllAsync("/api/v1/users", "?status=disabled,deleted");

        Assert.Equal(tenant.Store.Users().Count(user => user.Status == TenantUserStatus.Active), unnamed.Count);
        Assert.All(unnamed, user => Assert.Equal("active", (string)user["status"]));
        var inactive = tenant.Store.Users().Where(user => user.Status is TenantUserStatus.Disabled or TenantUserStatus.Deleted).Select(user => user.Subject).Order().ToList();
        Assert.Equal(inactive, named.Select(user => (string)user["subject"]).Order().ToList());
        Assert.Equal(inactive, byParameter.Select(user => (string)user["subject"]).Order().ToList());
        Assert.Empty(bySubject);
    }

    [Fact]
    public async Task Users_are_sorted_by_name_unless_asked_otherwise()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 150 });
        using var client = new TenantClient(tenant);

        var (users, _) = await client.GetAllAsync("/api/v1/users", "?limit=100");

        var names = users.Select(user => (string)user["name"]).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase).ToList(), names);
    }

    [Theory]
    [InlineData("?status=active&filter=name%20eq%20%22a%22")]
    [InlineData("?subject=x&filter=name%20eq%20%22a%22")]
    [InlineData("?filter=name%20eq%20%22a%22%20or%20name%20eq%20%22b%22%20and%20status%20eq%20%22active%22")]
    [InlineData("?status=retired")]
    public async Task Deprecated_parameters_with_filter_ungrouped_statuses_and_unknown_statuses_are_refused(string query)
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/users" + query)).Status);
    }

    [Fact]
    public async Task Consumption_pages_hold_200_records_when_no_limit_is_named()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 2000 });
        using var client = new TenantClient(tenant);
        Assert.True(tenant.Store.Consumption().Count > 200, "the generated tenant has more than one default page of consumption");

        Assert.Equal(200, (await client.GetAsync("/api/v1/licenses/consumption")).Body["data"]!.Count());
    }

    [Theory]
    [InlineData("2026-10-01T00:00:00.000Z/2026-11-02T12:00:00.000Z", HttpStatusCode.OK)]
    [InlineData("2026-10-01T00:00:00Z/2026-11-02T12:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("2026-10-01T00:00:00.000Z/", HttpStatusCode.BadRequest)]
    [InlineData("/2026-11-02T12:00:00.000Z", HttpStatusCode.BadRequest)]
    public async Task An_audit_time_window_is_taken_only_in_the_described_form_with_both_ends(string window, HttpStatusCode expected)
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        Assert.Equal(expected, (await client.GetAsync("/api/v1/audits?eventTime=" + Uri.EscapeDataString(window))).Status);
    }
}
