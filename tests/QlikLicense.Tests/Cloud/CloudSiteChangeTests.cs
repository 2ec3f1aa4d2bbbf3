using Newtonsoft.Json.Linq;
using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Cloud;

/// <summary>Releases and allocations of <see cref="CloudSite"/>: each one's own answer from the 207, its failures, and what its read-back asks.</summary>
public sealed class CloudSiteChangeTests
{
    private static StubTenant Tenant() => new StubTenant()
        .Paged("/api/v1/users", """{"id":"u1","subject":"auth0|alice","name":"Alice","status":"active"}""")
        .Paged("/api/v1/licenses/consumption", string.Empty)
        .Paged("/api/v1/licenses/assignments",
            """
            {"subject":"auth0|alice","type":"professional"},
            {"subject":"auth0|bob","type":"professional"},
            {"subject":"auth0|carol","type":"analyzer"}
            """);

    private static LicenseAllocation Assignment(LicenseAccessType type, string subject) => new()
    {
        Id = CloudKeys.Assignment(type, subject),
        Type = type,
        UserDirectory = string.Empty,
        UserId = subject,
    };

    private static QlikUser User(string subject) => new() { Id = CloudKeys.User(subject), UserDirectory = string.Empty, UserId = subject };

    [Fact]
    public void A_release_is_removed_when_its_item_succeeds_and_settled_as_gone_when_the_tenant_had_no_such_assignment()
    {
        var sent = new List<List<string>>();
        var tenant = Tenant().Batch("delete", subject => subject == "auth0|bob"
            ? CloudTenantLists.Status(404, "LICENSES-016", "Not found") : CloudTenantLists.Status(204), sent);
        using var site = CloudTenantLists.Site(tenant);

        var alice = site.ReleaseAsync(Assignment(LicenseAccessType.Professional, "auth0|alice"), default).GetAwaiter().GetResult();
        var bob = site.ReleaseAsync(Assignment(LicenseAccessType.Professional, "auth0|bob"), default).GetAwaiter().GetResult();
        var reads = tenant.Gets("/api/v1/licenses/assignments");

        Assert.Equal((true, 1), (alice.Removed, alice.Attempts));
        Assert.Equal((false, 1), (bob.Removed, bob.Attempts));
        Assert.Null(site.FindAllocationAsync(LicenseAccessType.Professional, CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|bob"), default).GetAwaiter().GetResult());
        Assert.Empty(site.FindAllocationsAsync(LicenseAccessType.Professional,
            new[] { CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|alice"), CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|bob") }, default).GetAwaiter().GetResult());
        Assert.Equal(0, reads);
        Assert.Equal(0, tenant.Gets("/api/v1/licenses/assignments"));
        var stillThere = site.FindAllocationsAsync(LicenseAccessType.Analyzer,
            new[] { CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|bob"), CloudKeys.Assignment(LicenseAccessType.Analyzer, "auth0|carol") }, default).GetAwaiter().GetResult();
        Assert.Equal("auth0|carol", Assert.Single(stillThere).UserId);
        Assert.Equal(new[] { "auth0|alice", "auth0|bob" }, sent.SelectMany(batch => batch));
    }

    [Fact]
    public void A_release_the_tenant_refuses_is_an_error_of_its_status_with_its_code_and_title()
    {
        var tenant = Tenant().Batch("delete", subject => subject switch
        {
            "auth0|alice" => CloudTenantLists.Status(403, "LICENSES-020", "Forbidden"),
            "auth0|bob" => CloudTenantLists.Status(500),
            _ => CloudTenantLists.Status(300),
        }, new List<List<string>>());
        using var site = CloudTenantLists.Site(tenant);

        var alice = Assert.Throws<SiteException>(() => site.ReleaseAsync(Assignment(LicenseAccessType.Professional, "auth0|alice"), default).GetAwaiter().GetResult());
        var bob = Assert.Throws<SiteException>(() => site.ReleaseAsync(Assignment(LicenseAccessType.Professional, "auth0|bob"), default).GetAwaiter().GetResult());
        var carol = Assert.Throws<SiteException>(() => site.ReleaseAsync(Assignment(LicenseAccessType.Analyzer, "auth0|carol"), default).GetAwaiter().GetResult());

        Assert.Equal((SiteKind.QlikCloud, SiteErrorKind.AccessDenied, 403, "POST", "/api/v1/licenses/assignments/actions/delete"),
            (alice.Site, alice.ErrorKind, alice.StatusCode, alice.Method, alice.Path));
        Assert.Equal(CloudMessages.ItemFailed("delete", "auth0|alice", "professional", 403, "LICENSES-020", "Forbidden"), alice.Message);
        Assert.Equal("LICENSES-020 Forbidden", alice.ResponseBody);
        Assert.Equal((SiteErrorKind.ServerError, 500, (string)null), (bob.ErrorKind, bob.StatusCode, bob.ResponseBody));
        Assert.Equal((SiteErrorKind.BadRequest, 300), (carol.ErrorKind, carol.StatusCode));
        Assert.Contains("analyzer assignment of auth0|carol", carol.Message);
    }

    [Fact]
    public void A_release_of_an_assignment_without_a_subject_is_refused_before_any_request()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        var error = Assert.Throws<SiteException>(() => site.ReleaseAsync(Assignment(LicenseAccessType.Professional, string.Empty), default).GetAwaiter().GetResult());

        Assert.Equal((SiteErrorKind.BadRequest, "POST", "/api/v1/licenses/assignments/actions/delete"), (error.ErrorKind, error.Method, error.Path));
        Assert.DoesNotContain(tenant.Requests, request => request.Method == HttpMethod.Post);
    }

    [Fact]
    public void An_allocation_is_the_tenants_assignment_of_the_users_subject_and_its_read_back_asks_the_tenant()
    {
        var sent = new List<List<string>>();
        var tenant = Tenant().Batch("add", subject => CloudTenantLists.Status(201), sent);
        using var site = CloudTenantLists.Site(tenant);
        var carol = User("auth0|carol");

        var allocation = site.AllocateAsync(LicenseAccessType.Analyzer, carol, default).GetAwaiter().GetResult();
        var readBack = site.FindAllocationAsync(LicenseAccessType.Analyzer, allocation.Id, default).GetAwaiter().GetResult();

        Assert.Equal((CloudKeys.Assignment(LicenseAccessType.Analyzer, "auth0|carol"), LicenseAccessType.Analyzer, string.Empty, "auth0|carol", carol.Id),
            (allocation.Id, allocation.Type, allocation.UserDirectory, allocation.UserId, allocation.UserKey));
        Assert.Same(site, allocation.Connection.SiteApi);
        Assert.Equal(allocation.Id, readBack.Id);
        Assert.Equal(1, tenant.Gets("/api/v1/licenses/assignments"));
        var body = StubTenant.BodyOf(tenant.Requests.Single(request => request.Method == HttpMethod.Post).Body);
        Assert.Equal("""{"add":[{"subject":"auth0|carol","type":"analyzer"}]}""", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public void An_allocation_of_a_type_or_to_a_user_a_tenant_cannot_have_is_refused_before_any_request()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        var type = Assert.Throws<SiteException>(() => site.AllocateAsync(LicenseAccessType.UserAccess, User("auth0|carol"), default).GetAwaiter().GetResult());
        var nameless = Assert.Throws<SiteException>(() => site.AllocateAsync(LicenseAccessType.Analyzer, User(string.Empty), default).GetAwaiter().GetResult());

        Assert.Equal((SiteErrorKind.BadRequest, "POST", "/api/v1/licenses/assignments/actions/add"), (type.ErrorKind, type.Method, type.Path));
        Assert.Equal((SiteErrorKind.NotFound, "POST", "/api/v1/licenses/assignments/actions/add"), (nameless.ErrorKind, nameless.Method, nameless.Path));
        Assert.DoesNotContain(tenant.Requests, request => request.Method == HttpMethod.Post);
    }

    [Fact]
    public void An_add_refused_for_want_of_a_seat_in_any_case_of_its_code_is_its_own_error_and_other_refusals_name_their_status()
    {
        var tenant = Tenant().Batch("add", subject => subject == "auth0|carol"
            ? CloudTenantLists.Status(403, "licenses-011", "No available license") : CloudTenantLists.Status(409, "LICENSES-030", "Conflict"), new List<List<string>>());
        using var site = CloudTenantLists.Site(tenant);

        var noSeat = Assert.Throws<SiteException>(() => site.AllocateAsync(LicenseAccessType.Professional, User("auth0|carol"), default).GetAwaiter().GetResult());
        var conflict = Assert.Throws<SiteException>(() => site.AllocateAsync(LicenseAccessType.Professional, User("auth0|dan"), default).GetAwaiter().GetResult());

        Assert.Equal((SiteErrorKind.NoSeatLeft, 403, "POST", "/api/v1/licenses/assignments/actions/add"), (noSeat.ErrorKind, noSeat.StatusCode, noSeat.Method, noSeat.Path));
        Assert.Equal(CloudMessages.NoSeatLeft("auth0|carol", "professional", "No available license"), noSeat.Message);
        Assert.Equal("licenses-011 No available license", noSeat.ResponseBody);
        Assert.Equal((SiteErrorKind.Conflict, 409), (conflict.ErrorKind, conflict.StatusCode));
        Assert.Equal(CloudMessages.ItemFailed("add", "auth0|dan", "professional", 409, "LICENSES-030", "Conflict"), conflict.Message);
    }

    [Fact]
    public void Assignments_read_while_a_change_is_sent_are_read_again_after_it()
    {
        var held = new List<string> { "auth0|alice", "auth0|bob" };
        CloudSite site = null;
        var command = new SiteCall(new CancellationTokenSource().Token);
        HttpResponseMessage Change(string action, string body)
        {
            var item = (JObject)StubTenant.BodyOf(body)[action][0];
            site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).ToList();
            lock (held) if (action == "add") held.Add((string)item["subject"]); else held.Remove((string)item["subject"]);
            return StubTenant.Json(CloudTenantLists.AllAnswered((JArray)StubTenant.BodyOf(body)[action], 200), (System.Net.HttpStatusCode)207);
        }
        var tenant = new StubTenant()
            .Paged("/api/v1/users", string.Empty)
            .Paged("/api/v1/licenses/consumption", string.Empty)
            .On("GET", "/api/v1/licenses/assignments", (request, body) =>
            {
                lock (held) return StubTenant.Json(StubTenant.Page(string.Join(",", held.Select(subject => "{\"subject\":\"" + subject + "\",\"type\":\"professional\"}"))));
            })
            .On("POST", "/api/v1/licenses/assignments/actions/delete", (request, body) => Change("delete", body))
            .On("POST", "/api/v1/licenses/assignments/actions/add", (request, body) => Change("add", body));
        site = CloudTenantLists.Site(tenant);
        using var _ = site;
        string[] Held() => site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).Select(allocation => allocation.UserId).ToArray();

        Assert.Equal(new[] { "auth0|alice", "auth0|bob" }, Held());
        site.ReleaseAsync(Assignment(LicenseAccessType.Professional, "auth0|alice"), command).GetAwaiter().GetResult();
        Assert.Equal(new[] { "auth0|bob" }, Held());
        site.AllocateAsync(LicenseAccessType.Professional, User("auth0|carol"), command).GetAwaiter().GetResult();
        Assert.Equal(new[] { "auth0|bob", "auth0|carol" }, Held());
    }

    [Fact]
    public void Assignments_are_read_again_after_a_change_whose_request_failed()
    {
        var tenant = Tenant()
            .OnJson("POST", "/api/v1/licenses/assignments/actions/delete", """{"errors":[{"title":"Busy"}]}""", System.Net.HttpStatusCode.ServiceUnavailable)
            .OnJson("POST", "/api/v1/licenses/assignments/actions/add", """{"errors":[{"title":"Busy"}]}""", System.Net.HttpStatusCode.ServiceUnavailable);
        using var site = CloudTenantLists.Site(tenant);
        var command = new SiteCall(new CancellationTokenSource().Token);
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).ToList();

        Assert.ThrowsAny<SiteException>(() => site.ReleaseAsync(Assignment(LicenseAccessType.Professional, "auth0|alice"), command).GetAwaiter().GetResult());
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).ToList();
        Assert.ThrowsAny<SiteException>(() => site.AllocateAsync(LicenseAccessType.Analyzer, User("auth0|dan"), command).GetAwaiter().GetResult());
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).ToList();

        Assert.Equal(3, tenant.Gets("/api/v1/licenses/assignments"));
    }

    [Fact]
    public void Changes_gathered_go_as_one_request_of_each_action_when_the_gathering_ends()
    {
        var deletes = new List<List<string>>();
        var adds = new List<List<string>>();
        var tenant = Tenant().Batch("delete", subject => CloudTenantLists.Status(200), deletes).Batch("add", subject => CloudTenantLists.Status(200), adds);
        using var site = CloudTenantLists.Site(tenant);

        Task<ReleaseAnswer>[] releases;
        Task<LicenseAllocation>[] allocations;
        using (site.GatherChanges())
        {
            releases = new[] { "auth0|alice", "auth0|bob" }.Select(subject => site.ReleaseAsync(Assignment(LicenseAccessType.Professional, subject), default)).ToArray();
            allocations = new[] { "auth0|carol", "auth0|dan" }.Select(subject => site.AllocateAsync(LicenseAccessType.Analyzer, User(subject), default)).ToArray();
            Assert.DoesNotContain(tenant.Requests, request => request.Method == HttpMethod.Post);
        }

        Assert.All(releases, release => Assert.True(release.GetAwaiter().GetResult().Removed));
        Assert.All(allocations, allocation => Assert.NotNull(allocation.GetAwaiter().GetResult()));
        Assert.Equal(new[] { "auth0|alice", "auth0|bob" }, Assert.Single(deletes));
        Assert.Equal(new[] { "auth0|carol", "auth0|dan" }, Assert.Single(adds));
    }
}
