using System.Net;
using Newtonsoft.Json.Linq;
using Xunit;

namespace QlikLicense.Simulator.Tests;

public class SiteContentTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(LicenseMonitorState.Healthy, 7, -3.0)]
    [InlineData(LicenseMonitorState.LastReloadFailed, 8, -27.0)]
    [InlineData(LicenseMonitorState.Stale, 7, -240.0)]
    [InlineData(LicenseMonitorState.NeverReloaded, 0, null)]
    public async Task License_monitor_states_show_in_app_and_reload_task(LicenseMonitorState state, int taskStatus, double? reloadedHoursAgo)
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Now = Now });
        site.Store.SetLicenseMonitor(state);
        using var client = SiteClient.Qrs(site);

        var apps = (await client.QrsGetAsync("/qrs/app/full", "name eq 'License Monitor'")).Body;
        var published = Assert.Single(apps, app => app.Value<bool>("published"));
        var tasks = (await client.QrsGetAsync("/qrs/reloadtask/full", $"app.id eq {published["id"]}")).Body;

        Assert.Equal(2, apps.Count());
        Assert.Equal("Monitoring apps", published["stream"].Value<string>("name"));
        Assert.Equal(reloadedHoursAgo is null ? QrsDates.Never : QrsDates.Format(Now.AddHours(reloadedHoursAgo.Value)), published.Value<string>("lastReloadTime"));
        Assert.Equal(taskStatus, Assert.Single(tasks)["operational"]["lastExecutionResult"].Value<int>("status"));
    }

    [Fact]
    public async Task Missing_license_monitor_leaves_only_unpublished_copies()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Now = Now });
        site.Store.SetLicenseMonitor(LicenseMonitorState.Missing);
        using var client = SiteClient.Qrs(site);

        var apps = (await client.QrsGetAsync("/qrs/app/full", "name sw 'License Monitor'")).Body;

        Assert.Equal(["License Monitor", "License Monitor_17.6.1.0"], apps.Select(app => app.Value<string>("name")).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(apps, app => Assert.False(app.Value<bool>("published")));
        Assert.Empty((await client.QrsGetAsync("/qrs/reloadtask/full")).Body);
    }

    [Fact]
    public async Task Service_cluster_names_the_archived_logs_share()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);

        var cluster = Assert.Single((await client.QrsGetAsync("/qrs/servicecluster/full")).Body);

        Assert.Equal(@"\\qlikserver1\QlikShare\ArchivedLogs", cluster["settings"]["sharedPersistenceProperties"].Value<string>("archivedLogsRootFolder"));
    }

    [Fact]
    public async Task Seed_has_the_cases_the_module_needs()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Now = Now });
        var store = site.Store;
        var allocations = store.All(QrsTypes.ProfessionalAccessType).Concat(store.All(QrsTypes.AnalyzerAccessType)).ToArray();

        Assert.InRange(store.Count(QrsTypes.User), 25, 35);
        Assert.NotNull(store.FindUser("DOMAIN", "administrator"));
        Assert.Equal("c85d8ce4-b05e-467c-9810-e1a339318819", store.FindUser("DOMAIN", "administrator").Value<string>("id"));
        Assert.Contains(allocations, a => a["user"].Type == JTokenType.Null && a.Value<bool>("quarantined") && a.Value<string>("deletedUserId") == "gone.user");
        Assert.Contains(allocations, a => a.Value<string>("lastUsed") == QrsDates.Never);
        Assert.Contains(allocations, a => a.Value<bool>("quarantined") && a["user"].Type != JTokenType.Null);
        Assert.Contains(allocations, a => a["user"].Type != JTokenType.Null &&
                                          store.Find(QrsTypes.User, Guid.Parse(a["user"].Value<string>("id"))).Value<bool>("blacklisted"));
        Assert.Contains(store.All(QrsTypes.User), u => u["attributes"].Any(a => a.Value<string>("attributeType") == "memberOf"));
        Assert.Equal(25, store.ProfessionalTotal);
        Assert.Equal(50, store.AnalyzerTotal);
    }

    [Fact]
    public async Task Users_are_created_updated_and_deleted_with_their_allocations()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Now = Now });
        using var client = SiteClient.Qrs(site);

        var created = await client.QrsSendAsync(HttpMethod.Post, "/qrs/user", new JObject { ["userDirectory"] = "CORP", ["userId"] = "new.user", ["name"] = "New User" });
        var duplicate = await client.QrsSendAsync(HttpMethod.Post, "/qrs/user", new JObject { ["userDirectory"] = "corp", ["userId"] = "NEW.USER" });
        var update = (JObject)created.Body.DeepClone();
        update["removedExternally"] = true;
        var updated = await client.QrsSendAsync(HttpMethod.Put, $"/qrs/user/{created.Body["id"]}", update);
        var tstark = site.Store.FindUser("CORP", "tstark");
        var deleted = await client.QrsSendAsync(HttpMethod.Delete, $"/qrs/user/{tstark["id"]}");
        var orphan = (await client.QrsGetAsync("/qrs/license/professionalaccesstype/full", "deletedUserId eq 'tstark'")).Body.Single();

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(@"INTERNAL\sa_api", created.Body.Value<string>("modifiedByUserName"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.True(updated.Body.Value<bool>("inactive"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(JTokenType.Null, orphan["user"].Type);
        Assert.True(orphan.Value<bool>("quarantined"));
        Assert.Equal("CORP", orphan.Value<string>("deletedUserDirectory"));
    }

    [Fact]
    public async Task License_rule_is_an_access_group_and_a_system_rule()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);

        var rules = (await client.QrsGetAsync("/qrs/systemrule/full", "category eq 'License'")).Body;
        var rule = Assert.Single(rules);
        var groupId = rule.Value<string>("resourceFilter").Split('_')[1];
        var group = await client.QrsGetAsync($"/qrs/license/analyzeraccessgroup/{groupId}");
        var deleteGroup = await client.QrsSendAsync(HttpMethod.Delete, $"/qrs/license/analyzeraccessgroup/{groupId}");

        Assert.StartsWith("License.AnalyzerAccessGroup_", rule.Value<string>("resourceFilter"));
        Assert.Equal("((user.group=\"Sales\"))", rule.Value<string>("rule"));
        Assert.Equal("Sales analyzers", group.Body.Value<string>("name"));
        Assert.Equal(HttpStatusCode.NoContent, deleteGroup.Status);
    }

    [Fact]
    public async Task License_endpoint_and_count_with_filter()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);

        var license = await client.QrsGetAsync("/qrs/license");
        var count = await client.QrsGetAsync("/qrs/license/professionalaccesstype/count", "quarantined eq true");

        Assert.False(license.Body.Value<bool>("isExpired"));
        Assert.Equal(site.Store.All(QrsTypes.ProfessionalAccessType).Count(a => a.Value<bool>("quarantined")), count.Body.Value<int>("value"));
    }
}
