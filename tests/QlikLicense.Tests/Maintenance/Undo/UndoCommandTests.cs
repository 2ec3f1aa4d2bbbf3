using QlikLicense.Maintenance.Undo;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>The command a report or message gives to take one change back (<see cref="UndoCommand"/>).</summary>
public sealed class UndoCommandTests
{
    private static AllocationChangeResult Change(AllocationOutcome outcome, string journalPath = "/var/qlik/journal.jsonl", string userId = "jdoe") => new()
    {
        Outcome = outcome, Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = userId, JournalPath = journalPath,
    };

    [Theory]
    [InlineData(AllocationOutcome.Released, "Release")]
    [InlineData(AllocationOutcome.Quarantined, "Release")]
    [InlineData(AllocationOutcome.Allocated, "Allocate, Restore")]
    [InlineData(AllocationOutcome.Reinstated, "Allocate, Restore")]
    [InlineData(AllocationOutcome.Unknown, "Release, Allocate, Restore")]
    public void A_change_that_may_have_changed_the_site_is_taken_back_by_reading_its_kinds_from_its_journal(AllocationOutcome outcome, string kinds)
    {
        Assert.Equal($"Get-QlikLicenseJournal -Path '/var/qlik/journal.jsonl' -Kind {kinds} -UserId 'CORP\\jdoe' | Undo-QlikLicenseChange", UndoCommand.For(Change(outcome)));
    }

    [Theory]
    [InlineData(AllocationOutcome.Failed)]
    [InlineData(AllocationOutcome.AlreadyGone)]
    [InlineData(AllocationOutcome.AlreadyAllocated)]
    [InlineData(AllocationOutcome.Unchanged)]
    public void A_change_that_changed_nothing_has_no_command(AllocationOutcome outcome)
    {
        Assert.Null(UndoCommand.For(Change(outcome)));
    }

    [Fact]
    public void Without_a_journal_path_the_command_reads_the_default_journal_and_quotes_are_doubled()
    {
        Assert.Equal("Get-QlikLicenseJournal -Kind Release -UserId 'CORP\\o''brien' | Undo-QlikLicenseChange",
            UndoCommand.For(Change(AllocationOutcome.Released, journalPath: null, userId: "o'brien")));
    }
}
