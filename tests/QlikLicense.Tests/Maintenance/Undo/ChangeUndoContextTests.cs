using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Undo;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>
/// The undo (<see cref="ChangeUndo.Run"/>) blocks its thread on each step it takes back: on a pipeline thread with a
/// single-threaded synchronization context a step that went on in that context would wait for itself. Each test holds
/// one answer of the site in memory until the undo waits for it, then counts the work that came back to the context.
/// </summary>
public sealed class ChangeUndoContextTests : InMemorySiteTest
{
    /// <summary>Journals one change of the kind named; gives the key its held site call answers to.</summary>
    private string JournalOne(JournalEvent kind)
    {
        var definition = new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" };
        switch (kind)
        {
            case JournalEvent.RuleCreate:
                ChangeJournaled(journal => LicenseRuleJournal.CreateAsync(connection, journal, definition, Call, Call));
                return definition.Name;
            case JournalEvent.RuleChange:
                var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
                ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
                return sales.Name;
            case JournalEvent.RuleRemove:
                var trial = site.AddRule(definition.Name, definition.Type, definition.Rule);
                ChangeJournaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, trial, Call));
                return trial.Name;
            default:
                var user = site.AddUser("CORP", "jdoe");
                new AllocationGrant(connection, () => site.UtcNow).Run(new[] { GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user) },
                    new GrantOptions { JournalPath = Journal }, new RecordingHost(approve: true), Call);
                return nameof(LicenseAccessType.Analyzer);
        }
    }

    [Theory]
    [InlineData(JournalEvent.RuleCreate, nameof(ILicenseRuleSite.ReadRuleAsync), AllocationOutcome.Removed)]
    [InlineData(JournalEvent.RuleCreate, nameof(ILicenseRuleSite.RemoveRuleAsync), AllocationOutcome.Removed)]
    [InlineData(JournalEvent.RuleChange, nameof(ILicenseRuleSite.ReadRuleAsync), AllocationOutcome.Changed)]
    [InlineData(JournalEvent.RuleChange, nameof(ILicenseRuleSite.UpdateRuleAsync), AllocationOutcome.Changed)]
    [InlineData(JournalEvent.RuleRemove, nameof(ILicenseRuleSite.RuleNameTakenAsync), AllocationOutcome.Created)]
    [InlineData(JournalEvent.RuleRemove, nameof(ILicenseRuleSite.CreateRuleAsync), AllocationOutcome.Created)]
    [InlineData(JournalEvent.Allocate, nameof(ISite.FindAllocationAsync), AllocationOutcome.Released)]
    [InlineData(JournalEvent.Allocate, nameof(ISite.ReleaseAsync), AllocationOutcome.Released)]
    public async Task Taking_a_change_back_goes_on_outside_the_callers_context_when_the_site_answers(JournalEvent kind, string heldCall, AllocationOutcome outcome)
    {
        var key = JournalOne(kind);
        var held = site.HeldAnswers.Hold(heldCall, key);
        var operations = JournalOperations.Read(Journal).Operations;
        var host = new RecordingHost(approve: true);
        IReadOnlyList<ChangeUndoResult> results = null;

        var posted = await CallersContext.WorkPostedBackWhileBlocked(
            () => results = new ChangeUndo(connection, host).Run(operations, null, Call, Call), site.HeldAnswers.Reached(heldCall, key), held);

        Assert.Equal(0, posted);
        Assert.Empty(host.Problems);
        Assert.Equal((kind, outcome), (Assert.Single(results).Undone, results[0].Outcome));
    }
}
