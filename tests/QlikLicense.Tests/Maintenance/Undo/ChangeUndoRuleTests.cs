using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Undo;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>
/// What the undo (<see cref="ChangeUndo"/>) does with rule changes and allocations it cannot take back, or finds taken
/// back already, on a site in memory: each a problem or a result about that change, and the rest goes on.
/// </summary>
public sealed class ChangeUndoRuleTests : InMemorySiteTest
{
    private IReadOnlyList<ChangeUndoResult> Undo(RecordingHost host) =>
        new ChangeUndo(connection, host, UndoForm.Undo, () => site.UtcNow).Run(JournalOperations.Read(Journal).Operations, null, Call, Call);

    private JournalRecord Line(JournalEvent kind, AllocationOutcome? outcome, int minutes, JournalRule before = null, JournalRule after = null, Guid? allocationId = null)
    {
        var record = new JournalRecord
        {
            Time = site.UtcNow.AddMinutes(minutes), Event = kind, Outcome = outcome, OperationId = Guid.NewGuid(), Site = connection.Site,
            Type = LicenseAccessType.Analyzer, RuleBefore = before, RuleAfter = after, AllocationId = allocationId ?? Guid.Empty,
            UserDirectory = "CORP", UserId = "jdoe",
        };
        using var journal = new LicenseJournal(Journal);
        journal.Append(record);
        return record;
    }

