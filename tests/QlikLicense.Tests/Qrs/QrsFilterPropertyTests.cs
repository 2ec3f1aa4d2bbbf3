using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Simulator.Filtering;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>
/// Any user id, directory or name the module puts into a QRS filter is read back exactly by the simulated site's
/// filter parser, as the site gets it: the query value URL-decoded, parsed, and evaluated against every user of a
/// population. The filters are those the module sends (the identity filter of a batch of users, the batches
/// themselves, a user filter, an allocation's user, a prefix), and they select exactly the users they name.
/// </summary>
public sealed class QrsFilterPropertyTests
{
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(FilterArbitraries) })]
    public Property The_identity_filter_of_any_users_selects_exactly_them(UserPopulation population)
    {
        var filter = QrsBatches.IdentityFilter(population.Wanted);

        var selected = population.Users.Where(user => SiteMatches(filter, user.Json)).Select(user => user.Name);

        return Same(selected, population.Wanted).Label($"filter {filter}");
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(FilterArbitraries) })]
    public Property The_batches_of_any_users_stay_short_and_together_select_exactly_them(UserPopulation population, PositiveInt repeat)
    {
        // Many users, so that batches split by count and by length.
        var copies = Enumerable.Range(1, 1 + repeat.Get % 8)
            .SelectMany(copy => population.Wanted.Select(name => new UserName(name.UserDirectory + copy, name.UserId + new string('x', copy * 40))));
        var users = population.Users.Concat(copies.Select(name => new PopulationUser(name, "n"))).GroupBy(user => user.Name, UserName.Comparer).Select(same => same.First()).ToList();
        var wanted = population.Wanted.Concat(copies).Distinct(UserName.Comparer).ToList();

        var batches = QrsBatches.Batches(wanted, QrsBatches.IdentityFilter).ToList();
        var selected = users.Where(user => batches.Any(filter => SiteMatches(filter, user.Json))).Select(user => user.Name);

        return (Same(selected, wanted) && batches.All(filter => filter.ToQueryValue().Length <= QrsBatches.MaxFilterLength))
            .Label($"{batches.Count} batches, longest {batches.Max(filter => filter.ToQueryValue().Length)}");
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(FilterArbitraries) })]
    public Property A_user_filter_and_an_allocation_filter_select_the_one_user_named(UserPopulation population)
    {
        var target = population.Wanted[0];
        var userFilter = QrsUserReader.Filter(new UserFilter { UserDirectory = target.UserDirectory, UserId = target.UserId });
        var allocationFilter = QrsFilter.And(QrsFilter.Equal("user.userId", target.UserId), QrsFilter.Equal("user.userDirectory", target.UserDirectory));

        var byUser = population.Users.Where(user => SiteMatches(userFilter, user.Json)).Select(user => user.Name);
        var byAllocation = population.Users.Where(user => SiteMatches(allocationFilter, new JObject { ["user"] = user.Json })).Select(user => user.Name);

        return (Same(byUser, new[] { target }) && Same(byAllocation, new[] { target })).Label($"user filter {userFilter}, allocation filter {allocationFilter}");
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(FilterArbitraries) })]
    public Property A_name_or_prefix_is_read_back_as_the_same_text(UserPopulation population)
    {
        var name = population.Users[0].DisplayName;
        var prefix = name.Substring(0, name.Length / 2);

        var equal = SiteMatches(QrsFilter.Equal("name", name), new JObject { ["name"] = name });
        var startsWith = population.Users.Where(user => SiteMatches(QrsFilter.StartsWith("name", prefix), user.Json)).Select(user => user.DisplayName);

        return (equal && startsWith.SequenceEqual(population.Users.Select(user => user.DisplayName).Where(each => each.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))))
            .Label($"name {name}, prefix {prefix}");
    }

    /// <summary>What the simulated site does with the filter query parameter: decode, parse, evaluate.</summary>
    private static bool SiteMatches(QrsFilter filter, JObject entity) =>
        QrsFilterEvaluator.Matches(QrsFilterParser.Parse(Uri.UnescapeDataString(filter.ToQueryValue())), entity);

    private static bool Same(IEnumerable<UserName> selected, IEnumerable<UserName> expected) =>
        new HashSet<UserName>(selected, UserName.Comparer).SetEquals(expected) && selected.Count() == selected.Distinct(UserName.Comparer).Count();
}

public sealed record PopulationUser(UserName Name, string DisplayName)
{
    public JObject Json => new() { ["userDirectory"] = Name.UserDirectory, ["userId"] = Name.UserId, ["name"] = DisplayName };
}

/// <summary>Users with distinct names (directory and id, regardless of case) and some of them wanted.</summary>
public sealed record UserPopulation(List<PopulationUser> Users, List<UserName> Wanted)
{
    public override string ToString() =>
        $"users [{string.Join(", ", Users.Select(user => user.Name + " '" + user.DisplayName + "'"))}], wanted [{string.Join(", ", Wanted)}]";
}

public static class FilterArbitraries
{
    /// <summary>Text as people and directories name things, with everything a filter or a URL treats specially.</summary>
    private static readonly Gen<string> Texts = Gen.Choose(1, 14).SelectMany(length => Gen.ArrayOf(Gen.Frequency(
            (6, Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray())),
            (4, Gen.Elements("'\\\" ()&%+#?/=,;:.-_@*![]{}".ToCharArray())),
            (1, Gen.Elements('é', 'ß', 'ü', '中', '\u00a0', 'İ'))), length))
        .Select(characters => new string(characters))
        .SelectMany(text => Gen.Elements(text, text + " or userId eq 'x'", "' or ''='", text + "\\"));

    public static Arbitrary<UserPopulation> Populations()
    {
        var user = from directory in Texts from id in Texts from name in Texts select new PopulationUser(new UserName(directory, id), name);
        var gen =
            from users in Gen.Choose(1, 12).SelectMany(count => Gen.ListOf(user, count))
            let distinct = users.GroupBy(each => each.Name, UserName.Comparer).Select(same => same.First()).ToList()
            from wanted in Gen.NonEmptyListOf(Gen.Elements(distinct.ToArray()))
            select new UserPopulation(distinct, wanted.Select(each => each.Name).Distinct(UserName.Comparer).ToList());
        return gen.ToArbitrary();
    }
}
