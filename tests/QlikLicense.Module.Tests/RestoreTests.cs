using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

public sealed class RestoreTests : SiteSessionTest
{
    private const string ReleaseAll = "Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal";
    private string journal;

    /// <summary>(type, user key) to allocation id for every allocation the inactive users held before the release.</summary>
    private Dictionary<(AccessKind Kind, Guid User), string> before;

    protected override void Prepare()
    {
        // Used yesterday: its release goes into quarantine, so the restore reinstates it.
        var recent = site.Store.AddUser("CORP", "left.yesterday", "Left Yesterday", removedExternally: true);
        site.Store.AddAllocation(AccessKind.Professional, Guid.Parse((string)recent["id"]), site.Store.Clock.UtcNow.AddDays(-1));
        journal = Path.Combine(tempFolder, "journal.jsonl");
        session.SetVariable("journal", journal);

        before = new();
        foreach (var user in new[] { ("CORP", "bwayne"), ("CORP", "ckent"), ("CORP", "hquinn"), ("CORP EU", "françois.dupont"), ("CORP", "left.yesterday") })
        {
            var key = Guid.Parse((string)site.Store.FindUser(user.Item1, user.Item2)["id"]);
            foreach (var kind in new[] { AccessKind.Professional, AccessKind.Analyzer })
                if (site.Store.FindAllocation(kind, key) is { } allocation) before[(kind, key)] = (string)allocation["id"];
        }
        var released = session.Invoke(ReleaseAll);
        Assert.Empty(released.AllErrors);
        Assert.Equal(5, released.Output.Count);
        Assert.Equal("Quarantined", released.Output.Single(item => item.Text("UserId") == "left.yesterday").Text("Outcome"));
    }


    private List<JObject> JournalLines => File.ReadAllLines(journal).Select(JObject.Parse).ToList();

    private JObject Holding(AccessKind kind, Guid user) => site.Store.FindAllocation(kind, user);

    private bool HoldsActive(AccessKind kind, Guid user) => Holding(kind, user) is { } allocation && !(bool)allocation["quarantined"];

