using System.Net;
using Newtonsoft.Json.Linq;
using Xunit;

namespace QlikLicense.Simulator.Tests;

/// <summary>The simulated site's licence models: tokens (passes, their quarantine, login access groups) and analyzer capacity.</summary>
public class LicenseModelTests
{
    private static readonly DateTime Now = new(2026, 11, 12, 12, 0, 0, DateTimeKind.Utc);

    private static Task<SimulatedSite> StartAsync(LicenseModelKind model) => SimulatedSite.StartAsync(new SiteOptions { Now = Now, LicenseModel = model });

    /// <summary>An allocation's POST body: the condensed user Qlik's description requires.</summary>
    private static JObject Body(JObject user) =>
        new() { ["user"] = new JObject { ["id"] = user["id"], ["userId"] = user["userId"], ["userDirectory"] = user["userDirectory"] } };

    private static JObject Pass(SimulatedSite site, string userId) =>
        site.Store.All(QrsTypes.UserAccessType).Single(pass => (pass["user"] as JObject)?.Value<string>("userId") == userId);

    [Fact]
    public async Task A_token_site_holds_the_seed_as_passes_and_no_seats()
    {
        await using var site = await StartAsync(LicenseModelKind.Token);
        using var client = SiteClient.Qrs(site);

        var overview = (JObject)(await client.QrsGetAsync("/qrs/license/accesstypeoverview")).Body;
        var passes = site.Store.All(QrsTypes.UserAccessType);

        Assert.Equal(0, site.Store.Count(QrsTypes.ProfessionalAccessType) + site.Store.Count(QrsTypes.AnalyzerAccessType));
        Assert.False(overview["professionalAccess"]!.Value<bool>("enabled"));
        Assert.True(overview.Value<bool>("tokensEnabled"));
        var quarantined = passes.Count(pass => pass.Value<bool>("quarantined"));
        Assert.Equal(passes.Count - quarantined, overview["userAccess"]!.Value<int>("allocatedTokens"));
        Assert.Equal(quarantined, overview["userAccess"]!.Value<int>("quarantinedTokens"));
        Assert.Equal(overview.Value<int>("totalTokens") - passes.Count - 5, overview.Value<int>("availableTokens"));
        Assert.All(passes, pass => Assert.Null(pass["excess"]));
        Assert.Contains(site.Store.All(QrsTypes.SystemRule), rule => rule.Value<string>("resourceFilter")!.StartsWith("License.UserAccessGroup_"));
    }

    [Theory]
    [InlineData(PassQuarantine.FromLastUse, 6)]
    [InlineData(PassQuarantine.FromRelease, 7)]
    public async Task A_pass_used_this_week_is_quarantined_as_the_chosen_reading_says(PassQuarantine reading, int daysLeft)
    {
        await using var site = await StartAsync(LicenseModelKind.Token);
        site.Store.PassQuarantine = reading;
        using var client = SiteClient.Qrs(site);
        var jdoe = Pass(site, "jdoe");
        var free = site.Store.TotalTokens - site.Store.Count(QrsTypes.UserAccessType) - 5;

        var deleted = await client.QrsSendAsync(HttpMethod.Delete, "/qrs/license/useraccesstype/" + jdoe.Value<string>("id"));
        var overview = (JObject)(await client.QrsGetAsync("/qrs/license/accesstypeoverview")).Body;

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        var after = Pass(site, "jdoe");
        Assert.True(after.Value<bool>("quarantined"));
        Assert.Equal(QrsDates.Format(Now.AddDays(daysLeft)), after.Value<string>("quarantineEnd"));
        // The quarantined pass still holds its token.
        Assert.Equal(free, overview.Value<int>("availableTokens"));
        site.Store.Clock.Advance(TimeSpan.FromDays(daysLeft) + TimeSpan.FromMinutes(1));
        Assert.Empty(site.Store.All(QrsTypes.UserAccessType).Where(pass => (pass["user"] as JObject)?.Value<string>("userId") == "jdoe"));
    }

    [Fact]
    public async Task A_pass_not_used_this_week_frees_its_token_at_once_and_a_pass_needs_a_free_token()
    {
        await using var site = await StartAsync(LicenseModelKind.Token);
        using var client = SiteClient.Qrs(site);
        var free = site.Store.TotalTokens - site.Store.Count(QrsTypes.UserAccessType) - 5;
        var newcomers = Enumerable.Range(1, free + 2).Select(index => site.Store.AddUser("CORP", "new" + index, "New " + index)).ToList();

        await client.QrsSendAsync(HttpMethod.Delete, "/qrs/license/useraccesstype/" + Pass(site, "bwayne").Value<string>("id"));
        var answers = new List<HttpStatusCode>();
        foreach (var user in newcomers)
            answers.Add((await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/useraccesstype", Body(user))).Status);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, free + 1).Append(HttpStatusCode.BadRequest), answers);
    }

    [Fact]
    public async Task A_pass_costs_the_overview_token_cost()
    {
        await using var site = await StartAsync(LicenseModelKind.Token);
        site.Store.UserAccessTokenCost = 2;
        site.Store.SetTokens(site.Store.Count(QrsTypes.UserAccessType) * 2 + 5 + 3);
        using var client = SiteClient.Qrs(site);
        var first = site.Store.AddUser("CORP", "first", "First");
        var second = site.Store.AddUser("CORP", "second", "Second");

        var overview = (JObject)(await client.QrsGetAsync("/qrs/license/accesstypeoverview")).Body;
        var one = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/useraccesstype", Body(first));
        var two = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/useraccesstype", Body(second));

        Assert.Equal(2.0, overview["userAccess"]!.Value<double>("tokenCost"));
        Assert.Equal(3, overview.Value<int>("availableTokens"));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest), (one.Status, two.Status));
    }

