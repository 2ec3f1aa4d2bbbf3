using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// The decisions on denied groups and inactive users, made from the simulated site with the users and rules of
/// <see cref="DeniedGroupsScenario"/>, and checked against that site: the rule text a suggestion proposes is
/// evaluated by the site's own license rule audit.
/// </summary>
public sealed class LicenseDecisionTests : IAsyncLifetime
{
    private SimulatedSite site;
    private QlikConnection connection;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync();
        DeniedGroupsScenario.Apply(site.Store);
        connection = SimulatedConnection.To(site);
    }

    public async Task DisposeAsync()
    {
        connection.Dispose();
        await site.DisposeAsync();
    }

    private LicenseDecisions Decide(LicenseDecisionOptions options = null)
    {
        var denials = DeniedGroupsScenario.Denied.Select(user => new LicenseDenial
        {
            UserDirectory = user[..user.IndexOf('\\')],
            UserId = user[(user.IndexOf('\\') + 1)..],
            Count = 1,
        }).ToList();
        DenialEnrichment.Enrich(connection, denials, SimulatedConnection.Call);
        var inactive = new InactiveLicensedUserFinder(connection, new RecordingHost(approve: false)).Find(new InactiveCriteria(), SimulatedConnection.Call).ToList();
        return LicenseDecisionFinder.Find(connection, denials, inactive, options ?? new LicenseDecisionOptions(), SimulatedConnection.Call);
    }

    private LicenseRule Rule(string name) => connection.Rules().ListRules(null, SimulatedConnection.Call).Single(rule => rule.Name == name);

    private IReadOnlyList<string> WouldGrant(LicenseRule rule, string text) =>
        connection.Rules().PreviewRuleAsync(rule.Type, text, rule, SimulatedConnection.Call).GetAwaiter().GetResult()
            .MatchedUsers().Select(user => user.Identity).ToList();

    [Fact]
    public void Each_group_says_how_many_were_denied_hold_a_license_and_why_they_were_denied()
    {
        var groups = Decide().Groups.ToDictionary(group => group.Group ?? "(none)");

        Assert.Equal(new[] { "Engineering", "Finance", "Marketing", "Ops <EU>", "Sales", "Support" }, groups.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal((4, 0, 0), (groups["Support"].Denied, groups["Support"].Licensed, groups["Support"].Inactive));
        Assert.Contains("No license rule names the group", groups["Support"].Finding);
        Assert.Equal(new[] { DeniedGroupsScenario.FinanceRule }, groups["Finance"].DisabledRules);
        Assert.Contains("is disabled", groups["Finance"].Finding);
        Assert.Equal(new[] { DeniedGroupsScenario.EngineeringRule }, groups["Engineering"].EnabledRules);
        Assert.Contains("no Professional seats are left", groups["Engineering"].Finding);
        // CORP\jdoe holds a Professional license; "Sales analyzers" grants CORP\dprince, who was denied all the same.
        Assert.Equal((2, 1), (groups["Sales"].Denied, groups["Sales"].Licensed));
        Assert.Equal(new[] { "Sales analyzers" }, groups["Sales"].EnabledRules);
        Assert.Contains("grants the group now and seats are left", groups["Sales"].Finding);
        Assert.All(groups.Values, group => Assert.Equal(connection.Site, group.Site));
    }

    [Fact]
    public void Several_denied_members_get_a_rule_and_one_or_two_people_an_allocation_with_the_exact_command()
    {
        var suggestions = Decide().Suggestions;
        var sales = Rule("Sales analyzers");
        var finance = Rule(DeniedGroupsScenario.FinanceRule);

        Assert.Equal(
            new[] { SuggestionKind.AddGroupToRule, SuggestionKind.EnableRule, SuggestionKind.AddGroupToRule, SuggestionKind.ExcludeFromRule, SuggestionKind.Allocate, SuggestionKind.FreeSeats },
            suggestions.Select(suggestion => suggestion.Kind));
        var support = suggestions[0];
        Assert.Equal(("Support", 4, "Sales analyzers"), (support.Group, support.Denied, support.RuleName));
        Assert.Equal($"Set-QlikLicenseRule -Id {sales.Id:D} -Rule '((user.group=\"Sales\" or user.group=\"Support\"))'", support.Command);
        Assert.Equal($"Set-QlikLicenseRule -Id {finance.Id:D} -Enabled", suggestions[1].Command);
        Assert.Equal(true, suggestions[1].Parameters["Enabled"]);
        Assert.Equal(LicenseAccessType.Professional, suggestions[1].Type);
        // The second change of the same rule builds on the first.
        Assert.Equal($"Set-QlikLicenseRule -Id {sales.Id:D} -Rule '((user.group=\"Sales\" or user.group=\"Support\" or user.group=\"Ops <EU>\"))'", suggestions[2].Command);
        Assert.Contains("builds on the change suggested above", suggestions[2].Reason);
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'wmaximoff'", suggestions[4].Command);
        Assert.Equal("Marketing", suggestions[4].Group);
        Assert.Equal(new[] { @"CORP\wmaximoff" }, suggestions[4].Users);
        Assert.Equal("Add-QlikLicenseAllocation", suggestions[4].CommandName);
        Assert.Equal(new[] { "wmaximoff" }, suggestions[4].Parameters["UserId"]);
        Assert.All(suggestions, suggestion => Assert.Same(connection, suggestion.Connection));
    }

    [Fact]
    public void The_proposed_rule_texts_grant_the_denied_groups_and_no_longer_the_inactive_users_on_the_site()
    {
        var suggestions = Decide().Suggestions;
        var sales = Rule("Sales analyzers");

        var exclusion = suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.ExcludeFromRule);
        Assert.Equal(new[] { @"CORP EU\françois.dupont", @"CORP\hquinn" }, exclusion.Users);
        var granted = WouldGrant(sales, (string)exclusion.Parameters["Rule"]);
        Assert.Empty(granted.Intersect(exclusion.Users));
        Assert.Empty(DeniedGroupsScenario.Support.Concat(DeniedGroupsScenario.Ops).Append(@"CORP\dprince").Except(granted));
        Assert.Equal(WouldGrant(sales, sales.Rule).Count + DeniedGroupsScenario.Support.Length + DeniedGroupsScenario.Ops.Length - exclusion.Users.Count, granted.Count);

        var finance = Rule(DeniedGroupsScenario.FinanceRule);
        Assert.Empty(DeniedGroupsScenario.Finance.Except(WouldGrant(finance, finance.Rule)));
    }

    [Fact]
    public void Seats_that_run_out_get_the_inactive_users_allocations_to_release()
    {
        var seats = Decide().Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.FreeSeats);

        var bwayne = new InactiveLicensedUserFinder(connection, new RecordingHost(approve: false)).Find(new InactiveCriteria { Types = new[] { LicenseAccessType.Professional } }, SimulatedConnection.Call).Single();
        Assert.Equal(LicenseAccessType.Professional, seats.Type);
        Assert.Equal($"Remove-QlikLicenseAllocation -Type Professional -Id {bwayne.Id:D}", seats.Command);
        // The Finance rule to enable (3) and the Engineering members its rule cannot allocate to (2).
        Assert.Equal(5, seats.Denied);
        Assert.Contains("0 seat(s) are free", seats.Reason);
    }

    [Fact]
    public void With_professional_and_a_higher_minimum_other_rules_and_allocations_are_suggested()
    {
        var suggestions = Decide(new LicenseDecisionOptions { Type = LicenseAccessType.Professional, MinimumDenied = 4 }).Suggestions;

        // Only Support has 4; no enabled Professional rule grants groups only (Engineering's also names the directory).
        var support = suggestions.Single(suggestion => suggestion.Group == "Support");
        Assert.Equal(SuggestionKind.NewRule, support.Kind);
        Assert.Equal("New-QlikLicenseRule -Name 'Support professionals' -Type Professional -Rule '((user.group=\"Support\"))'", support.Command);
        var ops = suggestions.Single(suggestion => suggestion.Group == "Ops <EU>");
        Assert.Equal("Add-QlikLicenseAllocation -Type Professional -UserDirectory 'CORP' -UserId 'ops1', 'ops2', 'ops3'", ops.Command);
        Assert.Contains(suggestions, suggestion => suggestion.Kind == SuggestionKind.Allocate && suggestion.Group == "Finance");
    }

    [Theory]
    [InlineData("o'neil", "'o''neil'")]
    [InlineData("mary ann", "'mary ann'")]
    [InlineData("a\u2019b", "'a\u2019\u2019b'")]
    [InlineData("$env:x `n", "'$env:x `n'")]
    public void Commands_quote_text_so_PowerShell_reads_it_back_unchanged(string text, string quoted)
    {
        Assert.Equal(quoted, PowerShellCommand.Quote(text));
        Assert.Equal($"Add-QlikLicenseAllocation -UserId {quoted}, 'x' -Enabled", new PowerShellCommand("Add-QlikLicenseAllocation").With("UserId", new[] { text, "x" }).Switch("Enabled").ToString());
    }

    [Theory]
    [InlineData("((user.group=\"Sales\"))", "((user.group=\"Sales\")) and (user.userDirectory!=\"CORP\" or user.userId!=\"a(b\")")]
    [InlineData("(user.group=\"A\") or (user.group=\"B\")", "((user.group=\"A\") or (user.group=\"B\")) and (user.userDirectory!=\"CORP\" or user.userId!=\"a(b\")")]
    public void Users_are_left_out_of_a_rule_with_parentheses_only_where_needed(string rule, string expected) =>
        Assert.Equal(expected, LicenseRuleText.WithoutUsers(rule, new[] { new UserName("CORP", "a(b") }));
}
