using System.Diagnostics;
using System.Globalization;
using QlikLicense.Hosting;
using QlikLicense.Simulator;

namespace QlikLicense.Benchmarks;

/// <summary>
/// Remove-QlikLicenseAllocation over many allocations with a simulated network latency on every request: one DELETE
/// at a time against the module's bounded concurrency (-ThrottleLimit). Each run gets a fresh site holding the seed
/// plus the leavers to remove, and must show exactly one DELETE per allocation in the simulator's request log. The
/// table gives the requests per released allocation (DELETEs and read-backs) and each run's speed against the first.
/// </summary>
public static class RemovalBenchmark
{
    private const string LeaverDirectory = "LEAVERS";

    public static async Task<int> RunAsync(int allocations, TimeSpan latency, IReadOnlyList<int> throttleLimits, CancellationToken cancellation)
    {
        Report.Heading($"Removal: {allocations:N0} allocations, {latency.TotalMilliseconds:0} ms latency per request");
        var rows = new List<string[]>();
        var allExact = true;
        TimeSpan? firstWall = null;
        // One engine for every run: the import is measured on its own (the import benchmark), not here.
        using var session = new ModuleSession();
        foreach (var throttleLimit in throttleLimits)
        {
            cancellation.ThrowIfCancellationRequested();
            await using var site = await SimulatedSite.StartAsync(ct: cancellation);
            AddLeavers(site, allocations);
            session.ConnectTo(site);
            var journalFolder = Directory.CreateTempSubdirectory("qliklicense-bench-journal-").FullName;
            try
            {
                session.SetVariable("journal", Path.Combine(journalFolder, "journal.jsonl"));
                var found = session.Invoke($"$candidates = @(Get-QlikInactiveLicensedUser | Where-Object UserDirectory -eq '{LeaverDirectory}'); $candidates.Count");
                var candidates = (int)found.Output.Single().BaseObject;
                if (candidates != allocations) throw new InvalidOperationException($"Discovery found {candidates} leavers, not {allocations}.");

                site.Requests.Clear();
                site.Faults.Latency = latency;
                var watch = Stopwatch.StartNew();
                var removal = session.Invoke(
                    $"$candidates | Remove-QlikLicenseAllocation -Confirm:$false -ThrottleLimit {throttleLimit} -MaximumCount {allocations} -JournalPath $journal");
                watch.Stop();
                site.Faults.Reset();

                var deletes = site.Requests.Count("DELETE");
                var requests = site.Requests.Snapshot().Count;
                var outcomes = removal.Output.GroupBy(item => item.Text("Outcome")).OrderBy(group => group.Key, StringComparer.Ordinal)
                    .Select(group => $"{group.Key} {group.Count()}");
                var exact = deletes == allocations && removal.FirstError == null;
                allExact &= exact;
                Console.WriteLine($"ThrottleLimit {throttleLimit}: {watch.Elapsed.TotalSeconds:0.0} s; the simulator saw {deletes:N0} DELETEs for {allocations:N0} allocations " +
                                  $"({(exact ? "exactly one each" : "MISMATCH")}); errors: {removal.AllErrors.Count()}.");
                firstWall ??= watch.Elapsed;
                rows.Add([
                    throttleLimit.ToString(CultureInfo.InvariantCulture) + (throttleLimit == Maintenance.Release.ReleaseOperation.DefaultThrottleLimit ? " (default)" : string.Empty),
                    Report.Seconds(watch.Elapsed), Report.Number(deletes), Report.Number((double)requests / allocations, "0.000"),
                    Report.Number(allocations / watch.Elapsed.TotalSeconds, "0.0"), Report.Number(firstWall.Value / watch.Elapsed, "0.00"),
                    string.Join(", ", outcomes),
                ]);
            }
            finally
            {
                Directory.Delete(journalFolder, recursive: true);
            }
        }
        Report.Table(["ThrottleLimit", "Wall", "DELETEs seen", "QRS requests per release (DELETE + read-back GET)", "Allocations/s",
            $"Speed against ThrottleLimit {throttleLimits[0]}", "Outcomes"], rows);
        return allExact ? 0 : 1;
    }

    /// <summary>Users gone from their directory, each holding one allocation last used a month ago (so it is released, not quarantined).</summary>
    private static void AddLeavers(SimulatedSite site, int count)
    {
        var lastUsed = DateTime.UtcNow.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            var user = site.Store.AddUser(LeaverDirectory, $"leaver{i:00000}", $"Leaver {i}", removedExternally: true);
            site.Store.AddAllocation(i % 2 == 0 ? AccessKind.Analyzer : AccessKind.Professional, Guid.Parse((string)user["id"]), lastUsed);
        }
    }
}
