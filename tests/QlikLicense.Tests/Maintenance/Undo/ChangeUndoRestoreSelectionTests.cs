using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>Which releases the restore form of the undo (Restore-QlikLicenseAllocation) gives back, and why it leaves the others alone.</summary>
public sealed class ChangeUndoRestoreSelectionTests
{
    private const string Site = "qlik.corp.example:4242";
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static JournalRecord Release(string userId, AllocationOutcome? outcome, int minutes, string site = Site,
        LicenseAccessType type = LicenseAccessType.Analyzer, Guid? userKey = null, bool keyless = false, string directory = "CORP")
    {
        var allocation = new LicenseAllocation
        {
            Id = Guid.NewGuid(), Type = type, UserDirectory = directory, UserId = userId, UserKey = keyless ? null : userKey ?? Guid.NewGuid(),
        };
        var release = JournalRecord.ReleaseOf(allocation, site, Start.AddMinutes(minutes));
        return outcome == null ? release : release.FollowUp(JournalEvent.Release, outcome, release.Time);
    }

    [Fact]
    public void Released_quarantined_interrupted_and_unknown_releases_are_restored_failed_and_already_gone_are_not()
    {
        var operations = new[]
        {
            Release("released", AllocationOutcome.Released, 0),
            Release("quarantined", AllocationOutcome.Quarantined, 1),
            Release("interrupted", null, 2),
            Release("failed", AllocationOutcome.Failed, 3),
            Release("gone", AllocationOutcome.AlreadyGone, 4),
            Release("unknown", AllocationOutcome.Unknown, 5),
        };

        var selection = ChangeUndo.Select(operations, Site, null, UndoForm.Restore);

        Assert.Equal(new[] { "released", "quarantined", "interrupted", "unknown" }, selection.ToUndo.Select(release => release.UserId));
        Assert.Equal(2, selection.NothingChanged);
    }

    [Fact]
    public void Releases_journaled_for_another_site_are_set_apart_and_the_site_compares_without_case()
    {
        var operations = new[]
        {
            Release("here", AllocationOutcome.Released, 0, site: Site.ToUpperInvariant()),
            Release("elsewhere", AllocationOutcome.Released, 1, site: "qlik2.corp.example:4242"),
            Release("elsewhere-failed", AllocationOutcome.Failed, 2, site: "qlik2.corp.example:4242"),
        };

        var selection = ChangeUndo.Select(operations, Site, null, UndoForm.Restore);

        Assert.Equal("here", Assert.Single(selection.ToUndo).UserId);
        Assert.Equal("elsewhere", Assert.Single(selection.OtherSite).UserId);
    }

    [Fact]
    public void Since_leaves_out_earlier_releases()
    {
        var operations = new[] { Release("early", AllocationOutcome.Released, 0), Release("late", AllocationOutcome.Released, 30) };

        var selection = ChangeUndo.Select(operations, Site, Start.AddMinutes(30), UndoForm.Restore);

        Assert.Equal("late", Assert.Single(selection.ToUndo).UserId);
        Assert.Equal(1, selection.BeforeSince);
    }

    [Fact]
    public void A_release_restored_before_is_not_restored_again_but_an_unfinished_restore_is()
    {
        var restored = Release("restored", AllocationOutcome.Quarantined, 0);
        var unfinished = Release("unfinished", AllocationOutcome.Released, 1);
        var operations = new[]
        {
            restored, unfinished,
            restored.FollowUp(JournalEvent.Restore, AllocationOutcome.Reinstated, Start.AddHours(1)),
            unfinished.FollowUp(JournalEvent.Restore, null, Start.AddHours(1)),
        };

        var selection = ChangeUndo.Select(operations, Site, null, UndoForm.Restore);

        Assert.Equal("unfinished", Assert.Single(selection.ToUndo).UserId);
        Assert.Equal(1, selection.UndoneBefore);
    }

    [Fact]
    public void Of_several_releases_of_one_user_and_type_only_the_latest_is_restored()
    {
        var key = Guid.NewGuid();
        var operations = new[]
        {
            Release("jdoe", AllocationOutcome.Released, 0, userKey: key),
            Release("jdoe", AllocationOutcome.Released, 5, type: LicenseAccessType.Professional, userKey: key),
            Release("jdoe", AllocationOutcome.Quarantined, 10, userKey: key),
        };

        var selection = ChangeUndo.Select(operations, Site, null, UndoForm.Restore);

        Assert.Equal(new[] { (LicenseAccessType.Professional, 5), (LicenseAccessType.Analyzer, 10) },
            selection.ToUndo.Select(release => (release.Type, (int)(release.Time - Start).TotalMinutes)));
        Assert.Equal(1, selection.Superseded);
    }

    [Fact]
    public void Of_two_releases_of_one_user_and_type_at_one_instant_the_one_written_last_is_restored()
    {
        var key = Guid.NewGuid();
        var operations = new[] { Release("jdoe", AllocationOutcome.Released, 0, userKey: key), Release("jdoe", AllocationOutcome.Quarantined, 0, userKey: key) };

        var selection = ChangeUndo.Select(operations, Site, null, UndoForm.Restore);

        Assert.Same(operations[1], Assert.Single(selection.ToUndo));
        Assert.Equal(1, selection.Superseded);
    }

    [Fact]
    public void A_user_is_known_by_key_and_without_one_by_directory_and_id_in_any_case()
    {
        var key = Guid.NewGuid();
        var operations = new[]
        {
            Release("jdoe", AllocationOutcome.Released, 0, userKey: key),
            Release("john.doe", AllocationOutcome.Released, 1, userKey: key),
            Release("ckent", AllocationOutcome.Released, 2),
            Release("ckent", AllocationOutcome.Released, 3),
            Release("ab", AllocationOutcome.Released, 4, keyless: true),
            Release("b", AllocationOutcome.Released, 5, keyless: true, directory: "CORPa"),
            Release("Sam", AllocationOutcome.Released, 6, keyless: true, directory: "corp"),
            Release("sam", AllocationOutcome.Released, 7, keyless: true),
        };

        var selection = ChangeUndo.Select(operations, Site, null, UndoForm.Restore);

        Assert.Equal(new[] { "john.doe", "ckent", "ckent", "ab", "b", "sam" }, selection.ToUndo.Select(release => release.UserId));
        Assert.Equal(2, selection.Superseded);
    }
}
