using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>Every kind of change journaled with its intent before it is sent, and Undo-QlikLicenseChange taking each back.</summary>
public sealed class UndoTests : SiteSessionTest
{
    private string journal;

    protected override void Prepare()
    {
        journal = Path.Combine(tempFolder, "changes.jsonl");
        session.SetVariable("journal", journal);
        // Every change request must find its intent in the journal already.
        site.WriteAhead.JournalPath = journal;
    }

    private JObject StoredRule(string name) =>
        site.Store.All(QrsTypes.SystemRule).SingleOrDefault(rule => rule.Value<string>("name") == name);

    private Guid UserKey(string userId) => Guid.Parse((string)site.Store.FindUser("CORP", userId)["id"]);

    private JObject Holding(AccessKind kind, string userId) => site.Store.FindAllocation(kind, UserKey(userId));

    private List<JObject> JournalLines => File.ReadAllLines(journal).Select(JObject.Parse).ToList();

    /// <summary>One change of each kind: allocate, release, create a rule, change the seed rule, remove it.</summary>
    private void MakeOneChangeOfEachKind()
    {
        var made = session.Invoke(
            "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId wmaximoff -JournalPath $journal -Confirm:$false\n" +
            "Get-QlikLicenseAllocation -UserId bwayne | Remove-QlikLicenseAllocation -JournalPath $journal -Confirm:$false\n" +
            "New-QlikLicenseRule -Name 'Trial analyzers' -Type Analyzer -Rule '((user.group=\"Trial\"))' -JournalPath $journal -Confirm:$false\n" +
            "Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Comment 'Reviewed' -Disabled -JournalPath $journal -Confirm:$false\n" +
            "Get-QlikLicenseRule -Name 'Sales analyzers' | Remove-QlikLicenseRule -JournalPath $journal -Confirm:$false");
        Assert.Empty(made.AllErrors);
    }

    [Fact]
    public void Every_change_is_journaled_intent_first_outcome_after_and_listed_by_kind_user_and_rule()
    {
        MakeOneChangeOfEachKind();

        Assert.Empty(site.WriteAhead.Violations);
        var lines = JournalLines;
        Assert.All(lines, line => Assert.Equal(2, (int)line["format"]));
        Assert.Equal(10, lines.Count);
        var all = session.Invoke("Get-QlikLicenseJournal -Path $journal");
        Assert.Equal(new[] { "Allocate", "Release", "RuleCreate", "RuleChange", "RuleRemove" }, all.Output.Select(item => item.Text("Event")));
        Assert.Equal(new[] { "Allocated", "Released", "Created", "Changed", "Removed" }, all.Output.Select(item => item.Text("Outcome")));

        var change = session.Invoke("$c = Get-QlikLicenseJournal -Path $journal -Kind RuleChange; " +
                                    "$c.RuleBefore.Comment; $c.RuleBefore.Disabled; $c.RuleAfter.Comment; $c.RuleAfter.Disabled; $c.RuleBefore.Rule");
        Assert.Equal(new[] { "", "False", "Reviewed", "True", "((user.group=\"Sales\"))" }, change.Output.Select(item => item.ToString()));
        var removal = session.Invoke("(Get-QlikLicenseJournal -Path $journal -RuleName 'sales*' -Kind RuleRemove).RuleBefore.AccessGroupId");
        Assert.NotNull(Assert.Single(removal.Output));
        Assert.Equal("wmaximoff", Assert.Single(session.Invoke("Get-QlikLicenseJournal -Path $journal -UserId 'CORP\\wm*'").Output).Text("UserId"));
        Assert.Empty(session.Invoke("Get-QlikLicenseJournal -Path $journal -Until ([datetime]::UtcNow.AddDays(-1))").Output);
    }

