using System.Diagnostics;
using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>
/// Removal under a failing network and a failing server, and under Ctrl+C: every allocation ends accounted for,
/// the journal tells the truth about the site, and a second run finishes the rest without removing anything twice.
/// </summary>
public sealed class FaultToleranceTests : SiteSessionTest
{
    private const string LeaverDirectory = "LEAVERS";
    private const string FindLeavers = "Get-QlikInactiveLicensedUser | Where-Object UserDirectory -eq 'LEAVERS'";
    private static readonly string[] AllocationPaths = ["/qrs/license/professionalaccesstype/", "/qrs/license/analyzeraccesstype/"];

    private string journal;

    protected override void Prepare()
    {
        journal = Path.Combine(tempFolder, "journal.jsonl");
        session.SetVariable("journal", journal);
    }

    [Fact]
    public void At_a_ten_percent_fault_rate_every_allocation_is_accounted_for_and_a_second_run_finishes_without_removing_twice()
    {
        var leavers = AddLeavers(1000);
        // Faults hit the DELETEs and their read-backs, not the discovery before them.
        session.Invoke($"$candidates = @({FindLeavers})");
        site.Faults.AppliesTo = (method, path) => method == "DELETE" || (method == "GET" && IsAllocationRead(path));
        site.Faults.ServiceUnavailableRate = 0.034;
        site.Faults.ResetBeforeRate = 0.033;
        site.Faults.ResetAfterRate = 0.033;

        var first = session.Invoke("$candidates | Remove-QlikLicenseAllocation -Confirm:$false -MaximumCount 1000 -ThrottleLimit 16 -JournalPath $journal");

        Assert.Null(first.Terminating);
        Assert.True(site.Faults.InjectedCount > 100, $"only {site.Faults.InjectedCount} faults were injected");
        var results = first.Output.ToDictionary(item => Guid.Parse(item.Text("AllocationId")), item => item.Text("Outcome"));
        Assert.Equal(leavers.Keys.OrderBy(id => id), results.Keys.OrderBy(id => id));
        Assert.All(results.Values, outcome => Assert.Contains(outcome, new[] { "Released", "Failed", "Unknown" }));
        var failed = results.Where(pair => pair.Value != "Released").Select(pair => pair.Key).ToHashSet();
        Assert.Equal(failed.OrderBy(id => id), first.Errors.Select(error => AllocationIdOf(error.TargetObject)).OrderBy(id => id));

        var operations = Operations(JournalLines);
        Assert.Equal(1000, operations.Count);
        foreach (var operation in operations)
        {
            var id = operation.AllocationId;
            Assert.Equal(results[id], operation.Outcome);
            var present = IsPresent(leavers[id], id);
            if (operation.Outcome == "Released") Assert.False(present, $"{id} is journaled Released but still on the site");
            // Failed says the DELETE did not happen; Unknown (the read-back itself failed) allows either state,
            // and Restore-QlikLicenseAllocation treats it as undoable.
            else if (operation.Outcome == "Failed") Assert.True(present, $"{id} is journaled Failed but gone: {operation.Message}");
        }

        var firstRunRequests = site.Requests.Snapshot();
        var leftAfterFirst = leavers.Where(pair => IsPresent(pair.Value, pair.Key)).Select(pair => pair.Key).ToHashSet();
        site.Faults.Reset();
        site.Requests.Clear();

        var second = session.Invoke($"{FindLeavers} | Remove-QlikLicenseAllocation -Confirm:$false -MaximumCount 1000 -JournalPath $journal");

        Assert.Empty(second.AllErrors);
        Assert.Equal(leftAfterFirst.OrderBy(id => id), second.Output.Select(item => Guid.Parse(item.Text("AllocationId"))).OrderBy(id => id));
        Assert.All(second.Output, item => Assert.Equal("Released", item.Text("Outcome")));
        Assert.All(leavers, pair => Assert.False(IsPresent(pair.Value, pair.Key)));

        var secondRunDeletes = Deletes(site.Requests.Snapshot()).ToList();
        Assert.Equal(leftAfterFirst.OrderBy(id => id), secondRunDeletes.Select(entry => entry.Id).OrderBy(id => id));
        foreach (var group in Deletes(firstRunRequests).GroupBy(entry => entry.Id))
        {
            Assert.Contains(group.Key, leavers.Keys);
            // Each further DELETE of an allocation is a retry of one that failed (503, or no answer).
            var failedTries = group.Count(entry => entry.Status is 0 or 503);
            Assert.True(group.Count() <= 1 + failedTries, $"{group.Key} was sent {group.Count()} DELETEs after {failedTries} failed tries");
        }
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.ResetBefore)]
    [InlineData(FaultKind.ResetAfter)]
    public void A_delete_whose_answer_was_lost_is_released_even_when_the_read_back_fails_once(FaultKind readBackFault)
    {
        var leaver = AddLeavers(1).Single();
        session.Invoke($"$candidates = @({FindLeavers})");
        site.Requests.Clear();
        site.Faults.AppliesTo = (method, path) => method == "DELETE" || (method == "GET" && IsAllocationRead(path));
        site.Faults.FailNext(FaultKind.ResetAfter);
        // The retried DELETE passes (and finds nothing left); then the first read-back fails.
        site.Faults.FailNext(FaultKind.None);
        site.Faults.FailNext(readBackFault);

        var result = session.Invoke("$candidates | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Released", result.Output.Single().Text("Outcome"));
        Assert.False(IsPresent(leaver.Value, leaver.Key));
        Assert.Equal(2, site.Requests.Count("DELETE"));
        Assert.Equal(2, site.Requests.Snapshot().Count(entry => entry.Method == "GET" && IsAllocationRead(entry.Path)));
        Assert.Equal(new[] { ("Release", (string)null), ("Result", "Released") },
            JournalLines.Select(line => ((string)line["event"], (string)line["outcome"])));
    }

    [Fact]
    public void Ctrl_c_mid_removal_ends_promptly_with_the_journal_matching_the_site()
    {
        var leavers = AddLeavers(200);
        session.Invoke($"$candidates = @({FindLeavers})");
        site.Faults.Latency = TimeSpan.FromMilliseconds(50);

        var watch = Stopwatch.StartNew();
        var result = session.InvokeAndStopAfter("$candidates | Remove-QlikLicenseAllocation -Confirm:$false -MaximumCount 200 -JournalPath $journal",
            TimeSpan.FromSeconds(1));
        watch.Stop();

        Assert.IsAssignableFrom<PipelineStoppedException>(result.Terminating);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the pipeline took {watch.Elapsed.TotalSeconds:0.0} s to end");
        var operations = Operations(JournalLines).ToDictionary(operation => operation.AllocationId);
        var gone = leavers.Where(pair => !IsPresent(pair.Value, pair.Key)).Select(pair => pair.Key).ToList();
        Assert.NotEmpty(gone);
        Assert.True(gone.Count < leavers.Count, "the removal finished before it was stopped");
        foreach (var id in gone)
        {
            Assert.True(operations.TryGetValue(id, out var operation), $"{id} is gone without a Release record");
            Assert.Contains(operation.Outcome, new[] { "Released", "Quarantined" });
        }
        foreach (var id in leavers.Keys.Except(gone))
            Assert.True(!operations.TryGetValue(id, out var operation) || operation.Outcome == "Failed",
                $"{id} is still on the site but journaled {operation?.Outcome ?? "without a result"}");
    }

    /// <summary>Users gone from their directory, each holding one allocation last used a month ago; allocation id → kind.</summary>
    [Fact]
    public async Task A_session_killed_outright_mid_removal_leaves_every_change_on_the_site_with_its_intent_line()
    {
        var leavers = AddLeavers(400);
        // The site refuses any change the journal does not name yet, and slows the DELETEs so the kill lands mid-run.
        site.WriteAhead.JournalPath = journal;
        site.Faults.AppliesTo = (method, path) => method == "DELETE";
        site.Faults.Latency = TimeSpan.FromMilliseconds(40);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var childDll = Path.Combine(RepositoryPaths.Root, "tests", "QlikLicense.JournalChild", "bin", configuration, "net10.0", "QlikLicense.JournalChild.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { childDll, site.HostName, site.QrsPort.ToString(), site.ClientCertificatePath, site.CaCertificatePath, journal,
                     $"{FindLeavers} | Remove-QlikLicenseAllocation -Confirm:$false -MaximumCount 1000 -ThrottleLimit 8 -JournalPath $journal" })
            start.ArgumentList.Add(argument);

        using var child = Process.Start(start)!;
        await child.StandardInput.WriteLineAsync(site.ClientCertificatePassword);
        child.StandardInput.Close();
        var waited = Stopwatch.StartNew();
        while (site.Requests.Count("DELETE") < 40)
        {
            if (child.HasExited) Assert.Fail("the child ended before it was killed: " + await child.StandardOutput.ReadToEndAsync());
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), "the child sent too few DELETEs");
            await Task.Delay(20);
        }
        child.Kill(entireProcessTree: true); // SIGKILL: no handler, no finally, no flush runs in the child
        await child.WaitForExitAsync();
        await Task.Delay(500); // requests already on the server finish

        var removed = leavers.Where(pair => !IsPresent(pair.Value, pair.Key)).Select(pair => pair.Key).ToList();
        Assert.InRange(removed.Count, 40, leavers.Count - 1);
        var intents = new HashSet<Guid>();
        foreach (var line in File.ReadAllLines(journal))
        {
            JObject record;
            try
            {
                record = JObject.Parse(line);
            }
            catch (Newtonsoft.Json.JsonException)
            {
                continue; // a line the kill cut off
            }
            if ((string)record["event"] == "Release") intents.Add(Guid.Parse((string)record["allocationId"]!));
        }
        Assert.All(removed, id => Assert.Contains(id, intents));
        Assert.Empty(site.WriteAhead.Violations);
    }

    private Dictionary<Guid, AccessKind> AddLeavers(int count)
    {
        var leavers = new Dictionary<Guid, AccessKind>();
        var lastUsed = site.Store.Clock.UtcNow.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            var user = site.Store.AddUser(LeaverDirectory, $"leaver{i:0000}", $"Leaver {i}", removedExternally: true);
            var kind = i % 2 == 0 ? AccessKind.Analyzer : AccessKind.Professional;
            var allocation = site.Store.AddAllocation(kind, Guid.Parse((string)user["id"]), lastUsed);
            leavers.Add(Guid.Parse((string)allocation["id"]), kind);
        }
        return leavers;
    }

    private bool IsPresent(AccessKind kind, Guid allocationId) =>
        site.Store.Find(kind == AccessKind.Professional ? "license/professionalaccesstype" : "license/analyzeraccesstype", allocationId) != null;

    /// <summary>A read of one allocation, or of several (the read-back of a batch of releases is a filtered <c>/full</c>).</summary>
    private static bool IsAllocationRead(string path) =>
        AllocationPaths.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal) && (path[prefix.Length..] == "full" || Guid.TryParse(path[prefix.Length..], out _)));

    private static IEnumerable<(Guid Id, int Status)> Deletes(IEnumerable<RequestLogEntry> requests) =>
        requests.Where(entry => entry.Method == "DELETE").Select(entry => (Guid.Parse(entry.Path[(entry.Path.LastIndexOf('/') + 1)..]), entry.Status));

    private static Guid AllocationIdOf(object target) => (Guid)PSObject.AsPSObject(target).Get("Id");

    private List<JObject> JournalLines => File.ReadAllLines(journal).Select(JObject.Parse).ToList();

    private sealed record Operation(Guid AllocationId, string Outcome, string Message);

    /// <summary>Each Release with its Result (null outcome when it has none); a Result always follows its own Release.</summary>
    private static List<Operation> Operations(List<JObject> lines)
    {
        var resultsByOperation = lines.Select((line, index) => (Line: line, Index: index)).Where(entry => (string)entry.Line["event"] == "Result")
            .ToLookup(entry => (string)entry.Line["operationId"]);
        var operations = new List<Operation>();
        foreach (var (release, index) in lines.Select((line, index) => (line, index)).Where(entry => (string)entry.line["event"] == "Release"))
        {
            var results = resultsByOperation[(string)release["operationId"]].ToList();
            Assert.True(results.Count <= 1, $"operation {release["operationId"]} has {results.Count} results");
            var result = results.SingleOrDefault();
            if (result.Line != null)
            {
                Assert.True(index < result.Index, $"the result of operation {release["operationId"]} comes before its release");
                Assert.Equal((string)release["allocationId"], (string)result.Line["allocationId"]);
            }
            operations.Add(new Operation(Guid.Parse((string)release["allocationId"]), (string)result.Line?["outcome"], (string)result.Line?["message"] ?? string.Empty));
        }
        return operations;
    }
}
