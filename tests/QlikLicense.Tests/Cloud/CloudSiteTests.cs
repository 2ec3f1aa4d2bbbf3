using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Cloud;

public sealed class CloudSiteTests
{
    private const string Users = """
        {"id":"u1","subject":"auth0|alice","name":"Alice","status":"active","assignedGroups":[{"id":"g1","name":"Sales"}]},
        {"id":"u2","subject":"auth0|bob","name":"Bob","status":"disabled"},
        {"id":"u3","subject":"auth0|carol","name":"Carol","status":"active"}
        """;

    private static StubTenant Tenant() => new StubTenant()
        .OnJson("GET", "/api/v1/licenses/status", """{"status":"Ok","valid":true,"product":"Qlik Cloud Analytics"}""")
        .OnJson("GET", "/api/v1/users", StubTenant.Page(Users))
        .OnJson("GET", "/api/v1/licenses/consumption", StubTenant.Page("""
            {"userId":"u1","endTime":"2026-05-01T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"},
            {"userId":"u1","endTime":"2026-05-20T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"},
            {"userId":"u3","endTime":"2026-05-25T10:00:00Z","licenseUsage":"ANALYZER_CAPACITY"}
            """))
        .OnJson("GET", "/api/v1/licenses/assignments", StubTenant.Page("""
            {"subject":"AUTH0|ALICE","type":"professional","excess":false,"created":"2026-01-01T00:00:00Z"},
            {"subject":"auth0|bob","type":"professional","excess":false,"created":"2026-01-02T00:00:00Z"},
            {"subject":"auth0|carol","type":"analyzer","excess":false,"created":"2026-01-03T00:00:00Z"},
            {"subject":"auth0|elsewhere","type":"professional","excess":false,"created":"2026-01-04T00:00:00Z"}
            """))
        .OnJson("GET", "/api/v1/licenses/overview", """
            {"allotments":[{"name":"professional","units":10,"unitsUsed":3,"overage":-1},{"name":"analyzer","units":5,"unitsUsed":1},
                           {"name":"analyzer_time","units":1000,"unitsUsed":12}],"status":"Ok","valid":true,"updated":"2026-06-01T00:00:00Z"}
            """);

    private static QlikConnection Connect(StubTenant tenant, int batchSize = 100, TimeSpan? writeInterval = null)
    {
        var settings = tenant.Settings();
        settings.BatchSize = batchSize;
        settings.WriteInterval = writeInterval ?? TimeSpan.Zero;
        return CloudSite.ConnectAsync(settings, tenant.Call).GetAwaiter().GetResult();
    }

    [Fact]
    public void A_tenant_connection_says_its_kind_and_what_it_lacks()
    {
        using var connection = Connect(Tenant());

        Assert.Equal((SiteKind.QlikCloud, "acme.eu.qlikcloud.com", "Qlik Cloud Analytics", "API key"),
            (connection.Kind, connection.Site, connection.ServerVersion, connection.Authentication));
        Assert.Equal(SiteCapabilities.None, connection.Capabilities);
        Assert.IsNotAssignableFrom<QlikLicense.Rules.ILicenseRuleSite>(connection.SiteApi);
    }

    [Fact]
    public void Assignments_are_joined_with_users_and_last_use_whatever_the_subjects_letter_case()
    {
        using var connection = Connect(Tenant());

        var professional = connection.SiteApi.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default).ToList();

