using QlikLicense.Maintenance.Decisions;
using QlikLicense.Model;
using QlikLicense.Rules;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Decisions;

/// <summary>
/// The decisions made from findings alone (<see cref="LicenseDecisions.Make"/>), without a site: tenants without rules,
/// token passes, seats the licence does not offer, the order of groups and the people each suggestion covers.
/// </summary>
public sealed class DecisionsFromFactsTests
{
    private static LicenseDenial Denied(string userId, params string[] groups) =>
        new() { UserDirectory = "CORP", UserId = userId, UserKey = Guid.NewGuid(), Groups = groups, Count = 1 };

    private static LicenseSummary Seats(LicenseAccessType type, int? available, bool enabled = true, double? tokenCost = null) =>
        new() { Type = type, Enabled = enabled, Total = 100, Available = available, TokenCost = tokenCost };

    private static LicenseRule Rule(string name, LicenseAccessType type, string text, bool disabled = false) =>
        new() { Id = Guid.NewGuid(), Name = name, Type = type, Rule = text, Disabled = disabled };

    private static LicenseDecisions Decide(LicenseDecisionFacts facts, LicenseDecisionOptions options = null) =>
        LicenseDecisions.Make(facts, options ?? new LicenseDecisionOptions());

    [Theory]
    [InlineData(null, null, "unknown here (the tenant did not answer its settings)")]
    [InlineData(true, true, "on for Professional, then Analyzer")]
    [InlineData(false, true, "on for Analyzer")]
    [InlineData(false, false, "off: assign the members")]
    public void On_a_tenant_every_denied_member_gets_an_allocation_and_the_group_names_the_automatic_assignment(bool? professional, bool? analyzer, string said)
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "tenant",
            HasLicenseRules = false,
            AutoAssignment = professional == null ? null : new LicenseAutoAssignment { Professional = professional.Value, Analyzer = analyzer!.Value },
            Denials = new[] { Denied("d"), Denied("c", "Sales"), Denied("b", "Sales"), Denied("a", "Sales") },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var decisions = Decide(facts);

