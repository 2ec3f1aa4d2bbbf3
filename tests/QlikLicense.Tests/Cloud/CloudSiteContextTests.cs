using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Cloud;

/// <summary>
/// A tenant call never goes on in its caller's synchronization context once the answer comes (<see cref="CallersContext"/>):
/// each answer is held by <see cref="StubTenant.Hold"/> until the call has returned its task. The batch pump of a
/// change runs on the thread pool, outside any caller's context; the change's own wait for its item is what is tested.
/// </summary>
public sealed class CloudSiteContextTests
{
    private const string Settings = "/api/v1/licenses/settings";
    private const string AutoAssignment = """{"autoAssignProfessional":true,"autoAssignAnalyzer":false}""";

    [Fact]
    public async Task Connecting_goes_on_outside_the_callers_context()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/status", """{"status":"Ok","valid":true,"product":"Qlik Cloud Analytics"}""");
        var status = tenant.Hold("GET", "/api/v1/licenses/status");
        Task<QlikConnection> connecting = null;

        var posted = await CallersContext.WorkPostedBack(() => connecting = CloudSite.ConnectAsync(tenant.Settings(), tenant.Call), status);

        using var connection = await connecting;
        Assert.Equal(0, posted);
        Assert.Equal("Qlik Cloud Analytics", connection.ServerVersion);
    }

    [Fact]
    public async Task Reading_a_user_by_key_goes_on_outside_the_callers_context()
    {
        var tenant = new StubTenant().Users("""{"id":"u1","subject":"auth0|alice","name":"Alice","status":"active"}""");
        using var site = CloudTenantLists.Site(tenant);
        // The key of a subject is known once a read has seen it.
        site.ReadUsers(UserFilter.All, default).ToList();
        var users = tenant.Hold("GET", "/api/v1/users");
        Task<QlikUser> reading = null;

        var posted = await CallersContext.WorkPostedBack(() => reading = site.ReadUserAsync(CloudKeys.User("auth0|alice"), tenant.Call), users);

        Assert.Equal(0, posted);
        Assert.Equal("Alice", (await reading).Name);
    }

    [Fact]
    public async Task Reading_the_licence_overview_goes_on_outside_the_callers_context()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/overview", """{"allotments":[{"name":"professional","units":10,"unitsUsed":3}]}""");
        using var site = CloudTenantLists.Site(tenant);
        var overview = tenant.Hold("GET", "/api/v1/licenses/overview");
        Task<IReadOnlyList<LicenseSummary>> reading = null;

        var posted = await CallersContext.WorkPostedBack(() => reading = site.ReadSummaryAsync(tenant.Call), overview);

        Assert.Equal(0, posted);
        Assert.Equal(10, (await reading).Single(row => row.Type == LicenseAccessType.Professional).Total);
    }

    [Fact]
    public async Task Releasing_goes_on_outside_the_callers_context_when_the_batch_answers()
    {
        var tenant = new StubTenant().Batch("delete", subject => CloudTenantLists.Status(204), new List<List<string>>());
        using var site = CloudTenantLists.Site(tenant);
        var batch = tenant.Hold("POST", "/api/v1/licenses/assignments/actions/delete");
        var allocation = new LicenseAllocation
        {
            Id = CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|alice"),
            Type = LicenseAccessType.Professional,
            UserDirectory = string.Empty,
            UserId = "auth0|alice",
        };
        Task<ReleaseAnswer> releasing = null;

        var posted = await CallersContext.WorkPostedBack(() => releasing = site.ReleaseAsync(allocation, tenant.Call), batch);

        Assert.Equal(0, posted);
        Assert.True((await releasing).Removed);
    }

    [Fact]
    public async Task Allocating_goes_on_outside_the_callers_context_when_the_batch_answers()
    {
        var tenant = new StubTenant().Batch("add", subject => CloudTenantLists.Status(201), new List<List<string>>());
        using var site = CloudTenantLists.Site(tenant);
        var batch = tenant.Hold("POST", "/api/v1/licenses/assignments/actions/add");
        var alice = new QlikUser { Id = CloudKeys.User("auth0|alice"), UserDirectory = string.Empty, UserId = "auth0|alice" };
        Task<LicenseAllocation> allocating = null;

        var posted = await CallersContext.WorkPostedBack(() => allocating = site.AllocateAsync(LicenseAccessType.Professional, alice, tenant.Call), batch);

        Assert.Equal(0, posted);
        Assert.Equal("auth0|alice", (await allocating).UserId);
    }

    [Fact]
    public async Task Reading_automatic_assignment_goes_on_outside_the_callers_context()
    {
        var tenant = new StubTenant().OnJson("GET", Settings, AutoAssignment);
        using var site = CloudTenantLists.Site(tenant);
        var settings = tenant.Hold("GET", Settings);
        Task<LicenseAutoAssignment> reading = null;

        var posted = await CallersContext.WorkPostedBack(() => reading = site.ReadAutoAssignmentAsync(tenant.Call), settings);

        Assert.Equal(0, posted);
        Assert.True((await reading).Professional);
    }

    [Fact]
    public async Task Changing_automatic_assignment_goes_on_outside_the_callers_context_after_the_write()
    {
        var tenant = new StubTenant().OnJson("PUT", Settings, AutoAssignment);
        using var site = CloudTenantLists.Site(tenant);
        var write = tenant.Hold("PUT", Settings);
        Task<LicenseAutoAssignment> changing = null;

        var posted = await CallersContext.WorkPostedBack(() => changing = site.ChangeAutoAssignmentAsync(true, null, tenant.Call), write);

        Assert.Equal(0, posted);
        Assert.True((await changing).Professional);
    }

    [Fact]
    public async Task Changing_automatic_assignment_goes_on_outside_the_callers_context_after_reading_back_what_the_write_did_not_say()
    {
        var tenant = new StubTenant().OnJson("PUT", Settings, "{}").OnJson("GET", Settings, AutoAssignment);
        using var site = CloudTenantLists.Site(tenant);
        var readBack = tenant.Hold("GET", Settings);
        Task<LicenseAutoAssignment> changing = null;

        var posted = await CallersContext.WorkPostedBack(() => changing = site.ChangeAutoAssignmentAsync(true, null, tenant.Call), readBack);

        Assert.Equal(0, posted);
        Assert.True((await changing).Professional);
        Assert.Equal(1, tenant.Gets(Settings));
    }
}
