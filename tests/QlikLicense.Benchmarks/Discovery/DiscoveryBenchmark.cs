using System.Diagnostics;
using System.Globalization;
using QlikLicense.Simulator;

namespace QlikLicense.Benchmarks.Discovery;

/// <summary>How the inactive licensed users are found.</summary>
public enum DiscoveryApproach
{
    /// <summary>The finder's requests, each answer read to its end and thrown away: what the site's answers alone cost.</summary>
    Answers,
    /// <summary>The finder's requests, each answer parsed as JSON and dropped: the answers plus parsing, without mapping or join.</summary>
    Parsed,
    /// <summary>The module's InactiveLicensedUserFinder called directly: inactive users and allocations read once each, joined in memory.</summary>
    Finder,
    /// <summary>Get-QlikInactiveLicensedUser in the hosted PowerShell engine (the finder plus the engine and the cmdlet).</summary>
    Cmdlet,
    /// <summary>What other tools do: read every allocation, then GET /qrs/user/{id} for each one's user, one after the other.</summary>
    LookupPerAllocation,
}

/// <summary>What one discovery run in a child process found and cost.</summary>
public sealed record DiscoveryRun(int Candidates, RunMeasurement Measurement);

/// <summary>
/// Discovery on generated sites of growing size: the QRS requests it makes (read from the simulator's request log),
/// its wall time and its memory, for the module's approach and for one user lookup per allocation. Each run is a
/// one-shot, cold start in its own process, as a scheduled task would run it.
/// </summary>
public static class DiscoveryBenchmark
{
    /// <param name="rounds">Rounds of every approach in turn on each site, so that runs of the approaches alternate; the split takes each one's median.</param>
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes, int lookupLimit, int rounds, CancellationToken cancellation)
    {
        Report.Heading("Discovery: inactive licensed users");
        var rows = new List<string[]>();
        var requestsPerSize = new Dictionary<int, int>();
        var consistent = true;
        foreach (var users in sizes)
        {
            var build = Stopwatch.StartNew();
            await using var site = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = users }, cancellation);
            build.Stop();
            var allocations = site.Store.Count("license/professionalaccesstype") + site.Store.Count("license/analyzeraccesstype");
            Console.WriteLine($"Site: {users:N0} generated users ({site.Store.Count("user"):N0} with the seed), {allocations:N0} allocations, built in {build.Elapsed.TotalSeconds:0.0} s.");

            var found = new Dictionary<DiscoveryApproach, int>();
            var walls = new Dictionary<DiscoveryApproach, List<TimeSpan>>();
            var cpus = new Dictionary<DiscoveryApproach, List<TimeSpan>>();
            var finderRequests = new List<string>();
            var splitRequests = new List<(DiscoveryApproach Approach, List<string> Shapes)>();
            foreach (var (round, approach) in Enumerable.Range(1, rounds).SelectMany(round => Enum.GetValues<DiscoveryApproach>().Select(approach => (round, approach))))
            {
                if (approach == DiscoveryApproach.LookupPerAllocation && (users > lookupLimit || round > 1))
                {
                    if (round == 1) Console.WriteLine($"  {approach}: skipped above {lookupLimit:N0} users (--lookup-limit).");
                    continue;
                }
                site.Requests.Clear();
                var run = await ChildProcess.RunAsync<DiscoveryRun>(
                    [DiscoveryClient.CommandName, approach.ToString(), site.HostName, site.QrsPort.ToString(CultureInfo.InvariantCulture),
                        site.ClientCertificatePath, site.CaCertificatePath],
                    site.ClientCertificatePassword, cancellation);
                // The cmdlet's Connect-QlikSense checks the connection with GET /qrs/about before the measured run.
                var requests = site.Requests.Snapshot().Where(entry => !entry.Path.StartsWith("/qrs/about", StringComparison.OrdinalIgnoreCase)).ToList();
                var shapes = requests.Select(entry => $"{entry.Method} {entry.Path} {entry.Filter}").Order(StringComparer.Ordinal).ToList();
                if (approach == DiscoveryApproach.Finder)
                {
                    requestsPerSize[users] = requests.Count;
                    finderRequests = shapes;
                }
                (walls.TryGetValue(approach, out var wallList) ? wallList : walls[approach] = new List<TimeSpan>()).Add(run.Measurement.Wall);
                (cpus.TryGetValue(approach, out var cpuList) ? cpuList : cpus[approach] = new List<TimeSpan>()).Add(run.Measurement.Cpu);
                if (IsTimeSplit(approach)) splitRequests.Add((approach, shapes));
                else found[approach] = run.Candidates;
                var m = run.Measurement;
                rows.Add([
                    users.ToString("N0", CultureInfo.InvariantCulture), rounds == 1 ? approach.ToString() : $"{approach} ({round})", IsTimeSplit(approach) ? "n/a" : run.Candidates.ToString("N0", CultureInfo.InvariantCulture),
                    requests.Count.ToString("N0", CultureInfo.InvariantCulture), Report.Seconds(m.Wall), Report.Seconds(m.Cpu), Report.Megabytes(m.AllocatedBytes),
                    Report.Megabytes(m.PeakManagedHeapBytes), Report.Megabytes(m.WorkingSetBeforeBytes), Report.Megabytes(m.PeakWorkingSetBytes, m.PeakWorkingSetExact),
                ]);
                Console.WriteLine($"  {approach}: {run.Candidates:N0} candidates, {m.Wall.TotalSeconds:0.00} s, {requests.Count:N0} requests: " +
                                  string.Join(", ", requests.GroupBy(entry => $"{entry.Method} {RequestShape(entry.Path)}").Select(group => $"{group.Count():N0} × {group.Key}")));
            }
            if (new[] { DiscoveryApproach.Answers, DiscoveryApproach.Parsed, DiscoveryApproach.Finder, DiscoveryApproach.Cmdlet }.All(walls.ContainsKey))
            {
                var answers = Median(walls[DiscoveryApproach.Answers]);
                var parsed = Median(walls[DiscoveryApproach.Parsed]);
                var finder = Median(walls[DiscoveryApproach.Finder]);
                var cmdlet = Median(walls[DiscoveryApproach.Cmdlet]);
                Console.WriteLine($"  Where the time goes at {users:N0} users (medians of {rounds} alternating round(s)): the site's answers {answers.TotalSeconds:0.00} s, " +
                                  $"parsing them {Difference(parsed - answers)} s, mapping and the join {Difference(finder - parsed)} s, " +
                                  $"PowerShell {Difference(cmdlet - finder)} s; the cmdlet takes {cmdlet / answers:0.00} times reading the answers alone " +
                                  $"(the finder {finder / answers:0.00}). Client CPU: answers {Median(cpus[DiscoveryApproach.Answers]).TotalSeconds:0.00} s, " +
                                  $"parsed {Median(cpus[DiscoveryApproach.Parsed]).TotalSeconds:0.00} s, finder {Median(cpus[DiscoveryApproach.Finder]).TotalSeconds:0.00} s, " +
                                  $"cmdlet {Median(cpus[DiscoveryApproach.Cmdlet]).TotalSeconds:0.00} s.");
            }
            // The split is only meaningful when those runs sent exactly what the finder sends.
            foreach (var (approach, shapes) in splitRequests.Where(split => !split.Shapes.SequenceEqual(finderRequests)))
            {
                consistent = false;
                Console.WriteLine($"  MISMATCH: {approach} did not send the finder's requests.");
            }
            if (found.Values.Distinct().Count() > 1)
            {
                consistent = false;
                Console.WriteLine("  MISMATCH: the approaches found different numbers of candidates.");
            }
        }

        Report.Table(["Generated users", "Approach", "Candidates", "QRS requests", "Wall", "Client CPU", "Allocated (MB)", "Peak managed heap (MB)",
            "Working set before (MB)", "Peak working set (MB)"], rows);
        var constant = requestsPerSize.Values.Distinct().Count() == 1;
        Console.WriteLine($"Finder requests per site size: {string.Join(", ", requestsPerSize.Select(pair => $"{pair.Key:N0} users: {pair.Value}"))} " +
                          $"({(constant ? "constant" : "NOT CONSTANT")}).");
        Console.WriteLine("QRS requests exclude the connection check (GET /qrs/about). '~' marks a sampled peak working set (the kernel's was not resettable).");
        return constant && consistent ? 0 : 1;
    }

    /// <summary>Seconds with their sign; a difference that rounds to nothing reads "+0.00", not "-+0.00".</summary>
    private static string Difference(TimeSpan difference) =>
        Math.Round(difference.TotalSeconds, 2).ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture);

    private static TimeSpan Median(List<TimeSpan> values) => TimeSpan.FromSeconds(Report.Median(values.Select(value => value.TotalSeconds)));

    private static bool IsTimeSplit(DiscoveryApproach approach) => approach is DiscoveryApproach.Answers or DiscoveryApproach.Parsed;

    /// <summary>The path with entity ids replaced, so one request per allocation shows as one line.</summary>
    private static string RequestShape(string path) =>
        string.Join('/', path.Split('/').Select(segment => Guid.TryParse(segment, out _) ? "{id}" : segment));
}