        Assert.Equal(new[] { SuggestionKind.Allocate, SuggestionKind.Allocate }, decisions.Suggestions.Select(suggestion => suggestion.Kind));
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'a', 'b', 'c'", decisions.Suggestions[0].Command);
        Assert.Equal("Sales", decisions.Suggestions[0].Group);
        Assert.Equal(@"CORP\d", Assert.Single(decisions.Suggestions[1].Users));
        Assert.Null(decisions.Suggestions[1].Group);
        var sales = decisions.Groups.Single(group => group.Group == "Sales");
        Assert.Contains("A Qlik Cloud tenant has no license rules", sales.Finding);
        Assert.Contains(said, sales.Finding);
        Assert.Equal(MaintenanceMessagesNoGroup, decisions.Groups.Single(group => group.Group == null).Finding);
    }

    private const string MaintenanceMessagesNoGroup = "No directory group: a license rule cannot name these users by group.";

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void A_token_licence_s_free_tokens_buy_one_pass_per_token_cost(int people, bool short_)
    {
        // 33 tokens at 1.1 a pass are 30 passes, though 33 / 1.1 is a hair under 30 in floating point.
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = Enumerable.Range(1, people).Select(number => Denied("user" + number.ToString("00"))).ToList(),
            Seats = new[] { Seats(LicenseAccessType.UserAccess, 33, tokenCost: 1.1), Seats(LicenseAccessType.Professional, 0, enabled: false) },
        };

        var suggestions = Decide(facts).Suggestions;

        var allocate = suggestions[0];
        Assert.Equal((SuggestionKind.Allocate, LicenseAccessType.UserAccess, people), (allocate.Kind, allocate.Type, allocate.Users.Count));
        Assert.Equal(short_, suggestions.Any(suggestion => suggestion.Kind == SuggestionKind.FreeSeats));
        if (short_) Assert.Contains($"{people} denied user(s) need", suggestions[1].Reason);
        if (short_) Assert.Contains("30 seat(s) are free", suggestions[1].Reason);
    }

    [Fact]
    public void The_group_with_most_members_waiting_gets_its_rule_first_under_a_name_not_taken_and_the_others_left_get_allocations()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Rules = new[] { Rule("Sales analyzers", LicenseAccessType.Professional, "((user.group=\"Other\"))"), Rule("SALES ANALYZERS 2", LicenseAccessType.Professional, "((user.group=\"Other\"))") },
            Denials = new[]
            {
                Denied("o1", "Ops"), Denied("o2", "Ops"), Denied("s1", "Sales", "Ops"), Denied("s2", "Sales"), Denied("s3", "Sales"), Denied("s4", "Sales"),
                Denied("q1", "Q\"uote"), Denied("q2", "Q\"uote"), Denied("q3", "Q\"uote"),
                new LicenseDenial { UserDirectory = "CORP", UserId = "svc", UserKey = Guid.NewGuid(), Groups = new[] { "Ops" }, IsServiceAccount = true },
                new LicenseDenial { UserDirectory = "CORP", UserId = "unknown", Groups = new[] { "Ops" } },
            },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var decisions = Decide(facts, new LicenseDecisionOptions { MinimumDenied = 3 });

        Assert.Equal(new[] { SuggestionKind.NewRule, SuggestionKind.Allocate, SuggestionKind.Allocate }, decisions.Suggestions.Select(suggestion => suggestion.Kind));
        var rule = decisions.Suggestions[0];
        Assert.Equal(("Sales", "Sales analyzers 3", 4), (rule.Group, rule.RuleName, rule.Denied));
        Assert.Equal("New-QlikLicenseRule -Name 'Sales analyzers 3' -Type Analyzer -Rule '((user.group=\"Sales\"))'", rule.Command);
        Assert.Equal(("Ops", "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'o1', 'o2'"), (decisions.Suggestions[1].Group, decisions.Suggestions[1].Command));
        Assert.Equal(("Q\"uote", 3), (decisions.Suggestions[2].Group, decisions.Suggestions[2].Denied));
        Assert.Equal(new[] { "Ops", "Q\"uote", "Sales" }, decisions.Groups.Select(group => group.Group));
        Assert.Equal(3, decisions.Groups[0].Denied);
    }

    [Fact]
    public void With_fewer_denied_members_than_the_minimum_a_group_gets_allocations_instead_of_a_rule()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = new[] { Denied("s1", "Sales"), Denied("s2", "Sales"), Denied("s3", "Sales") },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        Assert.Equal(SuggestionKind.NewRule, Assert.Single(Decide(facts, new LicenseDecisionOptions { MinimumDenied = 3 }).Suggestions).Kind);
        var allocate = Assert.Single(Decide(facts, new LicenseDecisionOptions { MinimumDenied = 4 }).Suggestions);
        Assert.Equal((SuggestionKind.Allocate, 3), (allocate.Kind, allocate.Denied));
        Assert.Equal("3 people of group 'Sales' were denied and hold no license; a rule is suggested from 4 denied members of one group.", allocate.Reason);
    }

    [Fact]
    public void Each_group_says_what_keeps_its_members_from_a_license()
    {
        var granted = Denied("e1", "Epsilon");
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Rules = new[]
            {
                Rule("Alpha rule", LicenseAccessType.Analyzer, "((user.group=\"Alpha\"))"),
                Rule("Beta off", LicenseAccessType.Professional, "((user.group=\"Beta\"))", disabled: true),
                Rule("Gamma rule", LicenseAccessType.Professional, "((user.group=\"Gamma\"))"),
                Rule("Eps", LicenseAccessType.Analyzer, "((user.group=\"Epsilon\"))"),
            },
            GrantedByRules = new[] { (granted.UserKey!.Value, "Eps") }.ToLookup(pair => pair.Item1, pair => pair.Item2),
            Denials = new[]
            {
                new LicenseDenial { UserDirectory = "CORP", UserId = "a1", UserKey = Guid.NewGuid(), Groups = new[] { "Alpha" }, Inactive = true },
                Denied("b1", "Beta"),
                Denied("g1", "Gamma"), Denied("g2", "Gamma"),
                new LicenseDenial { UserDirectory = "CORP", UserId = "d1", UserKey = Guid.NewGuid(), Groups = new[] { "Delta" }, AllocatedAccessTypes = new[] { LicenseAccessType.Analyzer } },
                granted,
                Denied("n1"),
            },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 10), Seats(LicenseAccessType.Professional, 1) },
        };

        var groups = Decide(facts).Groups.ToDictionary(group => group.Group ?? "(none)");

        Assert.Equal(new[] { "Alpha", "Beta", "Delta", "Epsilon", "Gamma", "(none)" }, Decide(facts).Groups.Select(group => group.Group ?? "(none)"));
        Assert.Equal("The rule 'Alpha rule' grants the group, but the members still denied are inactive (removed from the directory or blocked).", groups["Alpha"].Finding);
        Assert.Equal((1, 0, 1), (groups["Alpha"].Denied, groups["Alpha"].Licensed, groups["Alpha"].Inactive));
        Assert.Equal("The rule 'Beta off' naming the group is disabled.", groups["Beta"].Finding);
        Assert.Equal(new[] { "Beta off" }, groups["Beta"].DisabledRules);
        Assert.Empty(groups["Beta"].EnabledRules);
        Assert.Contains("but only 1 Professional seat(s) are left for 2 members without a license.", groups["Gamma"].Finding);
        Assert.StartsWith("The rule 'Gamma rule' grants the group", groups["Gamma"].Finding);
        Assert.Equal("The denied member holds a license now.", groups["Delta"].Finding);
        Assert.Equal((1, 1), (groups["Delta"].Denied, groups["Delta"].Licensed));
        Assert.StartsWith("The rule 'Eps' grants the group now and seats are left", groups["Epsilon"].Finding);
        Assert.Equal(MaintenanceMessagesNoGroup, groups["(none)"].Finding);
        Assert.All(groups.Values, group => Assert.Equal("site", group.Site));
    }

    [Fact]
    public void Only_a_capacity_spender_the_site_knows_gets_a_seat_suggested_and_one_at_exactly_a_seat_s_minutes_gets_none()
    {
        AnalyzerCapacityUser Spender(string userId, int minutes, bool known) => new()
        {
            UserDirectory = "CORP", UserId = userId, UserKey = known ? Guid.NewGuid() : null, Minutes = minutes, Since = new DateTime(2026, 11, 7, 0, 0, 0, DateTimeKind.Utc),
        };
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            CapacityUsers = new[] { Spender("stranger", 2000, known: false), Spender("heavy", 601, known: true), Spender("even", 600, known: true) },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var suggestion = Assert.Single(Decide(facts, new LicenseDecisionOptions { AnalyzerSeatMinutes = 600 }).Suggestions);

        Assert.Equal((SuggestionKind.SeatForCapacity, @"CORP\heavy"), (suggestion.Kind, Assert.Single(suggestion.Users)));
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'heavy'", suggestion.Command);
    }

    [Fact]
    public void Of_two_groups_with_as_many_members_waiting_the_first_by_name_gets_the_rule_with_the_member_they_share()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = new[] { Denied("b1", "beta"), Denied("b2", "beta"), Denied("both", "Alpha", "beta"), Denied("a1", "Alpha"), Denied("a2", "Alpha") },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var suggestions = Decide(facts, new LicenseDecisionOptions { MinimumDenied = 3 }).Suggestions;

        Assert.Equal(new[] { (SuggestionKind.NewRule, "Alpha"), (SuggestionKind.Allocate, "beta") }, suggestions.Select(suggestion => (suggestion.Kind, suggestion.Group)));
        Assert.Equal(new[] { @"CORP\b1", @"CORP\b2" }, suggestions[1].Users);
    }
}
