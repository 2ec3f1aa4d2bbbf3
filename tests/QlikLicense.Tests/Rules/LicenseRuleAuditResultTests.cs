using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Rules;
using Xunit;

namespace QlikLicense.Tests.Rules;

/// <summary>Reading audit answers written by hand, for the shapes the simulator does not produce.</summary>
public sealed class LicenseRuleAuditResultTests
{
    private const string Jdoe = "7c1e2a10-0000-4000-8000-000000000001";
    private const string Asmith = "7c1e2a10-0000-4000-8000-000000000002";
    private const string Enabled = "11111111-0000-4000-8000-000000000001";
    private const string Disabled = "11111111-0000-4000-8000-000000000002";
    private const string Professional = "11111111-0000-4000-8000-000000000003";
    private const string Group = "22222222-0000-4000-8000-000000000001";

    private static readonly JObject Answer = JObject.Parse("""
        {"Users":{"@JDOE":{"userId":"jdoe","UserDirectory":"CORP","name":"John Doe"},
                  "@ASMITH":{"userId":"asmith","userDirectory":"CORP","name":"Anna Smith"}},
         "resources":{"@GROUP":{"id":"@GROUP","name":"Sales"}},
         "rules":{"@ENABLED":{"name":"Sales analyzers","disabled":false,"resourceFilter":"License.AnalyzerAccessGroup_@GROUP"},
                  "@DISABLED":{"name":"Old rule","disabled":true,"resourceFilter":"License.AnalyzerAccessGroup_@GROUP"},
                  "@PROFESSIONAL":{"name":"Pros","disabled":false,"resourceFilter":"License.ProfessionalAccessGroup_@GROUP"}},
         "ruleApplication":[
           {"userID":"@JDOE","resourceID":"@GROUP","ruleID":"@ENABLED","allowed":true,"evaluationState":"evaluated"},
           {"userID":"@ASMITH","resourceID":"@GROUP","ruleID":"@ENABLED","allowed":false,"evaluationState":"evaluated"},
           {"UserId":"@ASMITH","resourceID":"@GROUP","RULEID":"@DISABLED","Allowed":"true"},
           {"userID":"@ASMITH","resourceID":"@GROUP","ruleID":"@PROFESSIONAL","allowed":true},
           {"userID":"00000000-0000-0000-0000-000000000000","resourceID":"@GROUP","ruleID":"@ENABLED","allowed":false,
            "errorAt":11,"errorMessage":"A value is missing.","evaluationState":"parsefailure"}]}
        """
        .Replace("@JDOE", Jdoe).Replace("@ASMITH", Asmith).Replace("@ENABLED", Enabled).Replace("@DISABLED", Disabled)
        .Replace("@PROFESSIONAL", Professional).Replace("@GROUP", Group));

    [Fact]
    public void Only_allowed_applications_of_the_asked_type_are_grants_read_case_insensitively()
    {
        var result = LicenseRuleAudit.ReadResult(Answer, LicenseAccessType.Analyzer, QrsPaths.LicenseRuleAudit);

        Assert.Equal(2, result.Matches.Count);
        var jdoe = Assert.Single(result.Matches, grant => grant.User.UserId == "jdoe");
        Assert.Equal(("CORP", "John Doe", "Sales analyzers", false), (jdoe.User.UserDirectory, jdoe.User.Name, jdoe.RuleName, jdoe.RuleDisabled));
        var asmith = Assert.Single(result.Matches, grant => grant.User.UserId == "asmith");
        Assert.True(asmith.RuleDisabled);
        Assert.Equal(1, result.ResourceCount);
    }

    [Fact]
    public void Failures_carry_the_parser_message_and_position()
    {
        var result = LicenseRuleAudit.ReadResult(Answer, LicenseAccessType.Analyzer, QrsPaths.LicenseRuleAudit);

        Assert.Equal("rule 'Sales analyzers': A value is missing. (at character 11)", Assert.Single(result.Failures));
        var error = Assert.Throws<LicenseRuleException>(result.ThrowIfRuleTextFailed);
        Assert.Equal(ProblemKind.LicenseRuleInvalid, error.Kind);
    }

    [Fact]
    public void Granted_users_are_listed_once_each_with_every_rule_that_grants_them()
    {
        var answer = (JObject)Answer.DeepClone();
        ((JArray)answer["ruleApplication"]).Add(new JObject { ["userID"] = Asmith, ["ruleID"] = Enabled, ["allowed"] = true });

        var users = LicenseRuleAudit.ReadResult(answer, LicenseAccessType.Analyzer, QrsPaths.LicenseRuleAudit).MatchedUsers();

        Assert.Equal(["CORP\\asmith", "CORP\\jdoe"], users.Select(user => user.Identity).ToArray());
        Assert.Equal("Old rule, Sales analyzers", users[0].RuleName);
        Assert.All(users, user => Assert.Equal(LicenseAccessType.Analyzer, user.Type));
    }

