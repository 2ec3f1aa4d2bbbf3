using QlikLicense.Maintenance.Undo;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>
/// Which journaled changes Undo-QlikLicenseChange takes back and in which order (<see cref="ChangeUndo.Select"/>), and
/// what it knows from the journal: the newest state of each rule and the allocations undos gave back.
/// </summary>
public sealed class ChangeUndoSelectionTests
{
    private const string Site = "qlik.corp.example:4242";
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static JournalRecord Change(JournalEvent kind, AllocationOutcome? outcome, int minutes = 0, string userId = "jdoe", Guid? undoes = null, string site = Site) => new()
    {
        Time = Start.AddMinutes(minutes), Event = kind, Outcome = outcome, OperationId = Guid.NewGuid(), Site = site, AllocationId = Guid.NewGuid(),
        Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = userId, Undoes = undoes,
    };

    private static JournalRecord RuleChanged(AllocationOutcome? outcome, Guid? ruleId, DateTime? modified, string text) => new()
    {
        Time = Start, Event = JournalEvent.RuleChange, Outcome = outcome, OperationId = Guid.NewGuid(), Site = Site,
        RuleAfter = new JournalRule { Id = ruleId, Name = "Sales", Rule = text, ModifiedDate = modified },
    };

    [Fact]
    public void Changes_are_taken_back_newest_first_and_those_of_one_instant_the_last_written_first()
    {
        var operations = new[]
        {
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 0, "first"),
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 5, "same-instant-earlier"),
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 5, "same-instant-later"),
            Change(JournalEvent.Release, AllocationOutcome.Released, 1, "second"),
        };

        var selection = ChangeUndo.Select(operations, Site, null);

        Assert.Equal(new[] { "same-instant-later", "same-instant-earlier", "second", "first" }, selection.ToUndo.Select(change => change.UserId));
        Assert.Equal((0, 0, 0, 0, 0), (selection.BeforeSince, selection.NothingChanged, selection.UndoneBefore, selection.Superseded, selection.OtherSite.Count));
    }

    [Theory]
    [InlineData(JournalEvent.Release, null, true)]
    [InlineData(JournalEvent.Release, AllocationOutcome.Released, true)]
    [InlineData(JournalEvent.Release, AllocationOutcome.Quarantined, true)]
    [InlineData(JournalEvent.Release, AllocationOutcome.Unknown, true)]
    [InlineData(JournalEvent.Release, AllocationOutcome.Failed, false)]
    [InlineData(JournalEvent.Release, AllocationOutcome.AlreadyGone, false)]
    [InlineData(JournalEvent.Restore, null, true)]
    [InlineData(JournalEvent.Restore, AllocationOutcome.Allocated, true)]
    [InlineData(JournalEvent.Restore, AllocationOutcome.Reinstated, true)]
    [InlineData(JournalEvent.Restore, AllocationOutcome.Unknown, true)]
    [InlineData(JournalEvent.Restore, AllocationOutcome.AlreadyAllocated, false)]
    [InlineData(JournalEvent.Allocate, null, true)]
    [InlineData(JournalEvent.Allocate, AllocationOutcome.Allocated, true)]
    [InlineData(JournalEvent.Allocate, AllocationOutcome.Reinstated, true)]
    [InlineData(JournalEvent.Allocate, AllocationOutcome.Unknown, true)]
    [InlineData(JournalEvent.Allocate, AllocationOutcome.Failed, false)]
    [InlineData(JournalEvent.Allocate, AllocationOutcome.AlreadyAllocated, false)]
    [InlineData(JournalEvent.RuleCreate, AllocationOutcome.Created, true)]
    [InlineData(JournalEvent.RuleCreate, null, false)]
    [InlineData(JournalEvent.RuleCreate, AllocationOutcome.Unknown, false)]
    [InlineData(JournalEvent.RuleCreate, AllocationOutcome.Failed, false)]
    [InlineData(JournalEvent.RuleChange, null, true)]
    [InlineData(JournalEvent.RuleChange, AllocationOutcome.Changed, true)]
    [InlineData(JournalEvent.RuleChange, AllocationOutcome.Unknown, true)]
    [InlineData(JournalEvent.RuleChange, AllocationOutcome.Failed, false)]
    [InlineData(JournalEvent.RuleChange, AllocationOutcome.Unchanged, false)]
    [InlineData(JournalEvent.RuleRemove, null, true)]
    [InlineData(JournalEvent.RuleRemove, AllocationOutcome.Removed, true)]
    [InlineData(JournalEvent.RuleRemove, AllocationOutcome.Unknown, true)]
    [InlineData(JournalEvent.RuleRemove, AllocationOutcome.AlreadyGone, false)]
    [InlineData(JournalEvent.AutoAssignmentChange, AllocationOutcome.Changed, false)]
    [InlineData(JournalEvent.Result, AllocationOutcome.Released, false)]
    public void A_change_is_taken_back_only_when_it_may_have_changed_the_site(JournalEvent kind, AllocationOutcome? outcome, bool undone)
    {
        // A restore names the release it gave back (a restore of format 1 that names none settles itself, below).
        var change = Change(kind, outcome, undoes: kind == JournalEvent.Restore ? Guid.NewGuid() : null);

        var selection = ChangeUndo.Select(new[] { change }, Site, null);

        Assert.Equal((undone ? 1 : 0, undone ? 0 : 1), (selection.ToUndo.Count, selection.NothingChanged));
    }

    [Fact]
    public void A_change_undone_before_is_left_alone_with_its_undo_and_an_undo_that_failed_leaves_it_to_take_back()
    {
        var undoneBefore = Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 0, "undone-before");
        var stillHeld = Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 1, "still-held");
        var operations = new[]
        {
            undoneBefore, stillHeld,
            Change(JournalEvent.Release, AllocationOutcome.Released, 2, "undone-before", undoes: undoneBefore.OperationId),
            Change(JournalEvent.Release, AllocationOutcome.Failed, 3, "still-held", undoes: stillHeld.OperationId),
        };

        var selection = ChangeUndo.Select(operations, Site, null);

        Assert.Equal(stillHeld.OperationId, Assert.Single(selection.ToUndo).OperationId);
        Assert.Equal((2, 1), (selection.UndoneBefore, selection.NothingChanged));
    }

    [Theory]
    [InlineData(AllocationOutcome.Released)]
    [InlineData(AllocationOutcome.Quarantined)]
    [InlineData(AllocationOutcome.AlreadyGone)]
    public void A_release_that_undid_an_allocation_or_found_it_gone_settles_it(AllocationOutcome outcome)
    {
        var allocated = Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 0);
        var operations = new[] { allocated, Change(JournalEvent.Release, outcome, 1, undoes: allocated.OperationId) };

        Assert.Empty(ChangeUndo.Select(operations, Site, null).ToUndo);
    }

    [Theory]
    [InlineData(AllocationOutcome.Allocated)]
    [InlineData(AllocationOutcome.Reinstated)]
    [InlineData(AllocationOutcome.AlreadyAllocated)]
    public void A_give_back_that_undid_a_release_or_found_it_held_settles_it(AllocationOutcome outcome)
    {
        var released = Change(JournalEvent.Release, AllocationOutcome.Released, 0);
        var operations = new[] { released, Change(JournalEvent.Restore, outcome, 1, undoes: released.OperationId) };

        Assert.Empty(ChangeUndo.Select(operations, Site, null).ToUndo);
    }

    [Theory]
    [InlineData(JournalEvent.RuleCreate, AllocationOutcome.Created, JournalEvent.RuleRemove, AllocationOutcome.Removed)]
    [InlineData(JournalEvent.RuleRemove, AllocationOutcome.Removed, JournalEvent.RuleCreate, AllocationOutcome.Created)]
    [InlineData(JournalEvent.RuleChange, AllocationOutcome.Changed, JournalEvent.RuleChange, AllocationOutcome.Changed)]
    [InlineData(JournalEvent.RuleChange, AllocationOutcome.Changed, JournalEvent.RuleChange, AllocationOutcome.Unchanged)]
    public void A_rule_change_is_settled_by_its_undo_whatever_the_undo_found(JournalEvent kind, AllocationOutcome outcome, JournalEvent undoKind, AllocationOutcome undoOutcome)
    {
        var change = Change(kind, outcome, 0);
        var undo = Change(undoKind, undoOutcome, 1, undoes: change.OperationId);

        Assert.Single(ChangeUndo.Select(new[] { change }, Site, null).ToUndo);
        Assert.Empty(ChangeUndo.Select(new[] { change, undo }, Site, null).ToUndo);
    }

    [Fact]
    public void A_restore_of_an_earlier_release_that_names_no_undone_change_settles_the_release_of_its_own_operation()
    {
        var released = Change(JournalEvent.Release, AllocationOutcome.Released, 0);
        var restored = released.FollowUp(JournalEvent.Restore, AllocationOutcome.Reinstated, Start.AddMinutes(1));

        var selection = ChangeUndo.Select(new[] { released, restored }, Site, null);

        Assert.Empty(selection.ToUndo);
        Assert.Equal(2, selection.UndoneBefore);
    }

    [Fact]
    public void Since_keeps_the_changes_made_at_that_instant_and_changes_of_another_site_are_set_apart()
    {
        var operations = new[]
        {
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 9, "before"),
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 10, "at"),
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 11, "elsewhere", site: "qlik2.corp.example:4242"),
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 12, "here", site: Site.ToUpperInvariant()),
        };

        var selection = ChangeUndo.Select(operations, Site, Start.AddMinutes(10));

        Assert.Equal(new[] { "here", "at" }, selection.ToUndo.Select(change => change.UserId));
        Assert.Equal("elsewhere", Assert.Single(selection.OtherSite).UserId);
        Assert.Equal(1, selection.BeforeSince);
    }

    [Fact]
    public void The_newest_journaled_state_of_each_rule_is_known_whatever_the_order_of_the_lines()
    {
        var sales = Guid.NewGuid();
        var trial = Guid.NewGuid();
        var operations = new[]
        {
            RuleChanged(AllocationOutcome.Changed, sales, null, "undated"),
            RuleChanged(AllocationOutcome.Changed, sales, Start.AddMinutes(2), "newest"),
            RuleChanged(AllocationOutcome.Changed, sales, Start.AddMinutes(1), "older, written later"),
            RuleChanged(AllocationOutcome.Changed, sales, null, "undated, written later"),
            RuleChanged(AllocationOutcome.Failed, sales, Start.AddMinutes(3), "failed"),
            RuleChanged(null, sales, Start.AddMinutes(4), "asked, not answered"),
            RuleChanged(AllocationOutcome.Changed, trial, null, "only"),
            RuleChanged(AllocationOutcome.Changed, null, Start.AddMinutes(5), "no id"),
        };

        var known = ChangeUndo.Select(operations, Site, null).KnownRules;

        Assert.Equal(new Dictionary<Guid, string> { [sales] = "newest", [trial] = "only" }, known.ToDictionary(rule => rule.Key, rule => rule.Value.Rule));
    }

    [Fact]
    public void An_allocation_given_back_under_a_new_id_is_known_by_the_id_released()
    {
        var givenBack = Change(JournalEvent.Release, AllocationOutcome.Released, 0, "given-back");
        var reinstated = Change(JournalEvent.Release, AllocationOutcome.Quarantined, 1, "reinstated");
        var failed = Change(JournalEvent.Release, AllocationOutcome.Released, 2, "failed");
        var unanswered = Change(JournalEvent.Release, AllocationOutcome.Released, 3, "unanswered");
        var newId = Guid.NewGuid();
        JournalRecord GiveBack(JournalRecord release, AllocationOutcome? outcome, Guid allocationId)
        {
            var restore = Change(JournalEvent.Restore, outcome, 10, release.UserId, undoes: release.OperationId);
            restore.AllocationId = allocationId;
            return restore;
        }
        var operations = new[]
        {
            givenBack, reinstated, failed, unanswered,
            GiveBack(givenBack, AllocationOutcome.Allocated, newId),
            GiveBack(reinstated, AllocationOutcome.Reinstated, reinstated.AllocationId),
            GiveBack(failed, AllocationOutcome.Failed, Guid.NewGuid()),
            GiveBack(unanswered, AllocationOutcome.Allocated, Guid.Empty),
            Change(JournalEvent.Restore, AllocationOutcome.Allocated, 11, "no-release", undoes: Guid.NewGuid()),
            Change(JournalEvent.Allocate, AllocationOutcome.Allocated, 12, "allocated", undoes: givenBack.OperationId),
        };

        var given = ChangeUndo.AllocationsGivenBack(operations);

        Assert.Equal(new Dictionary<Guid, Guid> { [givenBack.AllocationId] = newId }, given);
        Assert.Equal(given, new Dictionary<Guid, Guid>(ChangeUndo.Select(operations, Site, null).GivenBack));
    }

    [Fact]
    public void A_reinstated_allocation_given_back_under_a_new_id_is_known_too()
    {
        var released = Change(JournalEvent.Release, AllocationOutcome.Quarantined, 0);
        var restore = Change(JournalEvent.Restore, AllocationOutcome.Reinstated, 1, undoes: released.OperationId);

        Assert.Equal(restore.AllocationId, ChangeUndo.AllocationsGivenBack(new[] { released, restore })[released.AllocationId]);
    }
}
