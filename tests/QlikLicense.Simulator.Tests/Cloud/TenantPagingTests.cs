using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

public class TenantPagingTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Assignments_page_through_next_links_on_an_internal_host()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 200 });
        using var client = new TenantClient(tenant);

        var (items, links) = await client.GetAllAsync("/api/v1/licenses/assignments", "?limit=7");

        Assert.Equal(tenant.Store.Assignments().Select(assignment => assignment.Subject).ToList(), items.Select(item => (string)item["subject"]).ToList());
        Assert.Equal((items.Count + 6) / 7 - 1, links.Count);
        Assert.All(links, link =>
        {
            var uri = new Uri(link);
            Assert.Equal("http", uri.Scheme);
            Assert.Equal("license", uri.Host);
            Assert.Equal("/v1/licenses/assignments", uri.AbsolutePath);
            Assert.Contains("limit=7", uri.Query);
            Assert.Contains("page=", uri.Query);
        });
        Assert.All(items, item => Assert.Equal(["type", "excess", "created", "subject"], item.Properties().Select(property => property.Name)));
    }

    [Fact]
    public async Task The_whole_next_href_does_not_reach_the_tenant()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        var first = await client.GetAsync("/api/v1/licenses/assignments?limit=2");
        var href = first.Body.SelectToken("links.next.href")!.Value<string>();

        // Sent as it stands (host "license", path /v1/...), the link misses the tenant's /api/v1/ path.
        var asIs = await client.GetAsync(new Uri(href).PathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, asIs.Status);
    }

    [Fact]
    public async Task Default_page_sizes_are_small_and_limits_outside_the_range_are_refused()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 100 });
        using var client = new TenantClient(tenant);

        Assert.Equal(20, (await client.GetAsync("/api/v1/licenses/assignments")).Body["data"]!.Count());
        Assert.Equal(20, (await client.GetAsync("/api/v1/users")).Body["data"]!.Count());
        Assert.Equal(10, (await client.GetAsync("/api/v1/audits")).Body["data"]!.Count());
        Assert.Equal(100, (await client.GetAsync("/api/v1/users?limit=100&filter=" + Uri.EscapeDataString(TenantClient.EveryStatus))).Body["data"]!.Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/users?limit=101")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/licenses/assignments?limit=0")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/licenses/consumption?limit=200")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/licenses/consumption?limit=201")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/licenses/assignments?page=not-a-cursor")).Status);
    }

    [Fact]
    public async Task Deleting_between_pages_skips_no_assignment()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 100 });
        using var client = new TenantClient(tenant);
        var expected = tenant.Store.Assignments().Select(assignment => assignment.Subject).ToList();
        var seen = new List<string>();
        var next = "/api/v1/licenses/assignments?limit=10";
        while (next is not null)
        {
            var answer = await client.GetAsync(next);
            var page = answer.Body["data"]!.Select(item => (string)item["subject"]).ToList();
            seen.AddRange(page);
            // Release what this page listed before asking for the next one, as a release run does.
            var delete = new JObject { ["delete"] = new JArray(answer.Body["data"]!.Select(item => new JObject { ["subject"] = item["subject"], ["type"] = item["type"] })) };
            Assert.Equal(HttpStatusCode.MultiStatus, (await client.PostAsync("/api/v1/licenses/assignments/actions/delete", delete)).Status);
            var href = answer.Body.SelectToken("links.next.href")?.Value<string>();
            next = href is null ? null : "/api/v1/licenses/assignments" + new Uri(href).Query;
        }

        Assert.Equal(expected, seen);
        Assert.Empty(tenant.Store.Assignments());
    }

    [Fact]
    public async Task Links_keep_filter_and_sort_and_prev_goes_back()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 300 });
        using var client = new TenantClient(tenant);
        var query = "?filter=" + Uri.EscapeDataString("status eq \"active\"") + "&sort=-name&limit=25";

        var (users, links) = await client.GetAllAsync("/api/v1/users", query);

        var expected = tenant.Store.Users().Where(user => user.Status == TenantUserStatus.Active)
            .OrderByDescending(user => user.Name, StringComparer.OrdinalIgnoreCase).ThenBy(user => user.Seq).Select(user => user.Id).ToList();
        Assert.Equal(expected, users.Select(user => (string)user["id"]).ToList());
        Assert.All(links, link => Assert.StartsWith("http://users/v1/users?filter=status%20eq%20%22active%22&sort=-name&limit=25&next=", link));

        var second = await client.GetAsync("/api/v1/users" + new Uri(links[0]).Query);
        var back = await client.GetAsync("/api/v1/users" + new Uri(second.Body.SelectToken("links.prev.href")!.Value<string>()).Query);
        Assert.Equal(expected.Take(25), back.Body["data"]!.Select(user => (string)user["id"]));
    }

    [Fact]
    public async Task Users_are_looked_up_by_a_hundred_subjects_or_ids_in_one_request_without_regard_to_case()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, GeneratedUsers = 500 });
        using var client = new TenantClient(tenant);
        // The subjects as the licence service lists them (lower case); the users keep theirs.
        var subjects = tenant.Store.Assignments().Take(60).Select(assignment => assignment.Subject).ToList();
        var ids = tenant.Store.Users().Skip(300).Take(40).Select(user => user.Id).ToList();
        var filter = string.Join(" or ", subjects.Select(subject => $"subject eq \"{subject}\"").Concat(ids.Select(id => $"id eq \"{id}\"")));

        var answer = await client.GetAsync("/api/v1/users?limit=100&filter=" + Uri.EscapeDataString($"({filter}) and {TenantClient.EveryStatus}"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var found = answer.Body["data"]!.ToList();
        var orphans = subjects.Count(subject => tenant.Store.FindUser(subject) is null);
        Assert.Equal(100 - orphans, found.Count);
        Assert.Contains(found, user => (string)user["subject"] != ((string)user["subject"])!.ToLowerInvariant());
        Assert.All(ids, id => Assert.Contains(found, user => (string)user["id"] == id));

        // Three times as many do not fit in a request line.
        var tooLong = string.Join(" or ", Enumerable.Repeat(filter, 3));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await client.GetAsync("/api/v1/users?filter=" + Uri.EscapeDataString(tooLong))).Status);
    }

    [Fact]
    public async Task Bad_filters_and_sorts_answer_400_in_the_documented_error_shape()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        foreach (var query in new[]
                 {
                     "/api/v1/users?filter=" + Uri.EscapeDataString("status eq 'active'"),
                     "/api/v1/users?filter=" + Uri.EscapeDataString("password eq \"x\""),
                     "/api/v1/users?filter=" + Uri.EscapeDataString("status eq \"active\" and ("),
                     "/api/v1/users?sort=password",
                     "/api/v1/licenses/consumption?filter=" + Uri.EscapeDataString("userId eq \"x\""),
                     "/api/v1/audits?eventTime=yesterday",
                 })
        {
            var answer = await client.GetAsync(query);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.NotNull(answer.Body.SelectToken("errors[0].code"));
            Assert.NotNull(answer.Body.SelectToken("errors[0].title"));
        }
    }
}
