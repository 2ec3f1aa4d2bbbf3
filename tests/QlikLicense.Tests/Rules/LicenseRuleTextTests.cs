using QlikLicense.Model;
using QlikLicense.Rules;
using Xunit;
using SiteRule = QlikLicense.Simulator.Rules.LicenseRule;

namespace QlikLicense.Tests.Rules;

/// <summary>The edges of reading and writing rule text that the properties rarely reach (each killed a surviving mutant).</summary>
public sealed class LicenseRuleTextTests
{
    [Fact]
    public void The_rule_language_is_read_without_regard_to_case()
    {
        Assert.Equal(new[] { "Sales", "ops" }, LicenseRuleText.NamedGroups("USER.GROUP = \"Sales\" or User.Group=\"ops\" or user.group=\"SALES\""));
        Assert.True(LicenseRuleText.GrantsGroupsOnly("((User.Group=\"A\" OR USER.GROUP=\"B\"))"));
        Assert.True(LicenseRuleText.NamesGroup("((user.group=\"Sales\"))", "sales"));
    }

    [Fact]
    public void No_rule_text_names_no_group_and_grants_no_group()
    {
        Assert.Empty(LicenseRuleText.NamedGroups(null));
        Assert.False(LicenseRuleText.GrantsGroupsOnly(null));
    }

    [Theory]
    [InlineData("\"quoted\"", false)]
    [InlineData("say \"hi\"", false)]
    [InlineData("o'brien (EU)", true)]
    public void Only_text_without_a_double_quote_can_be_quoted(string value, bool quotable) =>
        Assert.Equal(quotable, LicenseRuleText.CanQuote(value));

    [Fact]
    public void Brackets_inside_quoted_names_do_not_decide_whether_a_rule_is_one_bracketed_whole()
    {
        // Counted without regard to quotes, the brackets would pair up to enclose the whole text, and "and" would bind to the second part only.
        var text = LicenseRuleText.WithoutUsers("(user.group=\"(\") or (user.group=\")\")", new[] { new UserName("CORP", "jdoe") });

        var rule = SiteRule.Parse(text);
        Assert.False(rule.Evaluate(RuleUserJson("CORP", "jdoe", "(")), text);
        Assert.False(rule.Evaluate(RuleUserJson("CORP", "jdoe", ")")), text);
        Assert.True(rule.Evaluate(RuleUserJson("CORP", "anna", "(")), text);
    }

    [Fact]
    public void A_rule_whose_brackets_do_not_close_still_gets_users_left_out_in_brackets_of_its_own() =>
        Assert.Equal("((user.group=\"A\") and (user.userDirectory!=\"CORP\" or user.userId!=\"jdoe\")",
            LicenseRuleText.WithoutUsers("(user.group=\"A\"", new[] { new UserName("CORP", "jdoe") }));

    private static Newtonsoft.Json.Linq.JObject RuleUserJson(string directory, string userId, string group) =>
        new RuleUser(new UserName(directory, userId), new[] { group }).Json;
}