    [Fact]
    public async Task Login_access_groups_count_passes_used_in_the_last_28_days()
    {
        await using var site = await StartAsync(LicenseModelKind.Token);
        using var client = SiteClient.Qrs(site);

        var groups = ((JArray)(await client.QrsGetAsync("/qrs/license/loginaccesstype/full")).Body).Cast<JObject>().ToDictionary(group => group.Value<string>("name")!);
        site.Store.Clock.Advance(TimeSpan.FromDays(21));
        var later = ((JArray)(await client.QrsGetAsync("/qrs/license/loginaccesstype/full")).Body).Cast<JObject>().ToDictionary(group => group.Value<string>("name")!);

        Assert.Equal((1, 10, 10, 0), Counts(groups[LicenseModelSeed.ContractorsGroup]));
        Assert.Equal((2, 20, 6, 14), Counts(groups[LicenseModelSeed.OccasionalGroup]));
        Assert.Equal(0, groups[LicenseModelSeed.OldProjectGroup].Value<int>("usedAccessTypes"));
        // Three weeks on, the passes used more than 28 days ago are back.
        Assert.Equal((1, 10, 8, 2), Counts(later[LicenseModelSeed.ContractorsGroup]));
        var usage = (JArray)(await client.QrsGetAsync("/qrs/license/loginaccessusage/full", "useStartTime ge '" + QrsDates.Format(site.Store.Clock.UtcNow.AddDays(-28)) + "'")).Body;
        Assert.All(usage, use => Assert.NotNull(use["loginAccessType"]?["id"]));
    }

    private static DateTime Date(JToken json, string property) => QrsDates.TryParse(json.Value<string>(property), out var date) ? date : throw new FormatException(property);

    private static (int, int, int, int) Counts(JObject group) =>
        (group.Value<int>("assignedTokens"), group.Value<int>("assignedAccessTypes"), group.Value<int>("usedAccessTypes"), group.Value<int>("remainingAccessTypes"));

    [Fact]
    public async Task Analyzer_capacity_counts_six_minute_units_used_this_month()
    {
        await using var site = await StartAsync(LicenseModelKind.Capacity);
        using var client = SiteClient.Qrs(site);

        var overview = (JObject)(await client.QrsGetAsync("/qrs/license/accesstypeoverview")).Body;
        var usage = (JArray)(await client.QrsGetAsync("/qrs/license/analyzertimeaccessusage/full", "useStartTime ge '" + QrsDates.Format(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)) + "'")).Body;

        Assert.Equal(0, site.Store.Count(QrsTypes.AnalyzerAccessType));
        Assert.True(site.Store.Count(QrsTypes.ProfessionalAccessType) > 0);
        Assert.True(overview["analyzerTimeAccess"]!.Value<bool>("enabled"));
        Assert.Equal(LicenseModelSeed.CapacityMinutes, overview["analyzerTimeAccess"]!.Value<int>("allocatedMinutes"));
        var expected = usage.Sum(use => (int)Math.Ceiling((Date(use, "useStopTime") - Date(use, "useStartTime")).TotalMinutes / 6) * 6);
        Assert.Equal(expected, overview["analyzerTimeAccess"]!.Value<int>("usedMinutes"));
        Assert.Contains(usage, use => use["user"]!.Value<string>("userId") == "asmith");
    }

    [Fact]
    public async Task A_mixed_site_runs_seats_tokens_and_capacity_at_once()
    {
        await using var site = await StartAsync(LicenseModelKind.Mixed);
        using var client = SiteClient.Qrs(site);

        var overview = (JObject)(await client.QrsGetAsync("/qrs/license/accesstypeoverview")).Body;

        foreach (var block in new[] { "professionalAccess", "analyzerAccess", "userAccess", "loginAccess", "analyzerTimeAccess" })
            Assert.True(overview[block]!.Value<bool>("enabled"), block);
        Assert.Equal(4, site.Store.Count(QrsTypes.UserAccessType));
        Assert.Equal(4, site.Store.Count(QrsTypes.LoginAccessType));
    }
}
