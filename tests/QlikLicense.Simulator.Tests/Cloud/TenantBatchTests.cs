using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

public class TenantBatchTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    private static JObject Items(string action, params (string Subject, string Type)[] items) =>
        new() { [action] = new JArray(items.Select(item => new JObject { ["subject"] = item.Subject, ["type"] = item.Type })) };

    [Fact]
    public async Task Add_answers_207_with_a_status_per_item()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        tenant.Store.SetAllotment(CloudLicenseType.Professional, tenant.Store.UnitsUsed(CloudLicenseType.Professional) + 1);
        tenant.Store.AddUser("auth0|second.newcomer", "Second Newcomer", "second@qliksim.example");

        var answer = await client.PostAsync("/api/v1/licenses/assignments/actions/add", Items("add",
            (TenantSeed.DeniedSubject, "professional"),
            ("auth0|second.newcomer", "professional"),
            ("auth0|nobody.here", "analyzer"),
            (TenantSeed.RecentProfessionalSubject, "analyzer"),
            (TenantSeed.InvitedSubject, "fullUser")));

        Assert.Equal(HttpStatusCode.MultiStatus, answer.Status);
        var data = answer.Body["data"]!.Cast<JObject>().ToList();
        Assert.Equal([201, 403, 404, 409, 400], data.Select(item => (int)item["status"]));
        Assert.Equal(TenantStore.NoSeatCode, (string)data[1]["code"]);
        Assert.Equal(TenantStore.NoSeatTitle, (string)data[1]["title"]);
        Assert.Null(data[0]["code"]);
        Assert.Equal(TenantSeed.RecentProfessionalSubject, (string)data[3]["subject"]);
        Assert.All(data.Skip(2), item => Assert.False(string.IsNullOrEmpty((string)item["title"])));
        Assert.Equal(CloudLicenseType.Professional, tenant.Store.FindAssignment(TenantSeed.DeniedSubject)!.Type);
        Assert.Null(tenant.Store.FindAssignment("auth0|second.newcomer"));
    }

    [Fact]
    public async Task Overage_allows_excess_assignments_and_unknown_subjects_can_be_allowed()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        tenant.Store.SetAllotment(CloudLicenseType.Analyzer, tenant.Store.UnitsUsed(CloudLicenseType.Analyzer), overage: 1);
        tenant.Store.AssignUnknownSubjects = true;

        var answer = await client.PostAsync("/api/v1/licenses/assignments/actions/add", Items("add",
            ("other-tenant|someone", "analyzer"), (TenantSeed.DeniedSubject, "analyzer")));

        Assert.Equal([201, 403], answer.Body["data"]!.Select(item => (int)item["status"]));
        Assert.True(tenant.Store.FindAssignment("other-tenant|someone")!.Excess);
        var orphans = await client.GetAsync("/api/v1/licenses/assignments?orphans=true&limit=100");
        Assert.Contains("other-tenant|someone", orphans.Body["data"]!.Select(item => (string)item["subject"]));
    }

    [Fact]
    public async Task Delete_answers_200_or_404_per_item_and_frees_the_seat_at_once()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        var used = tenant.Store.UnitsUsed(CloudLicenseType.Professional);

        var answer = await client.PostAsync("/api/v1/licenses/assignments/actions/delete", Items("delete",
            (TenantSeed.DisabledProfessionalSubject, "professional"),
            (TenantSeed.DisabledProfessionalSubject, "professional"),
            (TenantSeed.DisabledAnalyzerSubject, "professional"),
            ("auth0|nobody.here", "analyzer")));

        Assert.Equal(HttpStatusCode.MultiStatus, answer.Status);
        var data = answer.Body["data"]!.Cast<JObject>().ToList();
        Assert.Equal([200, 404, 404, 404], data.Select(item => (int)item["status"]));
        Assert.All(data.Skip(1), item => Assert.Equal(TenantStore.NotFoundCode, (string)item["code"]));
        Assert.Equal(used - 1, tenant.Store.UnitsUsed(CloudLicenseType.Professional));
        var overview = await client.GetAsync("/api/v1/licenses/overview");
        Assert.Equal(used - 1, (int)overview.Body.SelectToken("allotments[?(@.name=='professional')].unitsUsed")!);
    }

    [Fact]
    public async Task Update_changes_the_type_when_a_seat_is_free()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        var body = new JObject
        {
            ["update"] = new JArray(
                new JObject { ["subject"] = TenantSeed.AnalyzerNeverUsedSubject, ["type"] = "professional", ["sourceType"] = "analyzer" },
                new JObject { ["subject"] = TenantSeed.InvitedSubject, ["type"] = "professional", ["sourceType"] = "analyzer" }),
        };

        var answer = await client.PostAsync("/api/v1/licenses/assignments/actions/update", body);

        Assert.Equal([200, 404], answer.Body["data"]!.Select(item => (int)item["status"]));
        Assert.Equal(CloudLicenseType.Professional, tenant.Store.FindAssignment(TenantSeed.AnalyzerNeverUsedSubject)!.Type);
    }

    [Fact]
    public async Task Malformed_or_oversized_batches_answer_400_and_change_nothing()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        tenant.Store.MaxBatchSize = 2;
        var before = tenant.Store.Assignments().Count;

        var tooMany = await client.PostAsync("/api/v1/licenses/assignments/actions/delete", Items("delete",
            (TenantSeed.DisabledProfessionalSubject, "professional"), (TenantSeed.DisabledAnalyzerSubject, "analyzer"), (TenantSeed.DeletedAnalyzerSubject, "analyzer")));
        var wrongName = await client.PostAsync("/api/v1/licenses/assignments/actions/delete", Items("add", (TenantSeed.DisabledProfessionalSubject, "professional")));
        var notAnObject = await client.SendAsync(HttpMethod.Post, "/api/v1/licenses/assignments/actions/add", new JValue("{"));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.Status);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.Status);
        Assert.Equal(before, tenant.Store.Assignments().Count);
    }

    [Fact]
    public async Task Auto_assignment_settings_are_read_and_changed()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var before = await client.GetAsync("/api/v1/licenses/settings");
        var changed = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", new JObject { ["autoAssignAnalyzer"] = false });
        var wrong = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", new JObject { ["autoAssignAnalyzer"] = "no" });

        Assert.Equal(new JObject { ["autoAssignProfessional"] = false, ["autoAssignAnalyzer"] = true }, before.Body);
        Assert.Equal(new JObject { ["autoAssignProfessional"] = false, ["autoAssignAnalyzer"] = false }, changed.Body);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.False(tenant.Store.AutoAssignAnalyzer);
    }

    [Fact]
    public async Task The_write_ahead_check_refuses_batches_the_journal_does_not_name_yet()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        var journal = Path.Combine(Directory.CreateTempSubdirectory("qliksim-tenant-wal-").FullName, "journal.jsonl");
        tenant.WriteAhead.JournalPath = journal;
        var delete = Items("delete", (TenantSeed.DisabledProfessionalSubject, "professional"), (TenantSeed.OrphanOtherTenantSubject, "professional"));
        File.WriteAllText(journal, new JObject { ["userId"] = TenantSeed.DisabledProfessionalSubject.ToLowerInvariant() } + "\n");

        var early = await client.PostAsync("/api/v1/licenses/assignments/actions/delete", delete);
        File.AppendAllText(journal, new JObject { ["userId"] = TenantSeed.OrphanOtherTenantSubject }.ToString(Newtonsoft.Json.Formatting.None) + "\n");
        var journaled = await client.PostAsync("/api/v1/licenses/assignments/actions/delete", delete);
        var settings = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", new JObject { ["autoAssignAnalyzer"] = false });

        Assert.Equal(HttpStatusCode.InternalServerError, early.Status);
        Assert.Contains("qlik\\\\kalle", tenant.WriteAhead.Violations[0]);
        Assert.Equal(HttpStatusCode.MultiStatus, journaled.Status);
        Assert.Equal([200, 200], journaled.Body["data"]!.Select(item => (int)item["status"]));
        Assert.Equal(HttpStatusCode.InternalServerError, settings.Status);
        Assert.Equal(2, tenant.WriteAhead.Violations.Count);
        Assert.True(tenant.Store.AutoAssignAnalyzer);
    }
}
