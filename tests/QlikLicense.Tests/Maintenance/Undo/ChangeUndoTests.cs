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
}
