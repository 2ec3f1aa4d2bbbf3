using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

public class TenantDataTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Users_of_every_status_are_listed_and_filtered()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var (users, _) = await client.GetAllAsync("/api/v1/users", "?limit=100&filter=" + Uri.EscapeDataString(TenantClient.EveryStatus));
        var (disabled, _) = await client.GetAllAsync("/api/v1/users", "?filter=" + Uri.EscapeDataString("status eq \"disabled\""));
        var (inGroup, _) = await client.GetAllAsync("/api/v1/users",
            "?fields=id,subject&filter=" + Uri.EscapeDataString($"assignedGroups.id eq \"{TenantSeed.Analysts.Id}\" and not (status eq \"invited\")"));

        Assert.Equal(["active", "deleted", "disabled", "invited", "provisioned"], users.Select(user => (string)user["status"]).Distinct().Order());
        // Sorted by name, the users list's default.
        Assert.Equal(new[] { TenantSeed.DisabledProfessionalSubject, TenantSeed.DisabledAnalyzerSubject, TenantSeed.DisabledUnassignedSubject }.Order(),
            disabled.Select(user => (string)user["subject"]).Order());
        Assert.Equal(new[] { TenantSeed.AnalyzerUsed45DaysAgoSubject, TenantSeed.DisabledAnalyzerSubject, TenantSeed.DeniedSubject, TenantSeed.AnalyzerCapacitySubject }.Order(),
            inGroup.Select(user => (string)user["subject"]).Order());
        Assert.All(inGroup, user => Assert.Equal(["id", "subject"], user.Properties().Select(property => property.Name)));
    }

    [Fact]
    public async Task Assignment_subjects_differ_in_case_from_user_subjects()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var assignments = (await client.GetAsync("/api/v1/licenses/assignments?limit=100")).Body["data"]!;
        var filter = Uri.EscapeDataString($"subject eq \"{TenantSeed.DisabledProfessionalSubject.ToLowerInvariant()}\" and status eq \"disabled\"");
        var user = (await client.GetAsync("/api/v1/users?filter=" + filter)).Body["data"]!.Single();

        Assert.Contains(TenantSeed.DisabledProfessionalSubject.ToLowerInvariant(), assignments.Select(item => (string)item["subject"]));
        Assert.DoesNotContain(TenantSeed.DisabledProfessionalSubject, assignments.Select(item => (string)item["subject"]));
        Assert.Equal(TenantSeed.DisabledProfessionalSubject, (string)user["subject"]);
    }

    [Fact]
    public async Task Orphaned_assignments_are_listed_on_request()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var orphans = await client.GetAsync("/api/v1/licenses/assignments?orphans=true");

        Assert.Equal([TenantSeed.OrphanOtherTenantSubject, TenantSeed.OrphanSiteSubject], orphans.Body["data"]!.Select(item => (string)item["subject"]));
    }

    [Fact]
    public async Task Status_and_overview_show_the_licence_and_its_seats()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        tenant.Store.LicenseStatus = "Expired";

        var status = (await client.GetAsync("/api/v1/licenses/status")).Body;
        var overview = (await client.GetAsync("/api/v1/licenses/overview")).Body;

        Assert.Equal("Expired", (string)status["status"]);
        Assert.Equal("Signed", (string)status["type"]);
        Assert.Equal("2026-01-01/2026-12-31", (string)status["valid"]);
        Assert.Equal("Expired", (string)overview["status"]);
        var allotments = overview["allotments"]!.ToDictionary(allotment => (string)allotment["name"]);
        Assert.Equal(["professional", "analyzer", "analyzer_time"], allotments.Keys);
        Assert.Equal(10, (int)allotments["professional"]["units"]);
        Assert.Equal(5, (int)allotments["professional"]["unitsUsed"]);
        Assert.Equal(6, (int)allotments["analyzer"]["unitsUsed"]);
        Assert.Equal(-1, (int)allotments["analyzer_time"]["overage"]);
        Assert.Equal("time", (string)allotments["analyzer_time"]["usageClass"]);
    }

    [Fact]
    public async Task A_capacity_based_tenant_has_no_seats_and_no_auto_assignment()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, Subscription = TenantSubscription.CapacityBased });
        using var client = new TenantClient(tenant);

        var overview = (await client.GetAsync("/api/v1/licenses/overview")).Body;
        var settings = await client.GetAsync("/api/v1/licenses/settings");
        var add = await client.PostAsync("/api/v1/licenses/assignments/actions/add",
            new JObject { ["add"] = new JArray(new JObject { ["subject"] = TenantSeed.DeniedSubject, ["type"] = "analyzer" }) });

        Assert.Empty(overview["allotments"]!);
        Assert.Equal("capacity", (string)overview["licenseType"]);
        Assert.Equal(HttpStatusCode.NotFound, settings.Status);
        Assert.Equal(400, (int)add.Body.SelectToken("data[0].status"));
    }

    [Fact]
    public async Task Consumption_tells_the_last_use_of_a_seat()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        var since = Uri.EscapeDataString($"endTime gt \"{Now.AddDays(-50):yyyy-MM-ddTHH:mm:ssZ}\"");

        var (all, _) = await client.GetAllAsync("/api/v1/licenses/consumption", "?limit=200");
        var (recent, _) = await client.GetAllAsync("/api/v1/licenses/consumption", "?filter=" + since);

        var ahmed = tenant.Store.FindUser(TenantSeed.AnalyzerUsed45DaysAgoSubject)!;
        var lastUse = all.Where(record => (string)record["userId"] == ahmed.Id && (string)record["licenseUsage"] == "ASSIGNED_LICENSE")
            .Max(record => DateTime.Parse((string)record["endTime"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(Now.AddDays(-45), lastUse);
        Assert.DoesNotContain(all, record => (string)record["userId"] == tenant.Store.FindUser(TenantSeed.AnalyzerNeverUsedSubject)!.Id);
        Assert.Contains(all, record => (string)record["licenseUsage"] == "ANALYZER_CAPACITY");
        Assert.All(recent, record => Assert.True(DateTime.Parse((string)record["endTime"]!).ToUniversalTime() > Now.AddDays(-50)));
        Assert.True(recent.Count is > 0 and < 20, $"{recent.Count} of {all.Count}");
        Assert.Equal(["id", "appId", "userId", "endTime", "duration", "sessionId", "allotmentId", "minutesUsed", "capacityUsed", "licenseUsage"],
            all[0].Properties().Select(property => property.Name));
    }

    [Fact]
    public async Task Licence_rejections_are_audit_events_kept_ninety_days_then_in_the_archive()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var (rejections, _) = await client.GetAllAsync("/api/v1/audits", "?eventType=" + AuditEvent.LicenseRejected);
        var archive = await client.GetAsync("/api/v1/audits/archive?date=" + Now.AddDays(-100).ToString("yyyy-MM-dd"));
        var (lastWeek, _) = await client.GetAllAsync("/api/v1/audits",
            $"?eventTime={Uri.EscapeDataString($"{Now.AddDays(-7):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}/{Now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}")}&sort=eventTime");

        Assert.Equal([TenantSeed.DeniedSubject, TenantSeed.DeniedSubject], rejections.Select(audit => (string)audit.SelectToken("data.subject")));
        Assert.True(string.CompareOrdinal((string)rejections[0]["eventTime"], (string)rejections[1]["eventTime"]) > 0, "newest first");
        Assert.Equal(TenantSeed.DeniedLongAgoSubject, (string)archive.Body.SelectToken("data[0].data.subject"));
        Assert.Equal(["analyzer", "No available license for the user.", tenant.Store.LicenseNumber],
            new[] { "type", "message", "license" }.Select(name => (string)rejections[0]["data"]![name]));
        Assert.Equal(lastWeek.Select(audit => (string)audit["eventTime"]).Order(StringComparer.Ordinal), lastWeek.Select(audit => (string)audit["eventTime"]));
        Assert.Contains(lastWeek, audit => (string)audit["eventType"] == AuditEvent.SessionBegun);
    }

    [Fact]
    public void Sign_ins_use_a_seat_get_one_automatically_use_capacity_or_are_rejected()
    {
        var store = new TenantStore(new SiteClock(Now), TenantSubscription.UserBased, 1);
        store.SetAllotment(CloudLicenseType.Professional, 0);
        store.SetAllotment(CloudLicenseType.Analyzer, 1);
        store.AnalyzerTimeUnits = 10;
        store.AnalyzerTimeOverage = 0;
        foreach (var name in new[] { "a", "b", "c", "d" }) store.AddUser("auth0|" + name, name, name + "@qliksim.example");
        store.Assign("auth0|a", CloudLicenseType.Professional);

        Assert.Equal(SignInOutcome.UsedAssignment, store.SignIn("auth0|a"));
        Assert.Equal(SignInOutcome.AutoAssigned, store.SignIn("auth0|b"));
        Assert.Equal(SignInOutcome.UsedAnalyzerCapacity, store.SignIn("auth0|c", TimeSpan.FromMinutes(10)));
        Assert.Equal(SignInOutcome.Rejected, store.SignIn("auth0|d"));
        Assert.Equal(CloudLicenseType.Analyzer, store.FindAssignment("auth0|b")!.Type);
        Assert.Single(store.AuditEvents(), audit => audit.EventType == AuditEvent.LicenseRejected && (string)audit.Data["subject"] == "auth0|d");
    }

    [Fact]
    public void The_generator_is_deterministic_and_gives_every_status()
    {
        static TenantStore Generate(int seed)
        {
            var store = new TenantStore(new SiteClock(Now), TenantSubscription.UserBased, seed);
            TenantGenerator.Populate(store, 2000, seed);
            return store;
        }

        var one = Generate(7);
        var same = Generate(7);
        var other = Generate(8);

        Assert.Equal(one.Users().Select(user => (user.Id, user.Subject, user.Status)), same.Users().Select(user => (user.Id, user.Subject, user.Status)));
        Assert.Equal(one.Consumption().Select(record => (record.UserId, record.EndTime)), same.Consumption().Select(record => (record.UserId, record.EndTime)));
        Assert.NotEqual(one.Users().Select(user => user.Subject), other.Users().Select(user => user.Subject));
        Assert.Equal(Enum.GetValues<TenantUserStatus>().Length, one.Users().Select(user => user.Status).Distinct().Count());
        var professional = one.UnitsUsed(CloudLicenseType.Professional);
        Assert.InRange(professional, 500, 700);
        Assert.InRange(one.Allotment(CloudLicenseType.Professional).Units - professional, professional / 20, professional / 5);
        Assert.Contains(one.AuditEvents(), audit => audit.EventType == AuditEvent.LicenseRejected);
        Assert.Contains(one.AuditEvents(), audit => audit.EventType == AuditEvent.SessionBeginDeprecated);
        Assert.DoesNotContain(one.Users(), user => user.Status == TenantUserStatus.Invited && one.FindAssignment(user.Subject) is not null);
    }
}