    [Fact]
    public void Piping_a_journal_into_the_undo_that_writes_to_it_undoes_each_change_once_newest_first()
    {
        var salesBefore = StoredRule("Sales analyzers");
        var bwayneBefore = (string)Holding(AccessKind.Professional, "bwayne")["id"];
        MakeOneChangeOfEachKind();

        var undone = session.Invoke("Get-QlikLicenseJournal -Path $journal | Undo-QlikLicenseChange -Confirm:$false");

        Assert.Empty(undone.AllErrors);
        Assert.Empty(site.WriteAhead.Violations);
        Assert.Equal(new[] { "RuleRemove", "RuleChange", "RuleCreate", "Release", "Allocate" }, undone.Output.Select(item => item.Text("Undone")));
        Assert.Equal(new[] { "Created", "Changed", "Removed", "Allocated", "Released" }, undone.Output.Select(item => item.Text("Outcome")));
        Assert.Null(Holding(AccessKind.Analyzer, "wmaximoff"));
        Assert.False((bool)Holding(AccessKind.Professional, "bwayne")["quarantined"]);
        Assert.NotEqual(bwayneBefore, (string)Holding(AccessKind.Professional, "bwayne")["id"]);
        Assert.Null(StoredRule("Trial analyzers"));
        var sales = StoredRule("Sales analyzers");
        Assert.Equal((string)salesBefore["rule"], (string)sales["rule"]);
        Assert.Equal("", (string)sales["comment"]);
        Assert.False((bool)sales["disabled"]);
        Assert.Equal(10 + 10, JournalLines.Count);
        Assert.Equal(5, JournalLines.Count(line => line["undoes"] != null) / 2);

        // Undone once: each change and the undo that took it back cancel out, so undoing the whole journal again changes nothing.
        var again = session.InvokeAsUser("Undo-QlikLicenseChange -JournalPath $journal -WhatIf -Verbose");
        Assert.Empty(again.WhatIfLines);
        Assert.Contains("10 undone before", again.HostText);
    }

    [Fact]
    public void Changes_piped_with_a_JournalPath_are_undone_alone_and_recorded_in_the_journal_named()
    {
        MakeOneChangeOfEachKind();
        var undoJournal = Path.Combine(tempFolder, "undo.jsonl");
        session.SetVariable("undoJournal", undoJournal);
        site.WriteAhead.JournalPath = undoJournal;
        var linesBefore = JournalLines.Count;

        var undone = session.Invoke("Get-QlikLicenseJournal -Path $journal -Kind RuleCreate, Allocate | Undo-QlikLicenseChange -JournalPath $undoJournal -Confirm:$false");

        Assert.Empty(undone.AllErrors);
        Assert.Empty(site.WriteAhead.Violations);
        Assert.Equal(new[] { "RuleCreate", "Allocate" }, undone.Output.Select(item => item.Text("Undone")));
        Assert.All(undone.Output, item => Assert.Equal(Path.GetFullPath(undoJournal), item.Text("JournalPath")));
        Assert.Null(StoredRule("Trial analyzers"));
        Assert.Null(Holding(AccessKind.Analyzer, "wmaximoff"));
        // The changes left out of the selection stay made: the seed rule is still removed, bwayne still released.
        Assert.Null(StoredRule("Sales analyzers"));
        Assert.True(Holding(AccessKind.Professional, "bwayne") is not { } held || (bool)held["quarantined"]);
        Assert.Equal(linesBefore, JournalLines.Count);
        Assert.Equal(4, File.ReadAllLines(undoJournal).Length);
    }

    [Fact]
    public void The_changes_since_a_time_piped_into_the_undo_of_their_own_journal_are_the_only_ones_undone()
    {
        session.Invoke("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId wmaximoff -JournalPath $journal -Confirm:$false");
        session.SetVariable("cutoff", DateTime.UtcNow);
        Thread.Sleep(20);
        session.Invoke("New-QlikLicenseRule -Name 'Trial analyzers' -Type Analyzer -Rule '((user.group=\"Trial\"))' -JournalPath $journal -Confirm:$false");

        var undone = session.Invoke("Get-QlikLicenseJournal -Path $journal -Since $cutoff | Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");

        Assert.Empty(undone.AllErrors);
        Assert.Equal("RuleCreate", Assert.Single(undone.Output).Text("Undone"));
        Assert.Null(StoredRule("Trial analyzers"));
        Assert.NotNull(Holding(AccessKind.Analyzer, "wmaximoff"));
        Assert.Empty(site.WriteAhead.Violations);
    }

