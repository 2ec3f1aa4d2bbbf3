using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Undo;
using QlikLicense.Maintenance.Release;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>What the undo tells the user: the action -WhatIf and -Confirm show, its verbose count, and why a change is left alone.</summary>
public sealed class ChangeUndoMessagesTests : InMemorySiteTest
{
    private static readonly DateTime Time = new(2026, 11, 20, 9, 30, 15, 250, DateTimeKind.Utc);

    private static JournalRecord Change(JournalEvent kind, AllocationOutcome? outcome = AllocationOutcome.Allocated, string site = "memory.example:4242") => new()
    {
        Time = Time, Event = kind, Outcome = outcome, OperationId = Guid.NewGuid(), Site = site, AllocationId = Guid.NewGuid(),
        Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = "jdoe", UserKey = Guid.NewGuid(),
    };

    [Theory]
    [InlineData(JournalEvent.Release, "Give back (undo of the Release at 2026-11-20 09:30:15.250 UTC)")]
    [InlineData(JournalEvent.Allocate, "Release license allocation (undo of the Allocate at 2026-11-20 09:30:15.250 UTC)")]
    [InlineData(JournalEvent.Restore, "Release license allocation (undo of the Restore at 2026-11-20 09:30:15.250 UTC)")]
    [InlineData(JournalEvent.RuleCreate, "Remove license rule and its access group (undo of the RuleCreate at 2026-11-20 09:30:15.250 UTC)")]
    [InlineData(JournalEvent.RuleChange, "Put back name, rule text, comment and state (undo of the RuleChange at 2026-11-20 09:30:15.250 UTC)")]
    [InlineData(JournalEvent.RuleRemove, "Create license rule again with a new access group (undo of the RuleRemove at 2026-11-20 09:30:15.250 UTC)")]
    public void The_action_asked_about_says_what_the_undo_does_and_which_change_it_takes_back(JournalEvent kind, string action)
    {
        Assert.Equal(action, ChangeUndo.ActionFor(Change(kind)));
    }

    [Fact]
    public void The_verbose_line_of_an_undo_counts_what_it_takes_back_and_why_it_leaves_the_rest_alone()
    {
        var undone = Change(JournalEvent.Allocate);
        undone.Time = Time.AddDays(-1);
        var undo = Change(JournalEvent.Release, AllocationOutcome.Released);
        undo.Undoes = undone.OperationId;
        var early = Change(JournalEvent.Allocate);
        early.Time = Time.AddDays(-2);
        var operations = new[]
        {
            undone, undo, Change(JournalEvent.Allocate), Change(JournalEvent.Allocate), Change(JournalEvent.Allocate, AllocationOutcome.Failed),
            Change(JournalEvent.Allocate, site: "other.example:4242"), early,
        };

        var selection = ChangeUndo.Select(operations, "memory.example:4242", Time.AddDays(-1).AddHours(-1));

        Assert.Equal("2 to undo, newest first; left alone: 2 undone before, 1 that changed nothing, 1 before -Since, 1 of another site.",
            MaintenanceMessages.Undo.UndoSelected(selection));
    }

    [Fact]
    public void The_verbose_line_of_a_restore_counts_what_it_gives_back_and_why_it_leaves_the_rest_alone()
    {
        var key = Guid.NewGuid();
        JournalRecord Release(AllocationOutcome outcome, int minutes, string site = "memory.example:4242")
        {
            var release = Change(JournalEvent.Release, outcome, site);
            release.UserKey = key;
            release.Time = Time.AddMinutes(minutes);
            return release;
        }
        var restored = Release(AllocationOutcome.Released, 0);
        var restore = restored.FollowUp(JournalEvent.Restore, AllocationOutcome.Allocated, Time.AddMinutes(1));
        var operations = new[]
        {
            Release(AllocationOutcome.Released, -60), restored, restore, Release(AllocationOutcome.Released, 2), Release(AllocationOutcome.Released, 3),
            Release(AllocationOutcome.Failed, 4), Release(AllocationOutcome.AlreadyGone, 5), Release(AllocationOutcome.Released, 6, "other.example:4242"),
        };

        var selection = ChangeUndo.Select(operations, "memory.example:4242", Time.AddMinutes(-1), UndoForm.Restore);

        Assert.Equal("1 to restore; left alone: 1 before -Since, 2 that released nothing, 1 restored before, 1 covered by a later release of the same user, 1 of another site.",
            MaintenanceMessages.Undo.RestoreSelected(selection));
    }

    [Fact]
    public void A_change_of_another_site_names_both_sites_and_the_connection_to_use_in_either_form()
    {
        var elsewhere = Change(JournalEvent.Release, AllocationOutcome.Released, "other.example:4242");
        var undoHost = new RecordingHost(approve: true);
        var restoreHost = new RecordingHost(approve: true);

        new ChangeUndo(connection, undoHost).Run(new[] { elsewhere }, null, Call, Call);
        new ChangeUndo(connection, restoreHost, UndoForm.Restore).Run(new[] { elsewhere }, null, Call, Call);

        Assert.Equal($"Analyzer access of CORP\\jdoe was changed on the site other.example:4242, not {connection.Site} that this command is connected to. " +
                     "Pass -Connection for other.example:4242 to undo it.", Assert.Single(undoHost.Problems).Message);
        Assert.Equal($"The release of Analyzer access of CORP\\jdoe was journaled for the site other.example:4242, not {connection.Site} that this command is connected to. " +
                     "Pass -Connection for other.example:4242 to restore it.", Assert.Single(restoreHost.Problems).Message);
        Assert.Equal(ProblemKind.JournalSiteMismatch, restoreHost.Problems[0].Kind);
        Assert.StartsWith("0 to undo, newest first;", Assert.Single(undoHost.Verbose));
        Assert.StartsWith("0 to restore;", Assert.Single(restoreHost.Verbose));
    }

    [Fact]
    public void A_rule_changed_since_names_who_changed_it_and_when_or_another_user_when_the_site_does_not_say()
    {
        var now = new LicenseRule { Name = "Sales", Type = LicenseAccessType.Analyzer, ModifiedDate = Time.AddHours(1), ModifiedByUserName = null };

        Assert.Equal("Analyzer license rule 'Sales' was changed by another user at 2026-11-20 10:30:15.250 UTC, after the change journaled at 2026-11-20 09:30:15.250 UTC. " +
                     "Nothing was undone. Compare it with the journal (Get-QlikLicenseJournal) and change it with Set-QlikLicenseRule.",
            MaintenanceMessages.Undo.RuleChangedSince(now, Change(JournalEvent.RuleChange)));
    }

    [Fact]
    public void A_give_back_and_a_take_back_report_what_they_found_in_the_user_s_seat()
    {
        var user = site.AddUser("CORP", "jdoe");
        var held = site.AddAllocation(LicenseAccessType.Professional, user);
        new ReleaseOperation(new RecordingHost(approve: true)) { JournalPath = Journal }.Run(new[] { held }, Call, CancellationToken.None);
        site.AddAllocation(LicenseAccessType.Professional, user);
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(new ChangeUndo(connection, host, UndoForm.Undo, () => site.UtcNow).Run(JournalOperations.Read(Journal).Operations, null, Call, Call));

        Assert.Equal((AllocationOutcome.AlreadyAllocated, "The user holds the access type again already; nothing was sent."), (result.Outcome, result.Message));
        Assert.Equal(Journal, result.JournalPath);
        Assert.Equal($"AlreadyAllocated: undo Release of Professional access of CORP\\jdoe", result.ToString());
    }
}
