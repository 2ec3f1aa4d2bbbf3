using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;
using static QlikLicense.Tests.CallersContext;

namespace QlikLicense.Tests.Cloud;

/// <summary>
/// A tenant call never goes on in its caller's synchronization context once the answer comes (<see cref="CallersContext"/>):
/// each answer is held by <see cref="StubTenant.Hold"/> until the call has returned its task. The batch pump of a
/// change runs on the thread pool (<c>Task.Run</c>), outside any caller's context: what is tested of a change is its own
/// wait for its item's answer.
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

        using var connection = await AnswerOutsideTheCallersContext(() => CloudSite.ConnectAsync(tenant.Settings(), tenant.Call), status);

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

        var alice = await AnswerOutsideTheCallersContext(() => site.ReadUserAsync(CloudKeys.User("auth0|alice"), tenant.Call), users);

        Assert.Equal("Alice", alice.Name);
    }

    [Fact]
    public async Task Reading_the_licence_overview_goes_on_outside_the_callers_context()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/overview", """{"allotments":[{"name":"professional","units":10,"unitsUsed":3}]}""");
        using var site = CloudTenantLists.Site(tenant);
        var overview = tenant.Hold("GET", "/api/v1/licenses/overview");

        var summaries = await AnswerOutsideTheCallersContext(() => site.ReadSummaryAsync(tenant.Call), overview);

        Assert.Equal(10, summaries.Single(row => row.Type == LicenseAccessType.Professional).Total);
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

        var answer = await AnswerOutsideTheCallersContext(() => site.ReleaseAsync(allocation, tenant.Call), batch);

        Assert.True(answer.Removed);
    }

    [Fact]
    public async Task Allocating_goes_on_outside_the_callers_context_when_the_batch_answers()
    {
        var tenant = new StubTenant().Batch("add", subject => CloudTenantLists.Status(201), new List<List<string>>());
        using var site = CloudTenantLists.Site(tenant);
        var batch = tenant.Hold("POST", "/api/v1/licenses/assignments/actions/add");
        var alice = new QlikUser { Id = CloudKeys.User("auth0|alice"), UserDirectory = string.Empty, UserId = "auth0|alice" };

        var allocation = await AnswerOutsideTheCallersContext(() => site.AllocateAsync(LicenseAccessType.Professional, alice, tenant.Call), batch);

        Assert.Equal("auth0|alice", allocation.UserId);
    }

    [Fact]
    public async Task Reading_automatic_assignment_goes_on_outside_the_callers_context()
    {
        var tenant = new StubTenant().OnJson("GET", Settings, AutoAssignment);
        using var site = CloudTenantLists.Site(tenant);

        var read = await AnswerOutsideTheCallersContext(() => site.ReadAutoAssignmentAsync(tenant.Call), tenant.Hold("GET", Settings));

        Assert.True(read.Professional);
    }

    /// <summary>A write that answers the switches is held (PUT); one that says nothing of them is read back, which is held (GET).</summary>
    [Theory]
    [InlineData(AutoAssignment, "PUT", 0)]
    [InlineData("{}", "GET", 1)]
    public async Task Changing_automatic_assignment_goes_on_outside_the_callers_context_after_the_write_and_after_a_read_back(string written, string held, int readsBack)
    {
        var tenant = new StubTenant().OnJson("PUT", Settings, written).OnJson("GET", Settings, AutoAssignment);
        using var site = CloudTenantLists.Site(tenant);

        var changed = await AnswerOutsideTheCallersContext(() => site.ChangeAutoAssignmentAsync(true, null, tenant.Call), tenant.Hold(held, Settings));

        Assert.True(changed.Professional);
        Assert.Equal(readsBack, tenant.Gets(Settings));
    }
}