    [Fact]
    public void Release_then_restore_gives_every_user_its_access_back_and_reinstates_the_quarantined_one_with_the_same_id()
    {
        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Warnings);
        var outcomes = result.Output.ToDictionary(item => item.Text("UserId"), item => item.Text("Outcome"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["bwayne"] = "Allocated", ["ckent"] = "Allocated", ["hquinn"] = "Allocated", ["françois.dupont"] = "Allocated", ["left.yesterday"] = "Reinstated",
        }, outcomes);
        foreach (var ((kind, user), id) in before)
        {
            Assert.True(HoldsActive(kind, user), $"{kind} of {user}");
            if (kind == AccessKind.Professional && user == Guid.Parse((string)site.Store.FindUser("CORP", "left.yesterday")["id"]))
                Assert.Equal(id, (string)Holding(kind, user)["id"]);
        }
        // The quarantined one is reinstated by PUT, the others allocated by POST.
        Assert.Equal(4, site.Requests.Count("POST"));
        Assert.Equal(1, site.Requests.Count("PUT"));
        Assert.All(result.Output, item => Assert.Equal(Path.GetFullPath(journal), item.Text("JournalPath")));
    }

    [Fact]
    public void Each_restore_is_journaled_before_its_post_and_its_outcome_after()
    {
        session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        var restores = JournalLines.Skip(10).ToList();
        Assert.Equal(10, restores.Count);
        Assert.All(restores, line => Assert.Equal("Restore", (string)line["event"]));
        for (var index = 0; index < restores.Count; index += 2)
        {
            Assert.Null(restores[index]["outcome"]);
            Assert.Equal((string)restores[index]["operationId"], (string)restores[index + 1]["operationId"]);
            Assert.Contains((string)restores[index + 1]["outcome"], new[] { "Allocated", "Reinstated" });
        }
    }

    [Fact]
    public void A_second_restore_from_the_same_journal_restores_nothing_again()
    {
        session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");
        site.Requests.Clear();

        var again = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false -Verbose");

        Assert.Empty(again.AllErrors);
        Assert.Empty(again.Output);
        Assert.Equal(0, site.Requests.Count("POST"));
        Assert.Contains(again.Verbose, line => line.Contains("5 restored before"));
    }

    [Fact]
    public void WhatIf_says_what_it_would_restore_once_per_allocation_and_changes_nothing()
    {
        var lines = File.ReadAllLines(journal).Length;
        var result = session.InvokeAsUser("Restore-QlikLicenseAllocation -JournalPath $journal -WhatIf");

        Assert.Equal(5, result.WhatIfLines.Count());
        Assert.Contains("What if: Performing the operation \"Restore Professional access\" on target \"CORP\\bwayne (Bruce Wayne)\".", result.WhatIfLines);
        Assert.Equal(0, site.Requests.Count("POST"));
        Assert.Equal(lines, File.ReadAllLines(journal).Length);
        Assert.False(HoldsActive(AccessKind.Professional, Guid.Parse((string)site.Store.FindUser("CORP", "bwayne")["id"])));
    }

    [Fact]
    public void Confirm_asks_per_allocation()
    {
        session.Host.ChoiceAnswers.Enqueue("Y");
        foreach (var _ in Enumerable.Range(0, 4)) session.Host.ChoiceAnswers.Enqueue("N");

        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm");

        Assert.Equal(5, result.HostLines.Count(line => line.Stream == HostStream.Prompt));
        Assert.Single(result.Output);
        Assert.Equal(1, site.Requests.Count("POST"));
    }

    [Fact]
    public void A_user_who_got_the_access_back_meanwhile_is_already_allocated()
    {
        var bwayne = Guid.Parse((string)site.Store.FindUser("CORP", "bwayne")["id"]);
        site.Store.AddAllocation(AccessKind.Professional, bwayne, null);

        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("AlreadyAllocated", result.Output.Single(item => item.Text("UserId") == "bwayne").Text("Outcome"));
        Assert.Equal(3, site.Requests.Count("POST"));
        Assert.Equal(1, site.Requests.Count("PUT"));
    }

    [Fact]
    public void Records_of_another_site_are_errors_each_and_the_rest_is_restored()
    {
        var lines = JournalLines;
        var other = (string)lines.First(line => (string)line["userId"] == "ckent")["operationId"];
        foreach (var line in lines.Where(line => (string)line["operationId"] == other)) line["site"] = "qlik2.corp.example:4242";
        File.WriteAllLines(journal, lines.Select(line => line.ToString(Newtonsoft.Json.Formatting.None)));

        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Equal("JournalSiteMismatch", result.FirstErrorId);
        Assert.Contains("qlik2.corp.example:4242", error.Exception.Message);
        Assert.Equal(4, result.Output.Count);
        Assert.DoesNotContain(result.Output, item => item.Text("UserId") == "ckent");
    }

    [Fact]
    public void Corrupt_and_cut_off_lines_are_one_warning_with_the_count_and_the_rest_is_restored()
    {
        var text = File.ReadAllText(journal);
        File.WriteAllText(journal, "not json at all\n" + text + text.Split('\n')[0][..60]);

        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Contains("2 lines", Assert.Single(result.Warnings));
        Assert.Contains(result.Verbose, line => line.Contains(":1: not valid JSON"));
        Assert.Contains(result.Verbose, line => line.Contains(":12: not valid JSON"));
        Assert.Equal(5, result.Output.Count);
    }

    [Fact]
    public void A_release_interrupted_before_its_result_is_restored_too()
    {
        var lines = JournalLines;
        var interrupted = lines.First(line => (string)line["userId"] == "hquinn" && (string)line["event"] == "Result");
        lines.Remove(interrupted);
        File.WriteAllLines(journal, lines.Select(line => line.ToString(Newtonsoft.Json.Formatting.None)));

        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        Assert.Equal("Allocated", result.Output.Single(item => item.Text("UserId") == "hquinn").Text("Outcome"));
    }

    [Fact]
    public void A_missing_journal_stops_the_command()
    {
        session.SetVariable("missing", Path.Combine(Path.GetDirectoryName(journal)!, "missing.jsonl"));
        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $missing -Confirm:$false");

        Assert.Equal("JournalNotFound", result.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.FirstError.CategoryInfo.Category);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Get_QlikLicenseJournal_gives_one_record_per_release_with_its_outcome_and_pipes_into_restore()
    {
        var journalView = session.Invoke("Get-QlikLicenseJournal -Path $journal");

        Assert.Equal(5, journalView.Output.Count);
        Assert.All(journalView.Output, item => Assert.Equal("Release", item.Text("Event")));
        Assert.Equal("Quarantined", journalView.Output.Single(item => item.Text("UserId") == "left.yesterday").Text("Outcome"));
        Assert.NotNull(journalView.Output.Single(item => item.Text("UserId") == "left.yesterday").Get("QuarantineEnd"));

        var restored = session.Invoke("Get-QlikLicenseJournal -Path $journal | Where-Object UserId -ne 'ckent' | Restore-QlikLicenseAllocation -Confirm:$false");

        Assert.Empty(restored.AllErrors);
        Assert.Equal(4, restored.Output.Count);
        var afterwards = session.Invoke("Get-QlikLicenseJournal -Path $journal").Output;
        Assert.Equal(9, afterwards.Count);
        Assert.Equal(4, afterwards.Count(item => item.Text("Event") == "Restore" && item.Text("Outcome") is "Allocated" or "Reinstated"));
    }

    [Fact]
    public void Releases_piped_with_a_JournalPath_are_restored_alone_and_recorded_in_the_journal_named()
    {
        var restoreJournal = Path.Combine(tempFolder, "restore.jsonl");
        session.SetVariable("restoreJournal", restoreJournal);
        var lines = JournalLines.Count;

        var restored = session.Invoke("Get-QlikLicenseJournal -Path $journal -UserId 'CORP\\ckent' | Restore-QlikLicenseAllocation -JournalPath $restoreJournal -Confirm:$false");

        Assert.Empty(restored.AllErrors);
        Assert.Equal("ckent", Assert.Single(restored.Output).Text("UserId"));
        Assert.Equal(Path.GetFullPath(restoreJournal), restored.Output[0].Text("JournalPath"));
        Assert.Equal(lines, JournalLines.Count);
        Assert.Equal(2, File.ReadAllLines(restoreJournal).Length);
        Assert.Equal(1, site.Requests.Count("POST"));
    }

    [Fact]
    public void Allocations_piped_in_stop_the_restore_before_any_change()
    {
        var lines = JournalLines.Count;

        var result = session.Invoke("Get-QlikLicenseAllocation | Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        Assert.Equal("JournalRecordExpected", result.FirstErrorId);
        Assert.Contains("Nothing was restored.", result.FirstError.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Equal(0, site.Requests.Count("POST") + site.Requests.Count("PUT"));
        Assert.Equal(lines, JournalLines.Count);
    }

    [Fact]
    public void Since_restores_only_later_releases()
    {
        var later = site.Store.AddUser("CORP", "left.today", "Left Today", removedExternally: true);
        site.Store.AddAllocation(AccessKind.Analyzer, Guid.Parse((string)later["id"]), null);
        session.SetVariable("cutoff", DateTime.UtcNow);
        Thread.Sleep(20);
        session.Invoke(ReleaseAll);

        var result = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Since $cutoff -Confirm:$false");

        Assert.Equal("left.today", Assert.Single(result.Output).Text("UserId"));
    }
}
