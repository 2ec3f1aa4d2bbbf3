using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

public sealed class RemoveLicenseAllocationTests : SiteSessionTest
{
    private string journal;

    protected override void Prepare()
    {
        journal = Path.Combine(tempFolder, "journal.jsonl");
        session.SetVariable("journal", journal);
    }


    private int Allocations => site.Store.Count("license/professionalaccesstype") + site.Store.Count("license/analyzeraccesstype");

    private List<JObject> JournalLines => File.ReadAllLines(journal).Select(JObject.Parse).ToList();

    [Fact]
    public void WhatIf_changes_nothing_and_says_what_it_would_release_once_per_allocation()
    {
        var before = Allocations;
        var result = session.InvokeAsUser("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf -JournalPath $journal");

        Assert.Equal(new[]
        {
            "What if: Performing the operation \"Release license allocation\" on target \"Professional access of CORP\\bwayne (Bruce Wayne)\".",
            "What if: Performing the operation \"Release license allocation\" on target \"Analyzer access of CORP\\ckent (Clark Kent)\".",
            "What if: Performing the operation \"Release license allocation\" on target \"Analyzer access of CORP\\hquinn (Harleen Quinzel)\".",
            "What if: Performing the operation \"Release license allocation\" on target \"Analyzer access of CORP EU\\françois.dupont (François Dupont)\".",
        }, result.WhatIfLines.ToArray());
        Assert.Equal(before, Allocations);
        Assert.Equal(0, site.Requests.Count("DELETE"));
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public void Confirm_prompts_per_allocation_and_yes_no_yes_to_all_behave_as_in_powershell()
    {
        session.Host.ChoiceAnswers.Enqueue("Y");
        session.Host.ChoiceAnswers.Enqueue("N");
        session.Host.ChoiceAnswers.Enqueue("A");
        var result = session.Invoke("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -JournalPath $journal");

        Assert.Equal(3, result.HostLines.Count(line => line.Stream == HostStream.Prompt));
        Assert.Equal(new[] { "bwayne", "françois.dupont", "hquinn" }, result.Output.Select(item => item.Text("UserId")).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(3, site.Requests.Count("DELETE"));
        // The one answered "No" keeps its allocation.
        var ckent = Guid.Parse((string)site.Store.FindUser("CORP", "ckent")["id"]);
        Assert.NotNull(site.Store.FindAllocation(AccessKind.Analyzer, ckent));
    }

    [Fact]
    public void No_to_all_stops_asking_and_removes_nothing_more()
    {
        session.Host.ChoiceAnswers.Enqueue("Y");
        session.Host.ChoiceAnswers.Enqueue("L");
        var result = session.Invoke("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -JournalPath $journal");

        Assert.Equal(2, result.HostLines.Count(line => line.Stream == HostStream.Prompt));
        Assert.Single(result.Output);
        Assert.Equal(1, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void Removal_journals_each_allocation_before_the_delete_and_reports_released_or_quarantined()
    {
        var recent = site.Store.AddUser("CORP", "left.yesterday", "Left Yesterday", removedExternally: true);
        site.Store.AddAllocation(AccessKind.Professional, Guid.Parse((string)recent["id"]), DateTime.UtcNow.AddDays(-1));

        var result = session.Invoke("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        var outcomes = result.Output.ToDictionary(item => item.Text("UserId"), item => item.Text("Outcome"));
        Assert.Equal("Quarantined", outcomes["left.yesterday"]);
        Assert.Equal("Released", outcomes["bwayne"]);
        Assert.Equal(4, outcomes.Values.Count(outcome => outcome == "Released"));
        Assert.NotNull(result.Output.Single(item => item.Text("UserId") == "left.yesterday").Get("QuarantineEnd"));

        var lines = JournalLines;
        Assert.Equal(10, lines.Count);
        foreach (var release in lines.Where(line => (string)line["event"] == "Release"))
        {
            var outcome = lines.Single(line => (string)line["event"] == "Result" && (string)line["operationId"] == (string)release["operationId"]);
            Assert.True(lines.IndexOf(release) < lines.IndexOf(outcome));
            Assert.Equal((string)release["allocationId"], (string)outcome["allocationId"]);
            Assert.Equal($"localhost:{site.QrsPort}", (string)release["site"]);
            Assert.NotNull((string)release["userKey"]);
        }
        var ckent = lines.First(line => (string)line["userId"] == "ckent");
        Assert.Equal(JTokenType.Null, ckent["lastUsed"].Type);
    }

    [Fact]
    public void The_journal_holds_the_intent_even_when_the_delete_fails()
    {
        site.Faults.AppliesTo = (method, path) => method == "DELETE";
        site.Faults.ServiceUnavailableRate = 1;
        var result = session.Invoke("Get-QlikInactiveLicensedUser -Type Professional | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

        Assert.Equal("Failed", result.Output.Single().Text("Outcome"));
        Assert.Equal("QrsServerError", result.FirstErrorId);
        Assert.Equal(new[] { "Release", "Result" }, JournalLines.Select(line => (string)line["event"]));
        Assert.Equal("Failed", (string)JournalLines[1]["outcome"]);
    }

    [Fact]
    public void A_delete_whose_response_was_lost_but_which_the_server_executed_is_reported_as_released()
    {
        site.Faults.AppliesTo = (method, path) => method == "DELETE";
        site.Faults.FailNext(FaultKind.ResetAfter);
        var result = session.Invoke("Get-QlikInactiveLicensedUser -Type Professional | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Released", result.Output.Single().Text("Outcome"));
        Assert.Equal(2, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void An_allocation_someone_else_removed_meanwhile_is_already_gone()
    {
        session.Invoke("$candidates = Get-QlikInactiveLicensedUser -Type Professional");
        var bwayne = site.Store.FindUser("CORP", "bwayne");
        var allocation = site.Store.FindAllocation(AccessKind.Professional, Guid.Parse((string)bwayne["id"]));
        site.Store.Remove("license/professionalaccesstype", Guid.Parse((string)allocation["id"]));

        var result = session.Invoke("$candidates | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        Assert.Equal("AlreadyGone", result.Output.Single().Text("Outcome"));
    }

    [Fact]
    public void Allocations_of_a_closed_connection_are_refused_before_anything_is_journaled()
    {
        var result = session.Invoke("$candidates = Get-QlikInactiveLicensedUser; Disconnect-QlikSense; $candidates | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

        Assert.Equal("ConnectionClosed", result.FirstErrorId);
        Assert.False(File.Exists(journal));
        Assert.Equal(0, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void More_than_the_maximum_count_is_refused_before_anything_is_removed()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -MaximumCount 3 -JournalPath $journal");

        Assert.Equal("MaximumCountExceeded", result.FirstErrorId);
        Assert.Contains("-MaximumCount 3", result.FirstError.Exception.Message);
        Assert.Equal(0, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void Removal_by_id_and_type_reads_the_allocation_first_for_the_journal()
    {
        var zoe = site.Store.FindUser("CORP EU", "zoë.müller");
        var allocation = site.Store.FindAllocation(AccessKind.Analyzer, Guid.Parse((string)zoe["id"]));
        var result = session.Invoke($"Remove-QlikLicenseAllocation -Id {allocation["id"]} -Type Analyzer -Confirm:$false -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Quarantined", result.Output.Single().Text("Outcome"));
        Assert.Equal("Zoë Müller", (string)JournalLines[0]["userName"]);
        var missing = session.Invoke($"Remove-QlikLicenseAllocation -Id {Guid.NewGuid()} -Type Analyzer -Confirm:$false -JournalPath $journal");
        Assert.Equal("AllocationNotFound", missing.FirstErrorId);
    }

    [Fact]
    public void Two_thousand_releases_cost_one_delete_each_and_one_read_back_per_fifty()
    {
        var leavers = new HashSet<string>();
        for (var i = 0; i < 2000; i++)
        {
            var user = site.Store.AddUser("LEAVERS", $"leaver{i:0000}", $"Leaver {i}", removedExternally: true);
            var allocation = site.Store.AddAllocation(i % 2 == 0 ? AccessKind.Analyzer : AccessKind.Professional, Guid.Parse((string)user["id"]), DateTime.UtcNow.AddDays(-30));
            leavers.Add((string)allocation["id"]);
        }
        session.Invoke("$candidates = @(Get-QlikInactiveLicensedUser | Where-Object UserDirectory -eq 'LEAVERS')");
        site.Requests.Clear();

        var result = session.Invoke("$candidates | Remove-QlikLicenseAllocation -Confirm:$false -MaximumCount 2000 -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        Assert.Equal(2000, result.Output.Count(item => item.Text("Outcome") == "Released"));
        var requests = site.Requests.Snapshot();
        Assert.Equal(2000, requests.Count(entry => entry.Method == "DELETE"));
        // 1,000 of each access type, read back 50 at a time: 20 filtered reads per type.
        var readBacks = requests.Where(entry => entry.Method == "GET").ToList();
        Assert.All(readBacks, entry => Assert.EndsWith("accesstype/full", entry.Path));
        Assert.Equal(40, readBacks.Count);
        var named = readBacks.SelectMany(entry => System.Text.RegularExpressions.Regex.Matches(entry.Filter, @"id eq ([0-9a-f-]{36})").Select(match => match.Groups[1].Value)).ToList();
        Assert.Equal(leavers.OrderBy(id => id), named.OrderBy(id => id));
        Assert.True(requests.Count <= 1.05 * 2000, $"{requests.Count} requests for 2,000 releases");
        Assert.DoesNotContain(site.Store.All("license/professionalaccesstype").Concat(site.Store.All("license/analyzeraccesstype")), allocation => leavers.Contains((string)allocation["id"]));
    }

    [Fact]
    public void Many_removals_run_concurrently_with_progress_and_exactly_one_delete_each()
    {
        for (var i = 0; i < 40; i++)
        {
            var user = site.Store.AddUser("CORP", $"leaver{i:00}", $"Leaver {i}", removedExternally: true);
            site.Store.AddAllocation(i % 2 == 0 ? AccessKind.Analyzer : AccessKind.Professional, Guid.Parse((string)user["id"]), DateTime.UtcNow.AddDays(-30));
        }
        site.Faults.Latency = TimeSpan.FromMilliseconds(20);

        var result = session.Invoke("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -ThrottleLimit 8 -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        Assert.Equal(44, result.Output.Count);
        Assert.Equal(44, site.Requests.Count("DELETE"));
        Assert.NotEmpty(result.Progress);
        Assert.Empty(session.Invoke("Get-QlikInactiveLicensedUser").Output);
    }
}
