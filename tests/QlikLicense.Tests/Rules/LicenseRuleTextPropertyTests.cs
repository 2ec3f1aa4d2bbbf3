using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;
using SiteRule = QlikLicense.Simulator.Rules.LicenseRule;

namespace QlikLicense.Tests.Rules;

/// <summary>
/// Any rule text the module writes for a decision parses back, in the simulated site's rule language, to what it
/// meant: a rule for a group grants exactly that group's members, a group added to a rule grants its members too and
/// nobody else, and users left out of any rule are exactly the ones no longer granted. Groups and users are any
/// text a rule can quote (no double quote), with the rule language's own words, spaces and brackets in them.
/// </summary>
public sealed class LicenseRuleTextPropertyTests
{
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(RuleTextArbitraries) })]
    public Property A_rule_for_groups_grants_exactly_their_members(RuleSite site)
    {
        var groups = site.Groups.Take(1 + site.Users.Count % site.Groups.Count).ToList();
        var text = groups.Skip(1).Aggregate(LicenseRuleText.ForGroup(groups[0]), LicenseRuleText.WithGroup);

        var granted = site.Granted(text);
        var members = site.Users.Where(user => user.Groups.Intersect(groups, StringComparer.OrdinalIgnoreCase).Any()).Select(user => user.Name);

        return (granted.SetEquals(members)
                && LicenseRuleText.GrantsGroupsOnly(text)
                && LicenseRuleText.NamedGroups(text).SequenceEqual(groups.Distinct(StringComparer.OrdinalIgnoreCase)))
            .Label($"rule {text} granted [{string.Join(", ", granted)}]");
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(RuleTextArbitraries) })]
    public Property Users_left_out_of_any_rule_are_exactly_the_ones_it_no_longer_grants(RuleSite site, RuleExpression rule, int seed)
    {
        var leftOut = site.Users.Where((_, index) => (seed >> (index % 31) & 1) == 1).Select(user => user.Name).ToList();

        var text = LicenseRuleText.WithoutUsers(rule.Text, leftOut);

        var expected = new HashSet<UserName>(site.Granted(rule.Text), UserName.Comparer);
        expected.ExceptWith(leftOut);
        return site.Granted(text).SetEquals(expected).Label($"rule {text}");
    }
}

public sealed record RuleUser(UserName Name, IReadOnlyList<string> Groups)
{
    public JObject Json => new()
    {
        ["userDirectory"] = Name.UserDirectory,
        ["userId"] = Name.UserId,
        ["attributes"] = new JArray(Groups.Select(group => new JObject { ["attributeType"] = "Group", ["attributeValue"] = group })),
    };
}

/// <summary>The users of a site (distinct names) and the groups they can be in.</summary>
public sealed record RuleSite(IReadOnlyList<RuleUser> Users, IReadOnlyList<string> Groups)
{
    /// <summary>Whom the text grants on the simulated site (it must parse).</summary>
    public HashSet<UserName> Granted(string text)
    {
        var rule = SiteRule.Parse(text);
        return new HashSet<UserName>(Users.Where(user => rule.Evaluate(user.Json)).Select(user => user.Name), UserName.Comparer);
    }

    public override string ToString() =>
        $"groups [{string.Join(" | ", Groups)}]; users [{string.Join("; ", Users.Select(user => $"{user.Name.UserDirectory}\\{user.Name.UserId} in {string.Join(" | ", user.Groups)}"))}]";
}

/// <summary>A rule text as an administrator may have written it: conditions, !, and/or, brackets, any spacing.</summary>
public sealed record RuleExpression(string Text)
{
    public override string ToString() => Text;
}

public static class RuleTextArbitraries
{
    private static readonly Gen<string> Names = Gen.Choose(1, 10).SelectMany(length => Gen.ArrayOf(Gen.Frequency(
            (6, Gen.Elements("abcdefgxyzABC0123".ToCharArray())),
            (3, Gen.Elements(" ()'\\=!*.,&@_-".ToCharArray())),
            (1, Gen.Elements('é', 'ü', '中'))), length))
        .Select(characters => new string(characters))
        .SelectMany(text => Gen.Elements(text, text, " or ", "and", ")) or ((", "user.group=", text + "*"));

    public static Arbitrary<RuleSite> Sites()
    {
        var gen =
            from groups in Gen.Choose(1, 5).SelectMany(count => Gen.ListOf(Names, count))
            let groupList = groups.Distinct(StringComparer.OrdinalIgnoreCase).ToArray()
            from users in Gen.Choose(1, 10).SelectMany(count => Gen.ListOf(
                from directory in Names from id in Names from member in Gen.SubListOf(groupList) select new RuleUser(new UserName(directory, id), member.ToList()), count))
            select new RuleSite(users.GroupBy(user => user.Name, UserName.Comparer).Select(same => same.First()).ToList(), groupList);
        return gen.ToArbitrary();
    }

    public static Arbitrary<RuleExpression> Expressions() => Gen.Sized(size => Expression(Math.Min(size, 12))).Select(text => new RuleExpression(text)).ToArbitrary();

    private static Gen<string> Expression(int size)
    {
        var space = Gen.Elements("", " ", "  ");
        var condition =
            from property in Gen.Elements("user.group", "user.userId", "user.userDirectory", "user.name")
            from op in Gen.Elements("=", "!=", " like ")
            from value in Names
            from before in space
            from after in space
            select $"{property}{before}{op}{after}\"{value}\"";
        var leaf = Gen.Frequency((8, condition), (1, Gen.Elements("true", "false")));
        if (size <= 1) return leaf;
        var smaller = Expression(size / 2);
        return Gen.Frequency(
            (3, leaf),
            (2, from left in smaller from op in Gen.Elements(" and ", " or ", " AND ") from right in smaller select left + op + right),
            (2, from inner in smaller from outer in space select "(" + outer + inner + outer + ")"),
            (1, from inner in smaller select "!(" + inner + ")"));
    }
}
