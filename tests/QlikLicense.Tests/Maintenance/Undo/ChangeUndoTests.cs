using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Release;
using QlikLicense.Maintenance.Undo;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>The one undo (<see cref="ChangeUndo"/>) in both its forms, on a site in memory: each change taken back and journaled itself.</summary>
public sealed class ChangeUndoTests : InMemorySiteTest
{
    private IReadOnlyList<JournalRecord> Journaled => JournalOperations.Read(Journal).Operations;

    private List<JObject> Lines(string path) => File.ReadAllLines(path).Select(JObject.Parse).ToList();

    private void Release(params LicenseAllocation[] allocations) =>
        new ReleaseOperation(new RecordingHost(approve: true)) { JournalPath = Journal }.Run(allocations, Call, CancellationToken.None);

    private IReadOnlyList<ChangeUndoResult> Undo(RecordingHost host, UndoForm form = UndoForm.Undo, string journalPath = null) =>
        new ChangeUndo(connection, host, form, () => site.UtcNow) { JournalPath = journalPath }.Run(Journaled, null, Call, Call);

    [Fact]
    public void Releases_in_a_row_are_given_back_from_one_plan_and_each_give_back_is_journaled_naming_its_release()
    {
        var idle = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "idle"));
        var recent = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "recent"), lastUsed: site.UtcNow.AddDays(-1));
        Release(idle, recent);
        var host = new RecordingHost(approve: true);
        var callsBefore = site.Calls.Count;

        var results = Undo(host);

        Assert.Equal(AllocationOutcome.Allocated, results.Single(result => result.Target.Contains("CORP\\idle")).Outcome);
        Assert.Equal(AllocationOutcome.Reinstated, results.Single(result => result.Target.Contains("CORP\\recent")).Outcome);
        Assert.Equal(2, site.Allocations.Count(allocation => !allocation.Quarantined));
        Assert.Equal(1, site.Calls.Skip(callsBefore).Count(call => call == nameof(ISite.LookUpUsersInBatches)));
        Assert.All(host.Asked, asked => Assert.Equal(ChangeImpact.High, asked.Impact));
        Assert.Equal(results.Cast<object>(), host.Output);
        var undos = Lines(Journal).Skip(4).ToList();
        Assert.Equal(4, undos.Count);
        Assert.All(undos, line => Assert.Equal("Restore", (string)line["event"]));
        Assert.All(undos, line => Assert.NotNull(line["undoes"]));
        Assert.Empty(Undo(new RecordingHost(approve: true)));
    }

    [Fact]
    public void An_allocation_is_taken_back_and_the_undo_is_recorded_in_the_journal_chosen()
    {
        var user = site.AddUser("CORP", "jdoe");
        new AllocationGrant(connection, () => site.UtcNow).Run(new[] { GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user) },
            new GrantOptions { JournalPath = Journal }, new RecordingHost(approve: true), Call);
        var chosen = folder.File("undo.jsonl");

        var result = Assert.Single(Undo(new RecordingHost(approve: true), journalPath: chosen));

        Assert.Equal((JournalEvent.Allocate, AllocationOutcome.Released), (result.Undone, result.Outcome));
        Assert.Equal(chosen, result.JournalPath);
        Assert.Empty(site.Allocations);
        Assert.Equal(2, Lines(Journal).Count);
        Assert.Equal(2, Lines(chosen).Count);
    }

    [Fact]
    public void A_created_rule_is_removed_a_changed_one_put_back_and_a_removed_one_created_again()
    {
        using (var journal = new LicenseJournal(Journal))
        {
            LicenseRuleJournal.CreateAsync(connection, journal, new LicenseRuleDefinition { Name = "Trial", Type = LicenseAccessType.Analyzer, Rule = "((user.group=\"Trial\"))" },
                Call, Call).GetAwaiter().GetResult();
            var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
            LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed", Disabled = true }, Call).GetAwaiter().GetResult();
            var old = site.AddRule("Old", LicenseAccessType.Professional, "((user.group=\"Old\"))");
            LicenseRuleJournal.RemoveAsync(connection, journal, old, Call).GetAwaiter().GetResult();
        }

        var results = Undo(new RecordingHost(approve: true));

        Assert.Equal(new[] { AllocationOutcome.Created, AllocationOutcome.Changed, AllocationOutcome.Removed }, results.Select(result => result.Outcome));
        Assert.Equal(new[] { "Old", "Sales" }, site.Rules.Select(rule => rule.Name).OrderBy(name => name));
        var salesNow = site.Rules.Single(rule => rule.Name == "Sales");
        Assert.Equal((string.Empty, false), (salesNow.Comment, salesNow.Disabled));
    }

    [Fact]
    public void A_rule_someone_changed_since_is_not_put_back_and_nothing_is_written()
    {
        var sales = site.AddRule("Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        using (var journal = new LicenseJournal(Journal))
            LicenseRuleJournal.UpdateAsync(connection, journal, sales, new LicenseRuleChange { Comment = "Reviewed" }, Call).GetAwaiter().GetResult();
        site.ChangeRuleOutside(sales.Id, "((user.group=\"Sales\" or user.group=\"Interns\"))");
        var host = new RecordingHost(approve: true);
        var lines = Lines(Journal).Count;

        Assert.Empty(Undo(host));

        var problem = Assert.Single(host.Problems);
        Assert.Equal(ProblemKind.LicenseRuleChangedSince, problem.Kind);
        Assert.Contains("CORP\\otheradmin", problem.Message);
        Assert.Equal("Reviewed", site.Rules.Single().Comment);
        Assert.Equal(lines, Lines(Journal).Count);
    }

    [Fact]
    public void The_restore_form_gives_back_the_latest_release_of_each_user_asks_as_a_restore_and_reports_allocation_results()
    {
        var user = site.AddUser("CORP", "jdoe", name: "John Doe");
        Release(site.AddAllocation(LicenseAccessType.Analyzer, user));
        site.UtcNow = site.UtcNow.AddHours(1);
        Release(site.AddAllocation(LicenseAccessType.Analyzer, user));
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host, UndoForm.Restore));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        var output = Assert.IsType<AllocationChangeResult>(Assert.Single(host.Output));
        Assert.Equal(("jdoe", AllocationOutcome.Allocated), (output.UserId, output.Outcome));
        Assert.Equal(("CORP\\jdoe (John Doe)", "Restore Analyzer access", ChangeImpact.Medium), Assert.Single(host.Asked));
        Assert.Contains(host.Verbose, line => line.StartsWith("1 to restore;") && line.Contains("1 covered by a later release"));
    }

    [Fact]
    public void Changes_of_another_site_are_problems_each_and_the_rest_is_undone()
    {
        var user = site.AddUser("CORP", "jdoe");
        Release(site.AddAllocation(LicenseAccessType.Professional, user));
        var elsewhere = new InMemorySite("other.example");
        elsewhere.Connect();
        Release(elsewhere.AddAllocation(LicenseAccessType.Professional, elsewhere.AddUser("CORP", "ckent")));
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        var problem = Assert.Single(host.Problems);
        Assert.Equal(ProblemKind.JournalSiteMismatch, problem.Kind);
        Assert.Equal("ckent", ((JournalRecord)problem.Target).UserId);
    }

    private void Allocate(string userId, string journalPath)
    {
        var user = site.AddUser("CORP", userId);
        new AllocationGrant(connection, () => site.UtcNow).Run(new[] { GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user) },
            new GrantOptions { JournalPath = journalPath }, new RecordingHost(approve: true), Call);
    }

    [Fact]
    public void Without_a_journal_chosen_each_undo_is_recorded_in_the_journal_of_the_change_it_takes_back()
    {
        var other = folder.File("other.jsonl");
        Allocate("jdoe", Journal);
        Allocate("ckent", other);
        var host = new RecordingHost(approve: true);

        var results = new ChangeUndo(connection, host).Run(JournalOperations.Read(Journal).Operations.Concat(JournalOperations.Read(other).Operations).ToList(), null, Call, Call);

        Assert.Equal(new[] { (true, other), (false, Journal) }, results.Select(result => (result.Target.Contains("CORP\\ckent"), result.JournalPath)));
        Assert.Equal(new[] { "jdoe", "jdoe" }, Lines(Journal).Skip(2).Select(line => (string)line["userId"]));
        Assert.Equal(new[] { "ckent", "ckent" }, Lines(other).Skip(2).Select(line => (string)line["userId"]));
        Assert.Equal(new[] { other, Journal }, host.Journals);
    }

    [Fact]
    public void An_undo_that_runs_again_opens_its_journals_again()
    {
        Allocate("jdoe", Journal);
        var undo = new ChangeUndo(connection, new RecordingHost(approve: true), UndoForm.Undo, () => site.UtcNow);
        Assert.Equal(AllocationOutcome.Released, Assert.Single(undo.Run(Journaled, null, Call, Call)).Outcome);
        Allocate("ckent", Journal);

        var result = Assert.Single(undo.Run(Journaled, null, Call, Call));

        Assert.Equal((AllocationOutcome.Released, "ckent"), (result.Outcome, (string)Lines(Journal).Last()["userId"]));
        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void A_journal_that_cannot_be_written_stops_the_undo_saying_nothing_more_was_undone_and_the_restore_nothing_more_was_allocated()
    {
        var blocker = folder.File("blocker");
        File.WriteAllText(blocker, "a file, not a folder");
        var unwritable = Path.Combine(blocker, "undo.jsonl");
        Allocate("jdoe", Journal);
        Release(site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "ckent")));

        var undo = Assert.Throws<OperationException>(() => Undo(new RecordingHost(approve: true), journalPath: unwritable));
        var restore = Assert.Throws<OperationException>(() => Undo(new RecordingHost(approve: true), UndoForm.Restore, unwritable));

        Assert.Equal((ProblemKind.JournalNotWritable, ProblemKind.JournalNotWritable), (undo.Problem.Kind, restore.Problem.Kind));
        Assert.EndsWith(" Nothing more was undone.", undo.Message);
        Assert.EndsWith(" Nothing more was allocated.", restore.Message);
        Assert.Equal("jdoe", site.Allocations.Single().UserId);
    }

    [Fact]
    public void A_result_names_the_journal_it_was_recorded_in_by_its_full_path()
    {
        Allocate("jdoe", Journal);
        var chosen = Path.Combine(folder.Path, "sub", "..", "undo.jsonl");

        var result = Assert.Single(Undo(new RecordingHost(approve: true), journalPath: chosen));

        Assert.Equal((AllocationOutcome.Released, folder.File("undo.jsonl")), (result.Outcome, result.JournalPath));
    }

    [Fact]
    public void A_give_back_that_finds_the_access_held_again_sends_nothing_and_names_the_journal_chosen()
    {
        var user = site.AddUser("CORP", "jdoe");
        Release(site.AddAllocation(LicenseAccessType.Analyzer, user));
        site.AddAllocation(LicenseAccessType.Analyzer, user);
        var chosen = folder.File("undo.jsonl");

        var result = Assert.Single(Undo(new RecordingHost(approve: true), journalPath: chosen));

        Assert.Equal((AllocationOutcome.AlreadyAllocated, chosen), (result.Outcome, result.JournalPath));
        Assert.False(File.Exists(chosen));
    }

    [Fact]
    public void A_result_made_outside_an_undo_has_empty_texts_rather_than_none()
    {
        var result = new ChangeUndoResult();

        Assert.Equal((string.Empty, string.Empty, string.Empty), (result.Target, result.JournalPath, result.Site));
    }

    [Fact]
    public void An_undo_closes_its_journals_when_it_ends_so_another_program_can_take_them_for_itself()
    {
        Allocate("jdoe", Journal);
        var chosen = folder.File("undo.jsonl");
        Release(site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "ckent")));

        Assert.Equal(2, Undo(new RecordingHost(approve: true), journalPath: chosen).Count);

        using (var exclusive = new FileStream(chosen, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            Assert.True(exclusive.Length > 0);
        Assert.Equal(4, File.ReadAllLines(chosen).Length);
    }
}
