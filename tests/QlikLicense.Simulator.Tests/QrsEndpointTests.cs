using System.Net;
using Newtonsoft.Json.Linq;
using Xunit;

namespace QlikLicense.Simulator.Tests;

public class QrsEndpointTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    private static Task<SimulatedSite> StartAsync() => SimulatedSite.StartAsync(new SiteOptions { Now = Now });

    [Fact]
    public async Task Serves_about_and_counts_the_seed_over_mutual_tls()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var about = await client.QrsGetAsync("/qrs/about");
        var count = await client.QrsGetAsync("/qrs/user/count");

        Assert.Equal(HttpStatusCode.OK, about.Status);
        Assert.False(string.IsNullOrEmpty(about.Body.Value<string>("buildVersion")));
        Assert.Equal(site.Store.Count(QrsTypes.User), count.Body.Value<int>("value"));
        Assert.Equal(@"INTERNAL\sa_api", site.Requests.Snapshot()[^1].QlikUser);
    }

    [Fact]
    public async Task Refuses_a_client_without_certificate()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site, sendClientCertificate: false);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.QrsGetAsync("/qrs/about"));
        Assert.Equal(0, site.Requests.Count());
    }

    [Theory]
    [InlineData("/qrs/about", null)]                                      // neither
    [InlineData("/qrs/about?xrfkey=0123456789abcdef", null)]              // no header
    [InlineData("/qrs/about", "0123456789abcdef")]                        // no query
    [InlineData("/qrs/about?xrfkey=0123456789abcdeX", "0123456789abcdef")] // different
    [InlineData("/qrs/about?xrfkey=0123456789abcde", "0123456789abcde")]   // 15 chars
    [InlineData("/qrs/about?xrfkey=0123456789abcde-", "0123456789abcde-")] // outside [0-9a-zA-Z]
    public async Task Rejects_a_missing_or_mismatched_xrfkey(string pathAndQuery, string header)
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (header is not null) request.Headers.Add("X-Qlik-Xrfkey", header);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, site.Requests.Snapshot().Single().Status);
    }

    [Fact]
    public async Task Requires_x_qlik_user_on_the_qrs_port()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        client.DefaultRequestHeaders.Remove("X-Qlik-User");

        var response = await client.QrsGetAsync("/qrs/about");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task Filters_users_with_quotes_non_ascii_and_spaces()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var quoted = await client.QrsGetAsync("/qrs/user/full", @"userId eq 'o\'brien' and userDirectory eq 'CORP'");
        var nonAscii = await client.QrsGetAsync("/qrs/user", "name eq 'ZOË MÜLLER'");
        var spaced = await client.QrsGetAsync("/qrs/user/full", "userId eq 'anna maria' and userDirectory eq 'CORP'");
        var doubled = await client.QrsGetAsync("/qrs/user/full", "userId eq 'o''brien'");

        Assert.Equal("Conor O'Brien", Assert.Single(quoted.Body).Value<string>("name"));
        Assert.Equal("CORP EU", Assert.Single(nonAscii.Body).Value<string>("userDirectory"));
        Assert.Single(spaced.Body);
        Assert.Equal(HttpStatusCode.BadRequest, doubled.Status);
        Assert.Contains("Cannot parse the expression", doubled.Text);
        Assert.Equal("userId eq 'o''brien'", site.Requests.Snapshot()[^1].Filter);
    }

    [Fact]
    public async Task Condensed_list_has_only_condensed_fields_and_full_has_all()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var condensed = await client.QrsGetAsync("/qrs/license/professionalaccesstype");
        var full = await client.QrsGetAsync("/qrs/license/professionalaccesstype/full", "user.userId eq 'jdoe'");

        Assert.All(condensed.Body, item => Assert.Equal(["id", "privileges"], ((JObject)item).Properties().Select(p => p.Name)));
        Assert.Equal("CORP", Assert.Single(full.Body)["user"].Value<string>("userDirectory"));
    }

    [Fact]
    public async Task Unknown_filter_property_is_a_400_and_inactive_users_filter()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var unknown = await client.QrsGetAsync("/qrs/user/full", "nickname eq 'x'");
        var inactive = await client.QrsGetAsync("/qrs/user/full", "inactive eq true");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains(inactive.Body, user => user.Value<string>("userId") == "lluthor" && user.Value<bool>("blacklisted"));
        Assert.All(inactive.Body, user => Assert.True(user.Value<bool>("removedExternally") || user.Value<bool>("blacklisted")));
    }

    [Fact]
    public async Task An_allocation_is_filtered_by_its_users_own_properties_which_its_condensed_user_lacks()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var ofRemoved = await client.QrsGetAsync("/qrs/license/professionalaccesstype/full", "quarantined eq false and user.removedExternally eq true");
        var ofBlocked = await client.QrsGetAsync("/qrs/license/professionalaccesstype/full", "user.blacklisted eq true");

        Assert.Equal(HttpStatusCode.OK, ofRemoved.Status);
        Assert.Contains(ofRemoved.Body, allocation => allocation["user"]!.Value<string>("userId") == "bwayne");
        Assert.All(ofRemoved.Body, allocation =>
        {
            Assert.Null(allocation["user"]!["removedExternally"]);
            var user = site.Store.Find(QrsTypes.User, Guid.Parse(allocation["user"]!.Value<string>("id")!))!;
            Assert.True(user.Value<bool>("removedExternally"));
            Assert.False(allocation.Value<bool>("quarantined"));
        });
        var removed = site.Store.All(QrsTypes.User).Where(user => user.Value<bool>("removedExternally")).Select(user => user.Value<string>("id")).ToHashSet();
        Assert.Equal(site.Store.All(QrsTypes.ProfessionalAccessType).Count(allocation => !allocation.Value<bool>("quarantined") && removed.Contains(allocation["user"]?.Value<string>("id"))),
            ofRemoved.Body.Count());
        Assert.Equal(HttpStatusCode.OK, ofBlocked.Status);
        Assert.Contains(ofBlocked.Body, allocation => allocation["user"]!.Value<string>("userId") == "lluthor");
    }

    [Fact]
    public async Task Orders_by_name()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var users = await client.QrsGetAsync("/qrs/user?orderby=name%20desc");

        var names = users.Body.Select(user => user.Value<string>("name")).ToArray();
        Assert.Equal(names.OrderByDescending(name => name, StringComparer.OrdinalIgnoreCase), names);
    }

    [Fact]
    public async Task Get_by_id_answers_404_when_missing()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var missing = await client.QrsGetAsync($"/qrs/user/{Guid.NewGuid()}");
        var present = await client.QrsGetAsync("/qrs/user/c85d8ce4-b05e-467c-9810-e1a339318819");

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("administrator", present.Body.Value<string>("userId"));
    }

    [Fact]
    public async Task Put_with_a_stale_modified_date_is_a_409()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        var rule = (JObject)(await client.QrsGetAsync("/qrs/systemrule/full", "category eq 'License'")).Body.Single();

        var first = (JObject)rule.DeepClone();
        first["comment"] = "first";
        var firstResult = await client.QrsSendAsync(HttpMethod.Put, $"/qrs/systemrule/{rule["id"]}", first);
        var second = (JObject)rule.DeepClone();
        second["comment"] = "second, from a stale read";
        var secondResult = await client.QrsSendAsync(HttpMethod.Put, $"/qrs/systemrule/{rule["id"]}", second);

        Assert.Equal(HttpStatusCode.OK, firstResult.Status);
        Assert.True(string.CompareOrdinal(firstResult.Body.Value<string>("modifiedDate"), rule.Value<string>("modifiedDate")) > 0);
        Assert.Equal(@"INTERNAL\sa_api", firstResult.Body.Value<string>("modifiedByUserName"));
        Assert.Equal(HttpStatusCode.Conflict, secondResult.Status);
        Assert.Equal("first", site.Store.Find(QrsTypes.SystemRule, Guid.Parse(rule.Value<string>("id"))).Value<string>("comment"));
    }

    [Fact]
    public async Task Deallocating_a_recently_used_allocation_quarantines_it_and_an_old_one_is_released()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        var recent = (await client.QrsGetAsync("/qrs/license/professionalaccesstype/full", "user.userId eq 'jdoe'")).Body.Single();
        var old = (await client.QrsGetAsync("/qrs/license/professionalaccesstype/full", "user.userId eq 'bwayne'")).Body.Single();

        var deleteRecent = await client.QrsSendAsync(HttpMethod.Delete, $"/qrs/license/professionalaccesstype/{recent["id"]}");
        var deleteOld = await client.QrsSendAsync(HttpMethod.Delete, $"/qrs/license/professionalaccesstype/{old["id"]}");
        var again = await client.QrsSendAsync(HttpMethod.Delete, $"/qrs/license/professionalaccesstype/{recent["id"]}");
        var gone = await client.QrsGetAsync($"/qrs/license/professionalaccesstype/{old["id"]}");
        var quarantined = await client.QrsGetAsync($"/qrs/license/professionalaccesstype/{recent["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, deleteRecent.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleteOld.Status);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.True(quarantined.Body.Value<bool>("quarantined"));
        Assert.Equal(QrsDates.Format(Now.AddDays(7)), quarantined.Body.Value<string>("quarantineEnd"));

        site.Store.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.NotFound, (await client.QrsGetAsync($"/qrs/license/professionalaccesstype/{recent["id"]}")).Status);
    }

    [Fact]
    public async Task Allocating_twice_is_a_400_and_allocating_a_quarantined_one_reinstates_it()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        var jdoe = site.Store.FindUser("CORP", "jdoe");
        var dprince = site.Store.FindUser("CORP", "dprince");
        var body = new JObject { ["user"] = Condensed(dprince) };

        var created = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/professionalaccesstype", body);
        var duplicate = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/professionalaccesstype", body);
        var jdoeAllocation = site.Store.FindAllocation(AccessKind.Professional, Guid.Parse(jdoe.Value<string>("id")));
        await client.QrsSendAsync(HttpMethod.Delete, $"/qrs/license/professionalaccesstype/{jdoeAllocation["id"]}");
        var reinstated = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/professionalaccesstype",
            new JObject { ["user"] = Condensed(jdoe) });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(dprince.Value<string>("id"), created.Body["user"].Value<string>("id"));
        Assert.Equal(QrsDates.Never, created.Body.Value<string>("lastUsed"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
        Assert.Equal(HttpStatusCode.Created, reinstated.Status);
        Assert.Equal(jdoeAllocation.Value<string>("id"), reinstated.Body.Value<string>("id"));
        Assert.False(reinstated.Body.Value<bool>("quarantined"));
    }

    [Fact]
    public async Task Allocating_without_a_free_seat_is_a_400()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        site.Store.SetLicenseTotals(site.Store.Count(QrsTypes.ProfessionalAccessType), 50);
        var dprince = site.Store.FindUser("CORP", "dprince");

        var result = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/professionalaccesstype",
            new JObject { ["user"] = Condensed(dprince) });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("No professional access available", result.Text);
    }

    [Fact]
    public async Task Overview_counts_allocations_and_quarantine()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);

        var overview = (await client.QrsGetAsync("/qrs/license/accesstypeoverview")).Body;

        var professional = site.Store.All(QrsTypes.ProfessionalAccessType);
        var quarantined = professional.Count(a => a.Value<bool>("quarantined"));
        Assert.Equal(25, overview["professionalAccess"].Value<int>("total"));
        Assert.Equal(professional.Count - quarantined, overview["professionalAccess"].Value<int>("allocated"));
        Assert.Equal(quarantined, overview["professionalAccess"].Value<int>("quarantined"));
        Assert.Equal(25 - professional.Count, overview["professionalAccess"].Value<int>("available"));
    }

    /// <summary>A user as Qlik's description has an allocation name it: id, userId and userDirectory.</summary>
    private static JObject Condensed(JObject user) =>
        new() { ["id"] = user["id"], ["userId"] = user["userId"], ["userDirectory"] = user["userDirectory"] };

    [Fact]
    public async Task An_allocation_naming_its_user_by_id_alone_or_as_someone_else_is_refused()
    {
        await using var site = await StartAsync();
        using var client = SiteClient.Qrs(site);
        var dprince = site.Store.FindUser("CORP", "dprince");
        var jdoe = site.Store.FindUser("CORP", "jdoe");

        var idOnly = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/analyzeraccesstype", new JObject { ["user"] = new JObject { ["id"] = dprince["id"] } });
        var someoneElse = Condensed(dprince);
        someoneElse["userId"] = jdoe["userId"];
        var mismatch = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/analyzeraccesstype", new JObject { ["user"] = someoneElse });

        Assert.Equal(HttpStatusCode.BadRequest, idOnly.Status);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
    }
}
