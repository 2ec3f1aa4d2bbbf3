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

    private static InactiveLicensedUser Inactive(string userDirectory, string userId, params string[] grantingRules) =>
        new(new LicenseAllocation { Id = Guid.NewGuid(), Type = LicenseAccessType.Analyzer, UserKey = Guid.NewGuid(), UserDirectory = userDirectory, UserId = userId },
            InactiveReason.RemovedFromDirectory, null) { GrantingRules = grantingRules };

    [Fact]
    public void Each_enabled_rule_granting_inactive_users_back_by_name_leaves_out_the_users_it_can_quote_and_name_and_a_rule_not_found_or_disabled_is_passed_over()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Rules = new[]
            {
                Rule("Off rule", LicenseAccessType.Analyzer, "((user.group=\"Off\"))", disabled: true),
                Rule("b rule", LicenseAccessType.Analyzer, "((user.group=\"B\"))"),
                Rule("A rule", LicenseAccessType.Analyzer, "((user.group=\"A\"))"),
                Rule("Only quotes", LicenseAccessType.Analyzer, "((user.group=\"Q\"))"),
            },
            Inactive = new[]
            {
                Inactive("CORP", "zed", "b rule", "A rule"),
                Inactive("CORP", "amy", "a RULE"),
                Inactive("CORP", "q\"uote", "A rule"),
                Inactive("CORP", "gone", "Gone rule"),
                Inactive("CORP", "off", "Off rule"),
                Inactive("CORP", "with\"quote", "Only quotes"),
                Inactive(null, "nodir", "b rule"),
                Inactive("CORP", null, "b rule"),
                Inactive("CORP", "", "A rule"),
            },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var suggestions = Decide(facts).Suggestions;

        Assert.Equal(new[] { (SuggestionKind.ExcludeFromRule, "A rule"), (SuggestionKind.ExcludeFromRule, "b rule") }, suggestions.Select(suggestion => (suggestion.Kind, suggestion.RuleName)));
        Assert.Equal(new[] { @"CORP\amy", @"CORP\zed" }, suggestions[0].Users);
        Assert.Equal(new[] { @"CORP\zed", "nodir" }, suggestions[1].Users);
        Assert.Equal("Analyzer license rule 'b rule' grants 2 inactive users their released Analyzer access straight back at the next login: leave them out of the rule.", suggestions[1].Reason);
    }

    [Fact]
    public void A_group_gets_the_first_by_name_of_the_disabled_rules_naming_it_and_another_the_first_by_name_of_the_rules_granting_groups()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Rules = new[]
            {
                Rule("b off", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))", disabled: true),
                Rule("A off", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))", disabled: true),
                Rule("b groups", LicenseAccessType.Analyzer, "((user.group=\"Other\"))"),
                Rule("A groups", LicenseAccessType.Analyzer, "((user.group=\"Other\"))"),
            },
            Denials = new[] { Denied("s1", "Sales"), Denied("s2", "Sales"), Denied("s3", "Sales"), Denied("o1", "Ops"), Denied("o2", "Ops") },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var suggestions = Decide(facts, new LicenseDecisionOptions { MinimumDenied = 2 }).Suggestions;

        Assert.Equal(new[] { (SuggestionKind.EnableRule, "A off", "Sales"), (SuggestionKind.AddGroupToRule, "A groups", "Ops") },
            suggestions.Select(suggestion => (suggestion.Kind, suggestion.RuleName, suggestion.Group)));
        Assert.Equal("2 members of group 'Ops' were denied and hold no license; Analyzer license rule 'A groups' grants groups, so add this one to it.", suggestions[1].Reason);
    }

    [Theory]
    [InlineData(LicenseDenialCause.PendingUserSync, LicenseDenialCause.TooManySessions, "Refused for other reasons than a missing seat (TooManySessions, PendingUserSync): see the suggestions for them.", 1)]
    [InlineData(LicenseDenialCause.NoAccessType, LicenseDenialCause.NoAccessType, "All 2 denied members hold a license now.", 2)]
    [InlineData(LicenseDenialCause.NoAccessType, LicenseDenialCause.TooManySessions, MaintenanceMessagesNoGroup, 1)]
    public void The_people_of_no_group_are_said_refused_for_other_causes_all_licensed_or_out_of_a_rule_s_reach(
        LicenseDenialCause first, LicenseDenialCause second, string finding, int licensed)
    {
        // The first holds nothing; the second holds an Analyzer seat unless both were refused for want of one.
        var both = first == second;
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = new[]
            {
                new LicenseDenial { UserDirectory = "CORP", UserId = "one", UserKey = Guid.NewGuid(), Cause = first, Count = 1, AllocatedAccessTypes = both ? new[] { LicenseAccessType.Analyzer } : Array.Empty<LicenseAccessType>() },
                new LicenseDenial { UserDirectory = "CORP", UserId = "two", UserKey = Guid.NewGuid(), Cause = second, Count = 1, AllocatedAccessTypes = new[] { LicenseAccessType.Analyzer } },
            },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var group = Assert.Single(Decide(facts).Groups);

        Assert.Equal((null, finding, 2, licensed), (group.Group, group.Finding, group.Denied, group.Licensed));
    }

    [Fact]
    public void A_group_s_enabled_rules_are_named_by_name_and_its_rule_is_short_of_seats_only_with_fewer_left_than_members_waiting()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Rules = new[]
            {
                Rule("b rule", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))"),
                Rule("A rule", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))"),
                Rule("Ops pro", LicenseAccessType.Professional, "((user.group=\"Ops\"))"),
            },
            Denials = new[] { Denied("s1", "Sales"), Denied("s2", "Sales"), Denied("o1", "Ops") },
            // Two seats for two members waiting; no Professional row at all.
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 2) },
        };

        var groups = Decide(facts).Groups;

        Assert.Equal(new[] { "Ops", "Sales" }, groups.Select(group => group.Group));
        Assert.Equal(new[] { "A rule", "b rule" }, groups[1].EnabledRules);
        Assert.StartsWith("The rule 'Ops pro' grants the group now and seats are left", groups[0].Finding);
        Assert.StartsWith("The rules 'A rule', 'b rule' grant the group now and seats are left", groups[1].Finding);
    }

    [Fact]
    public void A_rule_without_a_name_is_named_by_its_id_in_a_group_s_rules_and_in_its_finding_of_too_few_seats()
    {
        var nameless = Rule(null, LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Rules = new[] { nameless },
            Denials = new[] { Denied("s1", "Sales"), Denied("s2", "Sales") },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 1) },
        };

        var group = Assert.Single(Decide(facts).Groups);

        Assert.Equal(new[] { nameless.Id.ToString("D") }, group.EnabledRules);
        Assert.StartsWith($"The rule '{nameless.Id:D}' grants the group", group.Finding);
    }

    [Fact]
    public void Seats_of_a_type_the_licence_does_not_offer_are_not_asked_to_be_freed()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = new[] { Denied("a"), Denied("b") },
            Seats = new[] { Seats(LicenseAccessType.Professional, 0, enabled: false), Seats(LicenseAccessType.Analyzer, 50) },
        };

        var allocate = Assert.Single(Decide(facts, new LicenseDecisionOptions { Type = LicenseAccessType.Professional }).Suggestions);

        Assert.Equal((SuggestionKind.Allocate, LicenseAccessType.Professional, 2), (allocate.Kind, allocate.Type, allocate.Denied));
    }

    [Fact]
    public void Too_few_seats_and_no_inactive_holder_to_release_point_to_the_seats_to_buy()
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = new[] { Denied("a"), Denied("b") },
            Inactive = new[] { new InactiveLicensedUser(new LicenseAllocation { Id = Guid.NewGuid(), Type = LicenseAccessType.Professional, UserDirectory = "CORP", UserId = "pro" }, InactiveReason.Blocked, null) },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 1) },
        };

        var free = Decide(facts).Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.FreeSeats);

        Assert.Equal(("Get-QlikLicenseSummary", "Get-QlikLicenseSummary", LicenseAccessType.Analyzer), (free.Command, free.CommandName, free.Type));
        Assert.Empty(free.Users);
        Assert.Equal("2 denied user(s) need Analyzer access and 1 seat(s) are free; no inactive user holds one to release: buy seats.", free.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    public void A_token_row_without_a_token_cost_counts_its_free_passes_as_they_are(double? tokenCost)
    {
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = Enumerable.Range(1, 6).Select(number => Denied("user" + number)).ToList(),
            Seats = new[] { Seats(LicenseAccessType.UserAccess, 5, tokenCost: tokenCost), Seats(LicenseAccessType.Professional, 0, enabled: false) },
        };

        var free = Decide(facts).Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.FreeSeats);

        Assert.StartsWith("6 denied user(s) need", free.Reason);
        Assert.Contains("and 5 seat(s) are free;", free.Reason);
    }

    [Fact]
    public void The_people_of_one_group_left_for_allocations_get_one_suggestion_per_directory_in_the_order_of_the_directories()
    {
        LicenseDenial Member(string userDirectory, string userId) => new() { UserDirectory = userDirectory, UserId = userId, UserKey = Guid.NewGuid(), Groups = new[] { "Sales" }, Count = 1 };
        var facts = new LicenseDecisionFacts
        {
            Site = "site",
            Denials = new[] { Member("CORP", "c1"), Member("ABC", "a1"), Member("corp", "c2") },
            Seats = new[] { Seats(LicenseAccessType.Analyzer, 50) },
        };

        var suggestions = Decide(facts, new LicenseDecisionOptions { MinimumDenied = 4 }).Suggestions;

        Assert.Equal(new[] { "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'ABC' -UserId 'a1'", "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'c1', 'c2'" },
            suggestions.Select(suggestion => suggestion.Command));
    }
}