    [Theory]
    [InlineData("Get-QlikLicenseAllocation -UserId jdoe | Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false")]
    [InlineData("Get-QlikLicenseAllocation -UserId jdoe | Undo-QlikLicenseChange -Confirm:$false")]
    public void Objects_piped_in_that_are_not_journal_records_stop_the_undo_before_any_change(string pipeline)
    {
        MakeOneChangeOfEachKind();
        var lines = JournalLines.Count;
        site.Requests.Clear();

        var result = session.Invoke(pipeline);

        Assert.Equal("JournalRecordExpected", result.FirstErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.FirstError.CategoryInfo.Category);
        Assert.Contains("Nothing was undone.", result.FirstError.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Equal(0, site.Requests.Count("POST") + site.Requests.Count("PUT") + site.Requests.Count("DELETE"));
        Assert.Equal(lines, JournalLines.Count);
    }

    [Fact]
    public void An_empty_selection_piped_in_undoes_nothing()
    {
        MakeOneChangeOfEachKind();
        site.Requests.Clear();

        var result = session.Invoke("Get-QlikLicenseJournal -Path $journal -Since ([datetime]::UtcNow.AddDays(1)) | Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
        Assert.Equal(0, site.Requests.Count("POST") + site.Requests.Count("PUT") + site.Requests.Count("DELETE"));
        Assert.Equal(10, JournalLines.Count);
    }

    [Fact]
    public void An_undo_is_journaled_and_can_itself_be_undone_when_chosen_alone()
    {
        var changed = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Comment 'Reviewed' -JournalPath $journal -Confirm:$false");
        Assert.Empty(changed.AllErrors);

        Assert.Empty(session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false").AllErrors);
        Assert.Equal("", (string)StoredRule("Sales analyzers")["comment"]);

        Assert.Empty(session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false").Output);
        var redo = session.Invoke("Get-QlikLicenseJournal -Path $journal | Where-Object Undoes | Undo-QlikLicenseChange -Confirm:$false");
        Assert.Empty(redo.AllErrors);
        Assert.Equal("RuleChange", Assert.Single(redo.Output).Text("Undone"));
        Assert.Equal("Reviewed", (string)StoredRule("Sales analyzers")["comment"]);
    }

    [Fact]
    public void Undoing_an_allocation_whose_release_was_undone_takes_back_the_seat_given_back()
    {
        var made = session.Invoke(
            "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId wmaximoff -JournalPath $journal -Confirm:$false\n" +
            "Get-QlikLicenseAllocation -UserId wmaximoff | Remove-QlikLicenseAllocation -JournalPath $journal -Confirm:$false\n" +
            "Get-QlikLicenseJournal -Path $journal -Kind Release | Undo-QlikLicenseChange -Confirm:$false");
        Assert.Empty(made.AllErrors);
        var givenBack = Holding(AccessKind.Analyzer, "wmaximoff");
        Assert.NotNull(givenBack);

        // The allocation journaled first is gone; the seat the undo gave back is the one to take back.
        var undone = session.Invoke("Get-QlikLicenseJournal -Path $journal -Kind Allocate | Undo-QlikLicenseChange -Confirm:$false");

        Assert.Empty(undone.AllErrors);
        Assert.Equal("Released", Assert.Single(undone.Output).Text("Outcome"));
        Assert.Null(Holding(AccessKind.Analyzer, "wmaximoff"));
    }

    [Fact]
    public void Putting_back_a_rule_someone_changed_since_is_refused_and_writes_nothing()
    {
        session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Comment 'Reviewed' -JournalPath $journal -Confirm:$false");
        var other = (JObject)StoredRule("Sales analyzers").DeepClone();
        other["rule"] = "((user.group=\"Sales\" or user.group=\"Interns\"))";
        other["modifiedDate"] = QrsDates.Format(site.Store.Clock.UtcNow.AddMinutes(5));
        other["modifiedByUserName"] = "CORP\\otheradmin";
        site.Store.Replace(QrsTypes.SystemRule, other);
        site.Requests.Clear();

        var result = session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");

        Assert.Equal("LicenseRuleChangedSince", result.FirstErrorId);
        Assert.Contains("CORP\\otheradmin", result.FirstError!.Exception.Message);
        Assert.Equal(0, site.Requests.Count("PUT"));
        Assert.Equal("Reviewed", (string)StoredRule("Sales analyzers")["comment"]);
    }

    [Fact]
    public void WhatIf_lists_each_undo_and_changes_nothing()
    {
        MakeOneChangeOfEachKind();
        var lines = File.ReadAllLines(journal).Length;
        site.Requests.Clear();

        var result = session.InvokeAsUser("Undo-QlikLicenseChange -JournalPath $journal -WhatIf");

        Assert.Equal(5, result.WhatIfLines.Count());
        Assert.Contains(result.WhatIfLines, line => line.Contains("Give back") && line.Contains("Professional access of CORP\\bwayne"));
        Assert.Equal(0, site.Requests.Count("POST") + site.Requests.Count("PUT") + site.Requests.Count("DELETE"));
        Assert.Equal(lines, File.ReadAllLines(journal).Length);
    }

    [Theory]
    [InlineData(ReinstateBehaviour.PutOrPost, 0)]
    [InlineData(ReinstateBehaviour.PutOnly, 0)]
    [InlineData(ReinstateBehaviour.PostOnly, 1)]
    public void A_quarantined_allocation_is_reinstated_by_PUT_and_by_POST_when_the_site_refuses_the_PUT(ReinstateBehaviour behaviour, int posts)
    {
        site.Store.Reinstate = behaviour;
        var quarantinedId = (string)Holding(AccessKind.Analyzer, "nromanoff")["id"];

        var result = session.Invoke("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId nromanoff -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Reinstated", Assert.Single(result.Output).Text("Outcome"));
        var held = Holding(AccessKind.Analyzer, "nromanoff");
        Assert.Equal(quarantinedId, (string)held["id"]);
        Assert.False((bool)held["quarantined"]);
        Assert.Equal(1, site.Requests.Count("PUT", "/qrs/license/analyzeraccesstype/"));
        Assert.Equal(posts, site.Requests.Count("POST", "/qrs/license/analyzeraccesstype"));
        Assert.Empty(site.WriteAhead.Violations);
        Assert.Equal("Reinstated", (string)JournalLines.Last()["outcome"]);
    }

    [Theory]
    [InlineData(ReinstateBehaviour.PutOnly)]
    [InlineData(ReinstateBehaviour.PostOnly)]
    public void Undoing_a_release_into_quarantine_reinstates_it_whichever_way_the_site_takes(ReinstateBehaviour behaviour)
    {
        site.Store.Reinstate = behaviour;
        var released = session.Invoke("Get-QlikLicenseAllocation -UserId jdoe | Remove-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");
        Assert.Equal("Quarantined", Assert.Single(released.Output).Text("Outcome"));

        var undone = session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");

        Assert.Empty(undone.AllErrors);
        Assert.Equal("Reinstated", Assert.Single(undone.Output).Text("Outcome"));
        Assert.False((bool)Holding(AccessKind.Professional, "jdoe")["quarantined"]);
        Assert.Empty(site.WriteAhead.Violations);
    }

    [Fact]
    public void A_retried_PUT_refused_by_its_own_landed_change_is_reported_as_made()
    {
        site.Faults.AppliesTo = (method, path) => method == "PUT" && path.StartsWith("/qrs/systemrule/");
        site.Faults.FailNext(FaultKind.ResetAfter);

        var result = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Comment 'Reviewed' -PassThru -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Reviewed", Assert.Single(result.Output).Text("Comment"));
        Assert.Contains(site.Requests.Snapshot(), entry => entry.Method == "PUT" && entry.Status == 409);
        Assert.Equal("Changed", (string)JournalLines.Last()["outcome"]);
    }

    [Fact]
    public void Journals_of_the_current_release_are_still_read()
    {
        var allocationId = (string)Holding(AccessKind.Professional, "bwayne")["id"];
        var key = UserKey("bwayne");
        site.Store.Remove(QrsTypes.ProfessionalAccessType, Guid.Parse(allocationId));
        var site_ = $"{site.HostName}:{site.QrsPort}";
        File.WriteAllLines(journal, new[]
        {
            // Lines exactly as the first release writes them (no "format" field; the rule journal's own shape).
            $"{{\"time\":\"2026-11-20T09:00:00.000Z\",\"event\":\"Release\",\"operationId\":\"6f1c2b9e-1d7a-4a43-9c55-0b1e2f3a4b5c\",\"site\":\"{site_}\",\"allocationId\":\"{allocationId}\",\"type\":\"Professional\",\"userKey\":\"{key}\",\"userDirectory\":\"CORP\",\"userId\":\"bwayne\",\"userName\":\"Bruce Wayne\",\"lastUsed\":\"2026-05-01T08:00:00.000Z\"}}",
            $"{{\"time\":\"2026-11-20T09:00:01.000Z\",\"event\":\"Result\",\"operationId\":\"6f1c2b9e-1d7a-4a43-9c55-0b1e2f3a4b5c\",\"site\":\"{site_}\",\"allocationId\":\"{allocationId}\",\"type\":\"Professional\",\"userKey\":\"{key}\",\"userDirectory\":\"CORP\",\"userId\":\"bwayne\",\"userName\":\"Bruce Wayne\",\"lastUsed\":\"2026-05-01T08:00:00.000Z\",\"outcome\":\"Released\"}}",
            $"{{\"time\":\"2026-11-20T10:00:00.000Z\",\"site\":\"{site_}\",\"action\":\"RemoveRule\",\"ruleId\":\"0b7d3c1e-5f2a-4e8b-9d6c-7a1b2c3d4e5f\",\"name\":\"Old analyzers\",\"type\":\"Analyzer\",\"rule\":\"((user.group=\\\"Old\\\"))\",\"comment\":\"\",\"disabled\":false,\"accessGroupId\":\"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\",\"accessGroupName\":\"Old analyzers\",\"modifiedDate\":\"2026-11-01T08:00:00.000Z\",\"modifiedByUserName\":\"CORP\\\\admin\"}}",
        });

        var read = session.Invoke("Get-QlikLicenseJournal -Path $journal");

        Assert.Empty(read.AllErrors);
        Assert.Empty(read.Warnings);
        Assert.Equal(new[] { "Release", "RuleRemove" }, read.Output.Select(item => item.Text("Event")));
        Assert.Equal("Released", read.Output[0].Text("Outcome"));
        Assert.Equal("Analyzer license rule 'Old analyzers'", read.Output[1].Text("Target"));
        Assert.Equal("1", read.Output[1].Text("Format"));

        site.WriteAhead.JournalPath = null;
        var undone = session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");
        Assert.Empty(undone.AllErrors);
        Assert.Equal(new[] { "Created", "Allocated" }, undone.Output.Select(item => item.Text("Outcome")));
        Assert.NotNull(StoredRule("Old analyzers"));
    }

    [Fact]
    public void The_first_releases_separate_rule_journal_is_read_beside_the_sites_journal()
    {
        var defaultJournal = (string)session.Invoke("[QlikLicense.Maintenance.Journal.LicenseJournal]::DefaultPath((Get-QlikConnection).Site)").Output.Single().BaseObject;
        var siteName = $"{site.HostName}:{site.QrsPort}";
        Directory.CreateDirectory(Path.GetDirectoryName(defaultJournal)!);
        File.WriteAllLines(defaultJournal, new[]
        {
            $"{{\"time\":\"2026-11-20T09:00:00.000Z\",\"event\":\"Release\",\"operationId\":\"6f1c2b9e-1d7a-4a43-9c55-0b1e2f3a4b5c\",\"site\":\"{siteName}\",\"allocationId\":\"{Guid.NewGuid()}\",\"type\":\"Professional\",\"userKey\":\"{Guid.NewGuid()}\",\"userDirectory\":\"CORP\",\"userId\":\"bwayne\",\"userName\":\"Bruce Wayne\",\"lastUsed\":null}}",
        });
        File.WriteAllLines(Path.ChangeExtension(defaultJournal, ".rules.jsonl"), new[]
        {
            $"{{\"time\":\"2026-11-19T10:00:00.000Z\",\"site\":\"{siteName}\",\"action\":\"RemoveRule\",\"ruleId\":\"0b7d3c1e-5f2a-4e8b-9d6c-7a1b2c3d4e5f\",\"name\":\"Old analyzers\",\"type\":\"Analyzer\",\"rule\":\"((user.group=\\\"Old\\\"))\",\"comment\":\"\",\"disabled\":false,\"accessGroupId\":\"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\",\"accessGroupName\":\"Old analyzers\",\"modifiedDate\":\"2026-11-01T08:00:00.000Z\",\"modifiedByUserName\":\"CORP\\\\admin\"}}",
        });

        var read = session.Invoke("Get-QlikLicenseJournal");

        Assert.Empty(read.AllErrors);
        Assert.Equal(new[] { "RuleRemove", "Release" }, read.Output.Select(item => item.Text("Event")));
        // A journal named with -Path is read alone.
        session.SetVariable("defaultJournal", defaultJournal);
        Assert.Equal(new[] { "Release" }, session.Invoke("Get-QlikLicenseJournal -Path $defaultJournal").Output.Select(item => item.Text("Event")));
    }

    [Fact]
    public void A_removed_rule_whose_journal_line_lacks_its_name_is_reported_not_undoable_and_nothing_is_created()
    {
        var site_ = $"{site.HostName}:{site.QrsPort}";
        var rulesBefore = site.Store.All(QrsTypes.SystemRule).Count();
        // A rule journal line of the first release cut down to no name: nothing says what to create.
        File.WriteAllLines(journal, new[]
        {
            $"{{\"time\":\"2026-11-20T10:00:00.000Z\",\"site\":\"{site_}\",\"action\":\"RemoveRule\",\"ruleId\":\"0b7d3c1e-5f2a-4e8b-9d6c-7a1b2c3d4e5f\",\"type\":\"Analyzer\",\"rule\":\"((user.group=\\\"Old\\\"))\",\"disabled\":false}}",
        });

        site.WriteAhead.JournalPath = null;
        var undone = session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");

        Assert.Equal("ChangeNotUndoable", undone.FirstErrorId);
        Assert.Empty(undone.Output);
        Assert.Equal(rulesBefore, site.Store.All(QrsTypes.SystemRule).Count());
    }
}
