using QlikLicense.Maintenance.Journal;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>Which journaled changes Get-QlikLicenseJournal shows (<see cref="JournalFilter"/>): by time, kind, user and rule.</summary>
public sealed class JournalFilterTests
{
    private static readonly DateTime Noon = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    private static JournalRecord Allocation(string userId = "jdoe", int minutes = 0, JournalEvent kind = JournalEvent.Allocate, string userDirectory = "CORP") => new()
    {
        Time = Noon.AddMinutes(minutes), Event = kind, Type = LicenseAccessType.Analyzer, UserDirectory = userDirectory, UserId = userId,
    };

    private static JournalRecord Rule(JournalEvent kind, string before, string after) => new()
    {
        Time = Noon, Event = kind, Type = LicenseAccessType.Analyzer,
        RuleBefore = before == null ? null : new JournalRule { Name = before },
        RuleAfter = after == null ? null : new JournalRule { Name = after },
    };

    [Fact]
    public void A_filter_without_criteria_shows_every_change()
    {
        var filter = new JournalFilter();

        Assert.True(filter.Matches(Allocation()));
        Assert.True(filter.Matches(Rule(JournalEvent.RuleCreate, null, "Sales")));
        Assert.True(new JournalFilter { Kinds = new List<JournalEvent>() }.Matches(Allocation(kind: JournalEvent.Release)));
    }

    [Fact]
    public void Since_and_until_keep_the_changes_at_either_bound_and_leave_out_those_outside()
    {
        var filter = new JournalFilter { SinceUtc = Noon, UntilUtc = Noon.AddMinutes(10) };

        Assert.Equal(new[] { false, true, true, true, false },
            new[] { -1, 0, 5, 10, 11 }.Select(minutes => filter.Matches(Allocation(minutes: minutes))));
        Assert.True(new JournalFilter { SinceUtc = Noon }.Matches(Allocation(minutes: 60 * 24 * 365)));
        Assert.False(new JournalFilter { SinceUtc = Noon }.Matches(Allocation(minutes: -1)));
        Assert.True(new JournalFilter { UntilUtc = Noon }.Matches(Allocation(minutes: -60 * 24 * 365)));
        Assert.False(new JournalFilter { UntilUtc = Noon }.Matches(Allocation(minutes: 1)));
    }

    [Fact]
    public void Kinds_show_only_the_kinds_named()
    {
        var filter = new JournalFilter { Kinds = new[] { JournalEvent.Release, JournalEvent.RuleChange } };

        Assert.True(filter.Matches(Allocation(kind: JournalEvent.Release)));
        Assert.True(filter.Matches(Rule(JournalEvent.RuleChange, "Sales", "Sales")));
        Assert.False(filter.Matches(Allocation(kind: JournalEvent.Allocate)));
        Assert.False(filter.Matches(Rule(JournalEvent.RuleRemove, "Sales", null)));
    }

    [Fact]
    public void A_user_is_matched_by_directory_and_id_or_by_the_id_alone_and_rule_changes_never_match_a_user()
    {
        var byIdentity = new JournalFilter { UserMatches = text => text == "CORP\\jdoe" };
        var byId = new JournalFilter { UserMatches = text => text == "jdoe" };

        Assert.True(byIdentity.Matches(Allocation("jdoe")));
        Assert.False(byIdentity.Matches(Allocation("jdoe", userDirectory: "LAB")));
        Assert.True(byId.Matches(Allocation("jdoe")));
        Assert.True(byId.Matches(Allocation("jdoe", userDirectory: "LAB")));
        Assert.False(byId.Matches(Allocation("asmith")));
        Assert.False(new JournalFilter { UserMatches = _ => true }.Matches(Rule(JournalEvent.RuleChange, "jdoe", "jdoe")));
    }

    [Fact]
    public void A_change_without_a_user_id_is_matched_as_an_empty_id()
    {
        var emptyOnly = new JournalFilter { UserMatches = text => text.Length == 0 };

        Assert.True(emptyOnly.Matches(Allocation(userId: null, userDirectory: "CORP")));
        Assert.False(emptyOnly.Matches(Allocation("jdoe")));
    }

    [Fact]
    public void A_rule_is_matched_by_its_name_before_or_after_the_change_and_allocation_changes_never_match_a_rule()
    {
        var renamed = Rule(JournalEvent.RuleChange, "Sales", "Sales and marketing");

        Assert.True(new JournalFilter { RuleMatches = name => name == "Sales" }.Matches(renamed));
        Assert.True(new JournalFilter { RuleMatches = name => name == "Sales and marketing" }.Matches(renamed));
        Assert.False(new JournalFilter { RuleMatches = name => name == "Trial" }.Matches(renamed));
        Assert.False(new JournalFilter { RuleMatches = _ => true }.Matches(Allocation()));
    }

    [Fact]
    public void A_rule_without_a_name_on_one_side_is_matched_as_an_empty_name_there()
    {
        var emptyOnly = new JournalFilter { RuleMatches = name => name.Length == 0 };

        Assert.True(emptyOnly.Matches(Rule(JournalEvent.RuleCreate, null, "Trial")));
        Assert.True(emptyOnly.Matches(Rule(JournalEvent.RuleRemove, "Old", null)));
        Assert.False(emptyOnly.Matches(Rule(JournalEvent.RuleChange, "Sales", "Sales")));
    }
}
