using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Rules;
using Xunit;

namespace QlikLicense.Simulator.Tests;

public class LicenseRuleTests
{
    private static readonly JObject User = JObject.Parse("""
        {"id":"7c1e2a10-0000-4000-8000-000000000001","userId":"jdoe","userDirectory":"CORP","name":"John Doe",
         "attributes":[{"attributeType":"Group","attributeValue":"Sales"},{"attributeType":"memberOf","attributeValue":"CN=IT,OU=Groups"},
                       {"attributeType":"email","attributeValue":"jdoe@corp.example"}]}
        """);

    [Theory]
    [InlineData("((user.group=\"Sales\"))", true)]
    [InlineData("user.group = \"sales\"", true)]
    [InlineData("user.group=\"CN=IT,OU=Groups\"", true)]
    [InlineData("user.group=\"Finance\"", false)]
    [InlineData("user.userDirectory=\"CORP\" and user.userId like \"j*\"", true)]
    [InlineData("user.name like \"*DOE\"", true)]
    [InlineData("user.name like \"J?hn*\"", false)]
    [InlineData("user.@email like \"*@corp.example\"", true)]
    [InlineData("user.email = \"jdoe@corp.example\"", true)]
    [InlineData("user.group=\"Finance\" or user.group=\"Sales\" and user.userId=\"x\"", false)]
    [InlineData("(user.group=\"Finance\" or user.group=\"Sales\") and user.userId=\"jdoe\"", true)]
    [InlineData("!(user.userDirectory=\"INTERNAL\")", true)]
    [InlineData("user.userDirectory!=\"INTERNAL\"", true)]
    [InlineData("true", true)]
    public void Evaluates_the_rule_language_subset(string rule, bool expected) =>
        Assert.Equal(expected, LicenseRule.Parse(rule).Evaluate(User));

    [Theory]
    [InlineData("user.group=")]
    [InlineData("user.group==\"x\"")]
    [InlineData("(user.group=\"x\"")]
    [InlineData("user.group=\"x")]
    [InlineData("resource.name=\"x\"")]
    [InlineData("user.group contains \"x\"")]
    public void Rejects_broken_rules(string rule) => Assert.Throws<LicenseRuleException>(() => LicenseRule.Parse(rule));

    [Fact]
    public async Task Audit_preview_lists_the_users_a_rule_would_grant()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);
        var group = await client.QrsSendAsync(HttpMethod.Post, "/qrs/license/professionalaccessgroup", new JObject { ["name"] = "Finance pros" });
        var groupId = group.Body.Value<string>("id");

        var preview = await client.QrsSendAsync(HttpMethod.Post, "/qrs/systemrule/license/audit/preview", new JObject
        {
            ["resourceType"] = "License.ProfessionalAccessGroup",
            ["resourceFilter"] = "License.ProfessionalAccessGroup_" + groupId,
            ["ruleConditions"] = "((user.group=\"Finance\"))",
            ["actions"] = 1,
        });

        Assert.Equal(HttpStatusCode.Created, group.Status);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var expected = site.Store.All(QrsTypes.User)
            .Where(user => user["attributes"].Any(a => a.Value<string>("attributeValue") == "Finance"))
            .Select(user => user.Value<string>("id")).OrderBy(id => id).ToArray();
        var granted = preview.Body["ruleApplication"].Where(a => a.Value<bool>("allowed")).Select(a => a.Value<string>("userID")).OrderBy(id => id).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, granted);
        Assert.All(preview.Body["ruleApplication"], a => Assert.Equal(groupId, a.Value<string>("resourceID")));
        Assert.Equal("Finance pros", preview.Body["resources"][groupId].Value<string>("name"));
        Assert.Equal("Conor O'Brien", preview.Body["users"]["7c1e2a10-0000-4000-8000-000000000003"].Value<string>("name"));
    }

    [Fact]
    public async Task Audit_evaluates_enabled_license_rules_only()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);
        site.Store.AddLicenseRule(AccessKind.Professional, "Disabled IT", "user.group=\"IT\"", disabled: true);

        var audit = await client.QrsSendAsync(HttpMethod.Post, "/qrs/systemrule/license/audit",
            new JObject { ["resourceType"] = "License.AnalyzerAccessGroup", ["userFilter"] = "userDirectory eq 'CORP EU'" });
        var all = await client.QrsSendAsync(HttpMethod.Post, "/qrs/systemrule/license/audit", new JObject());

        var rule = Assert.Single(((JObject)audit.Body["rules"]).Properties()).Value;
        Assert.Equal("Sales analyzers", rule.Value<string>("name"));
        var users = ((JObject)audit.Body["users"]).Properties().Select(p => p.Value.Value<string>("userId")).OrderBy(id => id).ToArray();
        Assert.Equal(["françois.dupont", "kschmidt", "zoë.müller"], users);
        Assert.Single(((JObject)all.Body["rules"]).Properties());
    }

    [Fact]
    public async Task Audit_resource_filter_is_a_qrs_filter_over_the_access_groups()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);
        var finance = site.Store.AddLicenseRule(AccessKind.Analyzer, "Finance analyzers", "user.group=\"Finance\"");
        var financeGroupId = finance.Value<string>("resourceFilter").Split('_')[1];

        var audit = await client.QrsSendAsync(HttpMethod.Post, "/qrs/systemrule/license/audit", new JObject
        {
            ["resourceType"] = "License.AnalyzerAccessGroup",
            ["resourceFilter"] = $"id eq {financeGroupId}",
        });
        var broken = await client.QrsSendAsync(HttpMethod.Post, "/qrs/systemrule/license/audit", new JObject
        {
            ["resourceType"] = "License.AnalyzerAccessGroup",
            ["resourceFilter"] = "License.AnalyzerAccessGroup_*",
        });

        var rule = Assert.Single(((JObject)audit.Body["rules"]).Properties());
        Assert.Equal(finance.Value<string>("id"), rule.Name);
        Assert.All(audit.Body["ruleApplication"], application => Assert.Equal(financeGroupId, application.Value<string>("resourceID")));
        Assert.NotEmpty(audit.Body["ruleApplication"]);
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
    }

    [Fact]
    public async Task Preview_of_a_broken_rule_reports_a_parse_failure()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);
        var groupId = Guid.NewGuid();

        var preview = await client.QrsSendAsync(HttpMethod.Post, "/qrs/systemrule/license/audit/preview", new JObject
        {
            ["resourceFilter"] = $"License.AnalyzerAccessGroup_{groupId}",
            ["ruleConditions"] = "user.group=",
        });

        var application = Assert.Single(preview.Body["ruleApplication"]);
        Assert.Equal("parsefailure", application.Value<string>("evaluationState"));
        Assert.False(application.Value<bool>("allowed"));
    }
}