    [Fact]
    public void Rule_changes_the_journal_does_not_describe_enough_are_problems_each_and_the_change_after_them_is_undone()
    {
        var user = site.AddUser("CORP", "jdoe");
        var held = site.AddAllocation(LicenseAccessType.Analyzer, user);
        Line(JournalEvent.RuleCreate, AllocationOutcome.Created, 0, after: new JournalRule { Name = "Trial", Type = LicenseAccessType.Analyzer });
        Line(JournalEvent.RuleChange, AllocationOutcome.Changed, 1, after: new JournalRule { Id = Guid.NewGuid(), Name = "Sales", Type = LicenseAccessType.Analyzer });
        Line(JournalEvent.RuleRemove, AllocationOutcome.Removed, 2);
        Line(JournalEvent.RuleRemove, AllocationOutcome.Removed, 3, before: new JournalRule { Id = Guid.NewGuid(), Rule = "((user.group=\"Old\"))", Type = LicenseAccessType.Professional });
        Line(JournalEvent.RuleRemove, AllocationOutcome.Removed, 4, before: new JournalRule { Id = Guid.NewGuid(), Name = "Older", Type = LicenseAccessType.Professional });
        Line(JournalEvent.Allocate, AllocationOutcome.Allocated, 5, allocationId: held.Id);
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host));

        Assert.Equal(AllocationOutcome.Released, result.Outcome);
        Assert.Empty(site.Allocations);
        Assert.All(host.Problems, problem => Assert.Equal(ProblemKind.ChangeNotUndoable, problem.Kind));
        Assert.Equal(new[]
        {
            "The journal does not hold the name and rule text of Professional license rule 'Older'; it cannot be created again.",
            "The journal does not hold the name and rule text of Professional license rule ''; it cannot be created again.",
            "The journal does not say which rule was removed.",
            "The change of Analyzer license rule 'Sales' was journaled without the rule as changed (by an earlier release of the module), so a later change cannot be ruled out. " +
            "Compare with Get-QlikLicenseRule and put it back with Set-QlikLicenseRule.",
            "The journal does not say which rule 'Trial' was created.",
        }, host.Problems.Select(problem => problem.Message));
        Assert.Equal(new[] { JournalEvent.RuleRemove, JournalEvent.RuleRemove, JournalEvent.RuleRemove, JournalEvent.RuleChange, JournalEvent.RuleCreate },
            host.Problems.Select(problem => ((JournalRecord)problem.Target).Event));
        Assert.DoesNotContain(site.Calls, call => call is nameof(ILicenseRuleSite.CreateRuleAsync) or nameof(ILicenseRuleSite.UpdateRuleAsync) or nameof(ILicenseRuleSite.RemoveRuleAsync));
    }

    [Fact]
    public void A_changed_rule_gone_from_the_site_and_a_removed_rule_whose_name_is_taken_again_are_problems_and_nothing_is_sent()
    {
        var missing = Guid.NewGuid();
        Line(JournalEvent.RuleChange, AllocationOutcome.Changed, 0,
            before: new JournalRule { Id = missing, Name = "Sales", Rule = "a", Type = LicenseAccessType.Analyzer },
            after: new JournalRule { Id = missing, Name = "Sales", Rule = "b", Type = LicenseAccessType.Analyzer });
        Line(JournalEvent.RuleRemove, AllocationOutcome.Removed, 1, before: new JournalRule { Id = Guid.NewGuid(), Name = "Old", Rule = "((user.group=\"Old\"))" });
        site.AddRule("OLD", LicenseAccessType.Professional, "((user.group=\"Someone else's\"))");
        var host = new RecordingHost(approve: true);

        Assert.Empty(Undo(host));

        Assert.Equal(new[]
        {
            (ProblemKind.LicenseRuleExists, $"A license rule named 'Old' exists on {connection.Site} again; the removed one was not created a second time."),
            (ProblemKind.LicenseRuleNotFound, $"Analyzer license rule 'Sales' ({missing:D}) no longer exists on {connection.Site}; nothing was put back."),
        }, host.Problems.Select(problem => (problem.Kind, problem.Message)));
        Assert.Single(site.Rules);
        Assert.Equal(2, File.ReadAllLines(Journal).Length);
    }

    [Fact]
    public void What_the_undo_finds_done_already_is_a_result_saying_so_and_nothing_is_sent()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        var asBefore = new JournalRule { Id = sales.Id, Name = "Sales", Rule = sales.Rule, Comment = null, Disabled = false, Type = LicenseAccessType.Analyzer };
        var quarantined = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "recent"), quarantined: true);
        Line(JournalEvent.RuleCreate, AllocationOutcome.Created, 0, after: new JournalRule { Id = Guid.NewGuid(), Name = "Trial" });
        Line(JournalEvent.RuleChange, AllocationOutcome.Changed, 1, before: asBefore, after: new JournalRule { Id = sales.Id, Name = "Sales", Rule = "((user.group=\"Interns\"))" });
        Line(JournalEvent.Allocate, AllocationOutcome.Allocated, 2, allocationId: Guid.NewGuid());
        Line(JournalEvent.Allocate, AllocationOutcome.Allocated, 3, allocationId: quarantined.Id);
        Line(JournalEvent.Allocate, null, 4);
        var callsBefore = site.Calls.Count;

        var results = Undo(new RecordingHost(approve: true));

        Assert.Equal(new[]
        {
            (JournalEvent.Allocate, AllocationOutcome.AlreadyGone, "The allocation is gone or in quarantine already; nothing was sent."),
            (JournalEvent.Allocate, AllocationOutcome.AlreadyGone, "The allocation is gone or in quarantine already; nothing was sent."),
            (JournalEvent.Allocate, AllocationOutcome.AlreadyGone, "The allocation is gone or in quarantine already; nothing was sent."),
            (JournalEvent.RuleChange, AllocationOutcome.Unchanged, "The rule is as it was before the change already; nothing was sent."),
            (JournalEvent.RuleCreate, AllocationOutcome.AlreadyGone, "The rule is gone already; nothing was sent."),
        }, results.Select(result => (result.Undone, result.Outcome, result.Message)));
        Assert.All(results, result => Assert.Equal((Journal, connection.Site, site.UtcNow), (result.JournalPath, result.Site, result.Time)));
        Assert.DoesNotContain(site.Calls.Skip(callsBefore), call => call is nameof(ISite.ReleaseAsync) or nameof(ILicenseRuleSite.UpdateRuleAsync) or nameof(ILicenseRuleSite.RemoveRuleAsync));
        Assert.Equal(nameof(ISite.FindAllocationAsync), site.Calls.Skip(callsBefore).First());
        Assert.Equal(2, site.Calls.Skip(callsBefore).Count(call => call == nameof(ISite.FindAllocationAsync)));
    }

    [Fact]
    public void A_removed_rule_is_created_again_with_a_new_group_and_an_older_change_of_it_is_put_back_on_the_new_rule()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Rule = "((user.group=\"Sales EU\"))" }, Call));
        ChangeJournaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, site.Rules.Single(), Call));
        site.UtcNow = site.UtcNow.AddHours(1);
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Empty(host.Problems);
        var again = site.Rules.Single();
        Assert.Equal(("Sales", "((user.group=\"Sales\"))"), (again.Name, again.Rule));
        Assert.NotEqual(sales.Id, again.Id);
        Assert.Equal(new[] { (JournalEvent.RuleRemove, AllocationOutcome.Created), (JournalEvent.RuleChange, AllocationOutcome.Changed) },
            results.Select(result => (result.Undone, result.Outcome)));
        Assert.Equal($"Created again as {again.Id:D} with the new access group {again.AccessGroupId:D}.", results[0].Message);
        Assert.Null(results[1].Message);
    }

    [Fact]
    public void A_created_rule_removed_since_is_created_again_and_then_removed_as_its_creation_is_undone()
    {
        ChangeJournaled(journal => LicenseRuleJournal.CreateAsync(connection, journal,
            new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" }, Call, Call));
        site.UtcNow = site.UtcNow.AddMinutes(1);
        ChangeJournaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, site.Rules.Single(), Call));
        site.UtcNow = site.UtcNow.AddHours(1);
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Empty(host.Problems);
        Assert.Equal(new[] { (JournalEvent.RuleRemove, AllocationOutcome.Created), (JournalEvent.RuleCreate, AllocationOutcome.Removed) },
            results.Select(result => (result.Undone, result.Outcome)));
        Assert.Empty(site.Rules);
    }

    [Fact]
    public void Two_journaled_changes_of_one_rule_are_undone_newest_first_each_over_the_state_the_other_left()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, site.Rules.Single(), new LicenseRuleChange { Disabled = true }, Call));
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Empty(host.Problems);
        Assert.Equal(new[] { AllocationOutcome.Changed, AllocationOutcome.Changed }, results.Select(result => result.Outcome));
        Assert.Equal((string.Empty, false), (site.Rules.Single().Comment, site.Rules.Single().Disabled));
    }

    [Fact]
    public void An_older_change_is_put_back_over_the_state_a_journaled_undo_of_a_later_change_left()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, site.Rules.Single(), new LicenseRuleChange { Disabled = true }, Call));
        var later = JournalOperations.Read(Journal).Operations.Skip(1).ToList();
        Assert.Equal(AllocationOutcome.Changed, Assert.Single(new ChangeUndo(connection, new RecordingHost(approve: true)).Run(later, null, Call, Call)).Outcome);
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host));

        Assert.Empty(host.Problems);
        Assert.Equal(AllocationOutcome.Changed, result.Outcome);
        Assert.Equal((string.Empty, false), (site.Rules.Single().Comment, site.Rules.Single().Disabled));
    }

    [Fact]
    public void A_rule_saved_by_someone_else_since_is_neither_put_back_nor_removed_even_when_its_content_is_the_same()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        ChangeJournaled(journal => LicenseRuleJournal.CreateAsync(connection, journal,
            new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" }, Call, Call));
        foreach (var rule in site.Rules) site.ChangeRuleOutside(rule.Id, rule.Rule);
        var host = new RecordingHost(approve: true);

        Assert.Empty(Undo(host));

        Assert.Equal(new[] { ProblemKind.LicenseRuleChangedSince, ProblemKind.LicenseRuleChangedSince }, host.Problems.Select(problem => problem.Kind));
        Assert.Equal(new[] { "Sales", "Trial" }, site.Rules.Select(rule => rule.Name).OrderBy(name => name));
        Assert.Equal("Reviewed", site.Rules.Single(rule => rule.Name == "Sales").Comment);
    }

    [Fact]
    public void A_change_the_site_refuses_to_take_back_is_a_problem_about_that_change_and_the_others_are_still_tried()
    {
        var held = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        Line(JournalEvent.Allocate, AllocationOutcome.Allocated, 0, allocationId: held.Id);
        site.UtcNow = site.UtcNow.AddMinutes(1);
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        site.UtcNow = site.UtcNow.AddMinutes(1);
        ChangeJournaled(journal => LicenseRuleJournal.CreateAsync(connection, journal,
            new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" }, Call, Call));
        site.FailWhen = name => name switch
        {
            nameof(ILicenseRuleSite.RemoveRuleAsync) => new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "DELETE", "/qrs/systemrule", 500, "Rule delete down."),
            nameof(ILicenseRuleSite.UpdateRuleAsync) => new LicenseRuleException(ProblemKind.LicenseRuleInvalid, "The rule text does not parse."),
            nameof(ISite.ReleaseAsync) => new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "DELETE", "/qrs/license/analyzeraccesstype", 500, "Allocation delete down."),
            _ => null,
        };
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Equal(new[]
        {
            (ProblemKind.SiteRequestFailed, "Rule delete down.", JournalEvent.RuleCreate),
            (ProblemKind.LicenseRuleInvalid, "The rule text does not parse.", JournalEvent.RuleChange),
            (ProblemKind.SiteRequestFailed, "Allocation delete down.", JournalEvent.Allocate),
        }, host.Problems.Select(problem => (problem.Kind, problem.Message, ((JournalRecord)problem.Target).Event)));
        var failed = Assert.Single(results);
        Assert.Equal((JournalEvent.Allocate, AllocationOutcome.Failed), (failed.Undone, failed.Outcome));
        Assert.Same(failed, Assert.Single(host.Output));
        Assert.Equal(new[] { "Sales", "Trial" }, site.Rules.Select(rule => rule.Name).OrderBy(name => name));
        Assert.Single(site.Allocations);
    }

    [Fact]
    public void A_rule_change_whose_answer_never_came_is_put_back_when_the_rule_is_as_the_change_asked()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales EU\"))");
        Line(JournalEvent.RuleChange, null, 0,
            before: new JournalRule { Id = sales.Id, Name = "Sales", Rule = "((user.group=\"Sales\"))", Comment = string.Empty, Type = LicenseAccessType.Analyzer },
            after: new JournalRule { Id = sales.Id, Name = "Sales", Rule = sales.Rule, Comment = string.Empty, Type = LicenseAccessType.Analyzer });
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host));

        Assert.Empty(host.Problems);
        Assert.Equal(AllocationOutcome.Changed, result.Outcome);
        Assert.Equal("((user.group=\"Sales\"))", site.Rules.Single().Rule);
    }

    [Fact]
    public void A_removed_rule_is_created_again_with_its_comment_and_with_none_when_the_journal_holds_none()
    {
        Line(JournalEvent.RuleRemove, AllocationOutcome.Removed, 0, before: new JournalRule
        {
            Id = Guid.NewGuid(), Name = "Old", Rule = "((user.group=\"Old\"))", Comment = "Kept for the auditors", Type = LicenseAccessType.Professional,
        });
        Line(JournalEvent.RuleRemove, AllocationOutcome.Removed, 1, before: new JournalRule
        {
            Id = Guid.NewGuid(), Name = "Older", Rule = "((user.group=\"Older\"))", Comment = null, Disabled = true, Type = LicenseAccessType.Analyzer,
        });

        var results = Undo(new RecordingHost(approve: true));

        Assert.Equal(new[] { AllocationOutcome.Created, AllocationOutcome.Created }, results.Select(result => result.Outcome));
        Assert.Equal(new[] { ("Old", LicenseAccessType.Professional, "Kept for the auditors", false), ("Older", LicenseAccessType.Analyzer, string.Empty, true) },
            site.Rules.OrderBy(rule => rule.Name).Select(rule => (rule.Name, rule.Type, rule.Comment, rule.Disabled)));
    }

    [Fact]
    public async Task A_created_rule_someone_removes_while_the_undo_removes_it_is_reported_gone_already()
    {
        ChangeJournaled(journal => LicenseRuleJournal.CreateAsync(connection, journal,
            new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" }, Call, Call));
        var removal = site.HeldAnswers.Hold(nameof(ILicenseRuleSite.RemoveRuleAsync), "Trial");
        var host = new RecordingHost(approve: true);

        var undo = Task.Run(() => Undo(host));
        var reached = site.HeldAnswers.Reached(nameof(ILicenseRuleSite.RemoveRuleAsync), "Trial");
        Assert.Same(reached, await Task.WhenAny(reached, undo));
        site.RemoveRuleOutside(site.Rules.Single().Id);
        removal.SetResult();
        var result = Assert.Single(await undo);

        Assert.Empty(host.Problems);
        Assert.Equal((JournalEvent.RuleCreate, AllocationOutcome.AlreadyGone), (result.Undone, result.Outcome));
        Assert.Empty(site.Rules);
    }

    [Theory]
    [InlineData(JournalEvent.RuleChange)]
    [InlineData(JournalEvent.RuleCreate)]
    public async Task A_rule_this_run_created_again_is_compared_by_content_only_so_a_save_that_left_it_as_it_was_stops_nothing(JournalEvent older)
    {
        var definition = new LicenseRuleDefinition { Name = "Sales", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Sales\"))" };
        if (older == JournalEvent.RuleCreate) ChangeJournaled(journal => LicenseRuleJournal.CreateAsync(connection, journal, definition, Call, Call));
        else site.AddRule(definition.Name, definition.Type, definition.Rule);
        if (older == JournalEvent.RuleChange)
            ChangeJournaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, site.Rules.Single(), new LicenseRuleChange { Comment = "Reviewed" }, Call));
        site.UtcNow = site.UtcNow.AddMinutes(1);
        ChangeJournaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, site.Rules.Single(), Call));
        site.UtcNow = site.UtcNow.AddHours(1);
        var read = site.HeldAnswers.Hold(nameof(ILicenseRuleSite.ReadRuleAsync), "Sales");
        var host = new RecordingHost(approve: true);

        var undo = Task.Run(() => Undo(host));
        var reached = site.HeldAnswers.Reached(nameof(ILicenseRuleSite.ReadRuleAsync), "Sales");
        Assert.Same(reached, await Task.WhenAny(reached, undo));
        var again = site.Rules.Single();
        site.ChangeRuleOutside(again.Id, again.Rule);
        read.SetResult();
        var results = await undo;

        Assert.Empty(host.Problems);
        Assert.Equal(new[] { (JournalEvent.RuleRemove, AllocationOutcome.Created), (older, older == JournalEvent.RuleCreate ? AllocationOutcome.Removed : AllocationOutcome.Changed) },
            results.Select(result => (result.Undone, result.Outcome)));
    }
}