        Assert.Equal(new[] { "auth0|alice", "auth0|bob", "auth0|elsewhere" }, professional.Select(allocation => allocation.UserId));
        var alice = professional[0];
        Assert.Equal(("Alice", CloudKeys.User("auth0|alice"), new DateTime(2026, 5, 20, 10, 0, 0, DateTimeKind.Utc), false),
            (alice.UserName, alice.UserKey.Value, alice.LastUsed.Value, alice.DeletedUser));
        Assert.True(professional[2].DeletedUser, "an assignment without a user in this tenant is an orphan");
        Assert.Null(professional[1].LastUsed);
    }

    [Fact]
    public void Disabled_users_count_as_removed_from_the_directory()
    {
        var tenant = Tenant().On("GET", "/api/v1/users", (request, body) =>
            StubTenant.Json(StubTenant.Page(Uri.UnescapeDataString(request.RequestUri.Query).Contains("status eq \"disabled\"")
                ? """{"id":"u2","subject":"auth0|bob","name":"Bob","status":"disabled"}""" : string.Empty)));
        using var connection = Connect(tenant);

        var inactive = connection.SiteApi.ReadUsers(new UserFilter { RemovedFromDirectoryOnly = true }, default).ToList();

        var bob = Assert.Single(inactive);
        Assert.True(bob.RemovedExternally && bob.Inactive);
        Assert.Equal(string.Empty, bob.UserDirectory);
    }

    [Fact]
    public void Seats_and_health_come_from_the_licence_overview_and_status()
    {
        using var connection = Connect(Tenant());

        var seats = connection.SiteApi.ReadSummaryAsync(default).GetAwaiter().GetResult();
        var health = connection.SiteApi.CheckLicenseMonitor(TimeSpan.FromDays(2), DateTime.UtcNow, default);

        Assert.Equal((10, 3, 7, 0), (seats[0].Total.Value, seats[0].Allocated.Value, seats[0].Available.Value, seats[0].Quarantined.Value));
        Assert.Equal((5, 4), (seats[1].Total.Value, seats[1].Available.Value));
        Assert.True(health.IsOperational, health.Reason);
    }

    [Fact]
    public void An_expired_licence_is_not_operational()
    {
        var tenant = Tenant().OnJson("GET", "/api/v1/licenses/status", """{"status":"Expired","valid":"2024-01-01T00:00:00Z/2025-01-01T00:00:00Z"}""");
        using var connection = Connect(tenant);

        var health = connection.SiteApi.CheckLicenseMonitor(TimeSpan.FromDays(2), DateTime.UtcNow, default);

        Assert.False(health.IsOperational);
        Assert.Contains("'Expired'", health.Reason);
        Assert.Contains("not valid now", health.Reason);
    }

    [Fact]
    public void Releases_are_answered_item_by_item_from_the_207_and_gathered_into_batches()
    {
        var tenant = Tenant().On("POST", "/api/v1/licenses/assignments/actions/delete", (request, body) =>
        {
            var items = (JArray)StubTenant.BodyOf(body)["delete"];
            var answers = items.Select(item => (string)item["subject"] switch
            {
                "auth0|bob" => new JObject { ["subject"] = "AUTH0|BOB", ["type"] = item["type"], ["status"] = 404, ["code"] = "LICENSES-016", ["title"] = "Not found" },
                "auth0|carol" => new JObject { ["subject"] = item["subject"], ["type"] = item["type"], ["status"] = 400, ["code"] = "LICENSES-099", ["title"] = "Bad subject" },
                _ => new JObject { ["subject"] = item["subject"], ["type"] = item["type"], ["status"] = 200 },
            });
            return StubTenant.Json(new JObject { ["data"] = new JArray(answers) }.ToString(), (HttpStatusCode)207);
        });
        using var connection = Connect(tenant, writeInterval: TimeSpan.FromMilliseconds(300));
        var all = connection.SiteApi.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default)
            .Concat(connection.SiteApi.ReadAllocations(LicenseAccessType.Analyzer, AllocationFilter.All, default)).ToList();

        var releases = all.Select(allocation => connection.SiteApi.ReleaseAsync(allocation, default)).ToList();

        Assert.True(releases[0].GetAwaiter().GetResult().Removed);
        Assert.False(releases[1].GetAwaiter().GetResult().Removed);
        var failed = Assert.ThrowsAny<SiteException>(() => releases[3].GetAwaiter().GetResult());
        Assert.Equal((SiteErrorKind.BadRequest, 400), (failed.ErrorKind, failed.StatusCode));
        Assert.Contains("LICENSES-099 Bad subject", failed.Message);
        Assert.Null(connection.SiteApi.FindAllocationAsync(LicenseAccessType.Professional, all[0].Id, default).GetAwaiter().GetResult());
        var posts = tenant.Requests.Count(request => request.Method == HttpMethod.Post);
        Assert.InRange(posts, 1, 2);
    }

    [Fact]
    public void An_add_refused_for_want_of_a_seat_is_its_own_error()
    {
        var tenant = Tenant().OnJson("POST", "/api/v1/licenses/assignments/actions/add",
            """{"data":[{"subject":"auth0|carol","type":"professional","status":403,"code":"LICENSES-011","title":"No available license"}]}""", (HttpStatusCode)207);
        using var connection = Connect(tenant);
        var carol = connection.SiteApi.ReadUsers(UserFilter.All, default).Single(user => user.UserId == "auth0|carol");

        var error = Assert.ThrowsAny<SiteException>(() => connection.SiteApi.AllocateAsync(LicenseAccessType.Professional, carol, default).GetAwaiter().GetResult());

        Assert.Equal(SiteErrorKind.NoSeatLeft, error.ErrorKind);
        Assert.Contains("No professional seat is left", error.Message);
    }
}
