using QlikLicense.Maintenance.Journal;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// License rule changes with their journal lines (<see cref="LicenseRuleJournal"/>), on a site in memory: the intent
/// before anything is sent, the outcome after the site answered, so the undo knows the rule as it was and as it was left.
/// </summary>
public sealed class LicenseRuleJournalTests : InMemorySiteTest
{
    private List<JournalRecord> Lines() => LicenseJournal.Read(Journal, problem => Assert.Fail(problem.ToString())).ToList();

    private T Journaled<T>(Func<LicenseJournal, Task<T>> change)
    {
        using var journal = new LicenseJournal(Journal);
        return change(journal).GetAwaiter().GetResult();
    }

    [Fact]
    public void A_rule_is_journaled_as_asked_before_it_is_created_and_as_created_after_both_naming_the_change_it_undoes()
    {
        var undone = Guid.NewGuid();
        var definition = new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))", Comment = null, Disabled = true };

        var created = Journaled(journal => LicenseRuleJournal.CreateAsync(connection, journal, definition, Call, Call, undone));

        var (intent, outcome) = (Lines()[0], Lines()[1]);
        Assert.Equal(2, Lines().Count);
        Assert.Equal((JournalEvent.RuleCreate, (AllocationOutcome?)null, connection.Site, LicenseAccessType.Analyzer, (Guid?)undone),
            (intent.Event, intent.Outcome, intent.Site, intent.Type, intent.Undoes));
        Assert.Equal(("Trial", LicenseAccessType.Analyzer, "((user.group=\"Trial\"))", string.Empty, true, (Guid?)null),
            (intent.RuleAfter.Name, intent.RuleAfter.Type, intent.RuleAfter.Rule, intent.RuleAfter.Comment, intent.RuleAfter.Disabled, intent.RuleAfter.Id));
        Assert.Equal((JournalEvent.RuleCreate, (AllocationOutcome?)AllocationOutcome.Created, intent.OperationId, (Guid?)undone, (Guid?)created.Id, created.AccessGroupId),
            (outcome.Event, outcome.Outcome, outcome.OperationId, outcome.Undoes, outcome.RuleAfter.Id, outcome.RuleAfter.AccessGroupId));
        Assert.NotEqual(Guid.Empty, intent.OperationId);
    }

    [Fact]
    public void A_change_is_journaled_with_the_rule_as_it_was_and_as_asked_then_as_the_site_stored_it()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        var reviewed = site.Rules.Single();
        File.Delete(Journal);

        var renamed = Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, reviewed,
            new LicenseRuleChange { Name = "Sales EU", Rule = "((user.group=\"Sales EU\"))", Disabled = true }, Call));

        var (intent, outcome) = (Lines()[0], Lines()[1]);
        Assert.Equal((JournalEvent.RuleChange, (AllocationOutcome?)null, (AllocationOutcome?)AllocationOutcome.Changed, intent.OperationId),
            (intent.Event, intent.Outcome, outcome.Outcome, outcome.OperationId));
        var before = intent.RuleBefore;
        Assert.Equal((sales.Id, "Sales", "((user.group=\"Sales\"))", "Reviewed", false, reviewed.ModifiedDate, reviewed.ModifiedByUserName, sales.AccessGroupId, sales.AccessGroupName),
            (before.Id.Value, before.Name, before.Rule, before.Comment, before.Disabled, before.ModifiedDate, before.ModifiedByUserName, before.AccessGroupId, before.AccessGroupName));
        var asked = intent.RuleAfter;
        Assert.Equal(("Sales EU", "((user.group=\"Sales EU\"))", "Reviewed", true, (DateTime?)null),
            (asked.Name, asked.Rule, asked.Comment, asked.Disabled, asked.ModifiedDate));
        Assert.Equal((renamed.ModifiedDate, "Sales EU", true), (outcome.RuleAfter.ModifiedDate, outcome.RuleAfter.Name, outcome.RuleAfter.Disabled));
        Assert.True(renamed.ModifiedDate > reviewed.ModifiedDate);
    }

    [Fact]
    public void A_change_keeps_the_parts_it_does_not_name_as_they_were_read()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))", disabled: true);
        Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        var reviewed = site.Rules.Single();
        File.Delete(Journal);

        Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, reviewed, new LicenseRuleChange { Rule = "((user.group=\"Sales EU\"))" }, Call));

        var asked = Lines()[0].RuleAfter;
        Assert.Equal(("Sales", "((user.group=\"Sales EU\"))", "Reviewed", true), (asked.Name, asked.Rule, asked.Comment, asked.Disabled));
    }

    [Fact]
    public void The_access_group_read_with_the_rule_is_journaled_as_the_rule_after_the_change()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        // QRS answers an update with the system rule only: the access group's name is the one read before.
        sales.AccessGroupName = "Sales (read)";

        var changed = Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));

        Assert.Equal("Sales (read)", changed.AccessGroupName);
        Assert.Equal("Sales (read)", Lines()[1].RuleAfter.AccessGroupName);
    }

    [Fact]
    public void A_change_that_changes_nothing_is_sent_without_a_journal_line()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");

        var answered = Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Name = "Sales", Disabled = false }, Call));

        Assert.Equal(sales.Id, answered.Id);
        Assert.Contains(nameof(ILicenseRuleSite.UpdateRuleAsync), site.Calls);
        Assert.Empty(Lines());
    }

    [Fact]
    public void A_change_the_site_refuses_is_journaled_as_failed_with_its_message_and_thrown_on()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        site.FailWhen = name => name == nameof(ILicenseRuleSite.UpdateRuleAsync)
            ? new SiteException(SiteKind.QlikSense, SiteErrorKind.BadRequest, "PUT", "/systemrule", 400, "The rule text does not parse.")
            : null;

        var error = Assert.Throws<SiteException>(() => Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Rule = "((" }, Call)));

        Assert.Equal("The rule text does not parse.", error.Message);
        var failed = Lines()[1];
        Assert.Equal((JournalEvent.RuleChange, (AllocationOutcome?)AllocationOutcome.Failed, error.Message, (JournalRule)null),
            (failed.Event, failed.Outcome, failed.Message, failed.RuleAfter));
        Assert.Equal(Lines()[0].OperationId, failed.OperationId);
    }

    [Fact]
    public void A_rule_changed_by_someone_else_since_it_was_read_is_journaled_as_failed_and_thrown_on()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        site.ChangeRuleOutside(sales.Id, "((user.group=\"Interns\"))");

        Assert.Throws<LicenseRuleException>(() => Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call)));

        Assert.Equal(new AllocationOutcome?[] { null, AllocationOutcome.Failed }, Lines().Select(line => line.Outcome));
    }

    [Fact]
    public void A_removal_is_journaled_with_the_rule_as_it_was_and_a_rule_gone_already_as_already_gone()
    {
        var old = site.AddRule("Old", LicenseAccessType.Professional, "((user.group=\"Old\"))");

        var first = Journaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, old, Call));
        var second = Journaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, old, Call));

        Assert.Equal((true, false), (first, second));
        var lines = Lines();
        Assert.Equal(new AllocationOutcome?[] { null, AllocationOutcome.Removed, null, AllocationOutcome.AlreadyGone }, lines.Select(line => line.Outcome));
        Assert.All(lines, line => Assert.Equal((JournalEvent.RuleRemove, LicenseAccessType.Professional), (line.Event, line.Type)));
        Assert.Equal(("Old", old.Id), (lines[0].RuleBefore.Name, lines[0].RuleBefore.Id.Value));
        Assert.Null(lines[1].RuleAfter);
    }

    [Fact]
    public void The_comment_asked_for_a_new_rule_is_journaled_in_its_intent()
    {
        var definition = new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))", Comment = "Trial seats until March" };

        Journaled(journal => LicenseRuleJournal.CreateAsync(connection, journal, definition, Call, Call));

        Assert.Equal("Trial seats until March", Lines()[0].RuleAfter.Comment);
    }

    [Fact]
    public void A_changed_comment_is_journaled_as_asked_with_the_comment_read_before_it()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call));
        var reviewed = site.Rules.Single();
        File.Delete(Journal);

        Journaled(journal => LicenseRuleJournal.UpdateAsync(connection, journal, reviewed, new LicenseRuleChange { Comment = "Reviewed again" }, Call));

        var intent = Lines()[0];
        Assert.Equal(("Reviewed", "Reviewed again"), (intent.RuleBefore.Comment, intent.RuleAfter.Comment));
    }

    [Fact]
    public void A_rule_read_without_a_comment_is_journaled_with_an_empty_one()
    {
        var old = site.AddRule("Old", LicenseAccessType.Professional, "((user.group=\"Old\"))");
        // QRS leaves the comment out of a rule that never had one.
        old.Comment = null;

        Journaled(journal => LicenseRuleJournal.RemoveAsync(connection, journal, old, Call));

        Assert.Equal(string.Empty, Lines()[0].RuleBefore.Comment);
    }

    // The rule cmdlets block on these calls on the pipeline thread: in a single-threaded context they would wait for
    // themselves if the change went on in it. The site's answer comes later, on another thread.
    [Fact]
    public async Task Creating_a_rule_goes_on_outside_the_callers_context_when_the_site_answers()
    {
        using var journal = new LicenseJournal(Journal);
        var definition = new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" };
        var post = site.HeldAnswers.Hold(nameof(ILicenseRuleSite.CreateRuleAsync), "Trial");

        var created = await CallersContext.AnswerOutsideTheCallersContext(() => LicenseRuleJournal.CreateAsync(connection, journal, definition, Call, Call), post);

        Assert.Equal("Trial", created.Name);
    }

    // A change that changes nothing is sent without a journal line, on a path of its own.
    [Theory]
    [InlineData("Reviewed")]
    [InlineData("")]
    public async Task Changing_a_rule_goes_on_outside_the_callers_context_when_the_site_answers_whether_or_not_it_changes_anything(string comment)
    {
        using var journal = new LicenseJournal(Journal);
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        var put = site.HeldAnswers.Hold(nameof(ILicenseRuleSite.UpdateRuleAsync), "Sales");

        var answered = await CallersContext.AnswerOutsideTheCallersContext(
            () => LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = comment }, Call), put);

        Assert.Equal((sales.Id, comment), (answered.Id, answered.Comment));
        Assert.Equal(comment.Length == 0 ? 0 : 2, Lines().Count);
    }

    [Fact]
    public async Task Removing_a_rule_goes_on_outside_the_callers_context_when_the_site_answers()
    {
        using var journal = new LicenseJournal(Journal);
        var old = site.AddRule("Old", LicenseAccessType.Professional, "((user.group=\"Old\"))");
        var delete = site.HeldAnswers.Hold(nameof(ILicenseRuleSite.RemoveRuleAsync), "Old");

        Assert.True(await CallersContext.AnswerOutsideTheCallersContext(() => LicenseRuleJournal.RemoveAsync(connection, journal, old, Call), delete));
    }
}