    [Fact]
    public void An_answer_that_is_not_an_object_is_an_invalid_response()
    {
        var error = Assert.Throws<QrsException>(() => LicenseRuleAudit.ReadResult(new JArray(), LicenseAccessType.Analyzer, QrsPaths.LicenseRuleAudit));

        Assert.Equal(SiteErrorKind.InvalidResponse, error.ErrorKind);
    }

    [Theory]
    [InlineData("License", "License.ProfessionalAccessGroup_" + Group, LicenseAccessType.Professional, Group)]
    [InlineData("license", "license.analyzeraccessgroup_" + Group, LicenseAccessType.Analyzer, Group)]
    [InlineData("License", "License.AnalyzerAccessGroup_*", LicenseAccessType.Analyzer, null)]
    [InlineData("License", "License.UserAccessGroup_" + Group, LicenseAccessType.UserAccess, Group)]
    public void License_rules_are_typed_by_their_resource_filter(string category, string resourceFilter, LicenseAccessType type, string groupId)
    {
        var rule = LicenseRuleResources.RuleFrom(new JObject
        {
            ["id"] = Enabled, ["category"] = category, ["name"] = "r", ["rule"] = "true", ["resourceFilter"] = resourceFilter,
            ["modifiedDate"] = "2026-11-20T10:15:02.123Z", ["modifiedByUserName"] = "CORP\\admin",
        });

        Assert.Equal(type, rule.Type);
        Assert.Equal(groupId == null ? null : Guid.Parse(groupId), rule.AccessGroupId);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 15, 2, 123, DateTimeKind.Utc), rule.ModifiedDate);
        Assert.Equal(DateTimeKind.Utc, rule.ModifiedDate!.Value.Kind);
    }

    [Theory]
    [InlineData("Security", "Stream_*")]
    [InlineData("License", "License.LoginAccessGroup_" + Group)]
    [InlineData("License", "License.LoginAccessType_" + Group)]
    [InlineData("License", "License.AnalyzerTimeAccessType_" + Group)]
    public void Other_system_rules_are_not_license_rules(string category, string resourceFilter) =>
        Assert.Null(LicenseRuleResources.RuleFrom(new JObject { ["id"] = Enabled, ["category"] = category, ["name"] = "r", ["resourceFilter"] = resourceFilter }));

    [Fact]
    public void A_change_describes_only_what_differs_and_compares_rule_text_exactly()
    {
        var rule = new LicenseRule { Name = "Sales", Rule = "user.group=\"Sales\"", Comment = "", Disabled = false };

        Assert.False(new LicenseRuleChange { Rule = "user.group=\"Sales\"", Disabled = false }.ChangesAnything(rule));
        Assert.True(new LicenseRuleChange { Rule = "user.group=\"sales\"" }.ChangesAnything(rule));
        Assert.Equal("name to 'Sales EU', rule text from 'user.group=\"Sales\"' to 'x', disable",
            new LicenseRuleChange { Name = "Sales EU", Rule = "x", Comment = "", Disabled = true }.Describe(rule));
    }

    [Fact]
    public void The_conflict_message_names_who_changed_the_rule_and_when_in_utc()
    {
        var read = new LicenseRule { Name = "Sales", Type = LicenseAccessType.Analyzer, ModifiedDate = new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc) };
        var stored = new LicenseRule { Name = "Sales", ModifiedByUserName = "CORP\\otheradmin", ModifiedDate = new DateTime(2026, 11, 21, 8, 30, 5, 250, DateTimeKind.Utc) };

        var error = LicenseRuleException.Changed(read, stored);

        Assert.Equal(ProblemKind.LicenseRuleChanged, error.Kind);
        Assert.Same(stored, error.Stored);
        Assert.StartsWith("Analyzer license rule 'Sales' was changed by CORP\\otheradmin at 2026-11-21 08:30:05.250 UTC after it was read " +
                          "(the version read is from 2026-11-20 10:00:00.000 UTC). Nothing was written.", error.Message);
    }

    [Fact]
    public void A_granting_rule_the_answer_does_not_describe_is_named_by_its_id()
    {
        var answer = JObject.Parse("""
            {"users":{"@JDOE":{"userId":"jdoe","userDirectory":"CORP","name":"John Doe"}},
             "rules":{},
             "ruleApplication":[{"userID":"@JDOE","resourceID":"@GROUP","ruleID":"@ENABLED","allowed":true}]}
            """
            .Replace("@JDOE", Jdoe).Replace("@ENABLED", Enabled).Replace("@GROUP", Group));

        var granting = LicenseRuleAudit.GrantingRules(LicenseRuleAudit.ReadResult(answer, LicenseAccessType.Analyzer, QrsPaths.LicenseRuleAudit));

        Assert.Equal(new[] { Enabled }, granting[Guid.Parse(Jdoe)]);
    }
}
