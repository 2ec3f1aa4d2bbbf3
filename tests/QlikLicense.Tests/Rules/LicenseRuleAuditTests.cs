using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Rules;
using Xunit;
using QlikLicense.Simulator;

namespace QlikLicense.Tests.Rules;

public sealed class LicenseRuleAuditTests : IAsyncLifetime
{
    private SimulatedSite site;
    private QlikConnection connection;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync();
        connection = SimulatedConnection.To(site);
    }

    public async Task DisposeAsync()
    {
        connection.Dispose();
        await site.DisposeAsync();
    }

    private Guid[] UsersInGroup(string group) => site.Store.All(QrsTypes.User)
        .Where(user => (user["attributes"] as JArray ?? []).Any(attribute => attribute.Value<string>("attributeValue") == group))
        .Select(user => Guid.Parse(user.Value<string>("id")))
        .OrderBy(id => id)
        .ToArray();

    [Fact]
    public async Task One_audit_call_maps_each_granted_user_to_the_enabled_rules_granting_the_type()
    {
        site.Store.AddLicenseRule(AccessKind.Analyzer, "Finance analyzers", "user.group=\"Finance\"");
        site.Store.AddLicenseRule(AccessKind.Analyzer, "Old finance rule", "user.group=\"Finance\"", disabled: true);
        site.Store.AddLicenseRule(AccessKind.Professional, "IT pros", "user.group=\"IT\"");
        site.Requests.Clear();

        var granting = await LicenseRuleAudit.FindGrantingRulesAsync(connection.Client(), LicenseAccessType.Analyzer, SimulatedConnection.Call);

        Assert.Equal(1, site.Requests.Count());
        Assert.Equal(UsersInGroup("Sales").Union(UsersInGroup("Finance")).OrderBy(id => id), granting.Select(user => user.Key).OrderBy(id => id));
        var salesAndFinance = Assert.Single(UsersInGroup("Sales").Intersect(UsersInGroup("Finance")));
        Assert.Equal(["Finance analyzers", "Sales analyzers"], granting[salesAndFinance].ToArray());
        Assert.DoesNotContain(granting.SelectMany(names => names), name => name is "Old finance rule" or "IT pros");
        Assert.Empty(granting[Guid.NewGuid()]);
    }

    [Fact]
    public async Task A_type_without_enabled_rules_grants_nobody()
    {
        site.Store.AddLicenseRule(AccessKind.Professional, "Disabled pros", "true", disabled: true);

        var granting = await LicenseRuleAudit.FindGrantingRulesAsync(connection.Client(), LicenseAccessType.Professional, SimulatedConnection.Call);

        Assert.Empty(granting);
    }

    [Fact]
    public async Task A_user_filter_narrows_the_users_evaluated()
    {
        var granting = await LicenseRuleAudit.FindGrantingRulesAsync(connection.Client(), LicenseAccessType.Analyzer, SimulatedConnection.Call,
            QrsFilter.Equal("inactive", true));

        var inactiveSales = site.Store.All(QrsTypes.User)
            .Where(user => user.Value<bool>("inactive") && UsersInGroup("Sales").Contains(Guid.Parse(user.Value<string>("id"))))
            .Select(user => Guid.Parse(user.Value<string>("id"))).OrderBy(id => id).ToArray();
        Assert.NotEmpty(inactiveSales);
        Assert.Equal(inactiveSales, granting.Select(user => user.Key).OrderBy(id => id));
    }

    [Fact]
    public async Task Audit_of_one_access_group_names_only_its_rule_and_preview_evaluates_unsaved_text()
    {
        var finance = site.Store.AddLicenseRule(AccessKind.Analyzer, "Finance analyzers", "user.group=\"Finance\"");
        var rule = LicenseRuleResources.RuleFrom(finance);

        var audit = await LicenseRuleAudit.AuditAsync(connection.Client(), LicenseAccessType.Analyzer, rule.AccessGroupId, SimulatedConnection.Call);
        var preview = await LicenseRuleAudit.PreviewAsync(connection.Client(), LicenseAccessType.Analyzer, "user.group=\"Press\"", rule.ResourceFilter, SimulatedConnection.Call);

        Assert.Equal(UsersInGroup("Finance"), audit.MatchedUsers().Select(user => user.Id).OrderBy(id => id));
        Assert.All(audit.Matches, grant => Assert.Equal("Finance analyzers", grant.RuleName));
        Assert.Equal(UsersInGroup("Press"), preview.MatchedUsers().Select(user => user.Id).OrderBy(id => id));
        Assert.Equal(1, preview.ResourceCount);
        Assert.Empty(preview.Failures);
    }
}
