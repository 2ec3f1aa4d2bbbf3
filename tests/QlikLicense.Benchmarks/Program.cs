using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using QlikLicense.Benchmarks;
using QlikLicense.Benchmarks.Denials;
using QlikLicense.Benchmarks.Discovery;

// dotnet run -c Release --project tests/QlikLicense.Benchmarks -- <discovery|removal|denials|denials-pwsh|denials-floor|import|all> [options]
if (typeof(RunMeter).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    Console.Error.WriteLine("Benchmarks measure optimized code only: run with -c Release.");
    return 2;
}

// Timed from outside the process: the parser below would be counted as part of the scan.
if (args is [DenialScanClient.TimedCommandName, var scanFolder]) return DenialScanClient.RunTimed(scanFolder);

var users = new Option<int[]>("--users")
{
    Description = "Generated users per site (space-separated).",
    DefaultValueFactory = _ => [1_000, 10_000, 100_000],
    AllowMultipleArgumentsPerToken = true,
};
var lookupLimit = new Option<int>("--lookup-limit")
{
    Description = "Largest site on which one user lookup per allocation is measured (it makes one request per allocation).",
    DefaultValueFactory = _ => int.MaxValue,
};
var allocations = new Option<int>("--allocations") { Description = "Allocations to remove per run.", DefaultValueFactory = _ => 2_000 };
var latency = new Option<int>("--latency-ms") { Description = "Simulated latency of every request, in milliseconds.", DefaultValueFactory = _ => 20 };
var throttleLimits = new Option<int[]>("--throttle-limit")
{
    Description = "Remove-QlikLicenseAllocation -ThrottleLimit values to compare (space-separated).",
    DefaultValueFactory = _ => [1, 4, 8],
    AllowMultipleArgumentsPerToken = true,
};
var size = new Option<long>("--size")
{
    Description = "Total size of the generated logs, e.g. 1GB, 256MB.",
    DefaultValueFactory = _ => 1L << 30,
    CustomParser = ParseSize,
};
var denialShare = new Option<double>("--denial-share") { Description = "Share of generated log lines that are denials.", DefaultValueFactory = _ => 0.02 };
var repeats = new Option<int>("--repeat") { Description = "Scans (and greps) over the same logs.", DefaultValueFactory = _ => 2 };
var keepLogs = new Option<bool>("--keep") { Description = "Keep the generated logs (the folder is printed)." };
var launches = new Option<int>("--launches") { Description = "Cold imports, one fresh process each.", DefaultValueFactory = _ => 5 };
var iterations = new Option<int>("--iterations") { Description = "Measured iterations of warm imports in one process.", DefaultValueFactory = _ => 20 };

var rounds = new Option<int>("--rounds") { Description = "Rounds of every approach in turn on each site (alternating runs; the split takes medians).", DefaultValueFactory = _ => 1 };
var discovery = new Command("discovery", "Get-QlikInactiveLicensedUser and its finder against one user lookup per allocation, on sites of growing size.")
    { users, lookupLimit, rounds };
discovery.SetAction((parse, cancellation) => Run(() => DiscoveryBenchmark.RunAsync(parse.GetValue(users), parse.GetValue(lookupLimit), parse.GetValue(rounds), cancellation)));

var removal = new Command("removal", "Remove-QlikLicenseAllocation with simulated latency: one at a time against bounded concurrency.")
    { allocations, latency, throttleLimits };
removal.SetAction((parse, cancellation) => Run(() => RemovalBenchmark.RunAsync(parse.GetValue(allocations),
    TimeSpan.FromMilliseconds(parse.GetValue(latency)), parse.GetValue(throttleLimits), cancellation)));

var denials = new Command("denials", "The license denial scanner over generated logs, next to grep -c.") { size, denialShare, repeats, keepLogs };
denials.SetAction((parse, cancellation) => Run(() => DenialScanBenchmark.RunAsync(parse.GetValue(size), parse.GetValue(denialShare),
    parse.GetValue(repeats), parse.GetValue(keepLogs), cancellation)));

var pairs = new Option<int>("--pairs") { Description = "Alternating pairs of the cmdlet and grep in one pwsh.", DefaultValueFactory = _ => 5 };
var logFolder = new Option<string>("--logs") { Description = "A folder of logs to scan instead of generated ones (kept)." };
var denialsInPwsh = new Command("denials-pwsh", "Get-QlikLicenseDenial inside a running pwsh against grep -c over the same logs, in alternating pairs.")
    { size, denialShare, pairs, logFolder };
denialsInPwsh.SetAction((parse, cancellation) => Run(() => PwshDenialScanBenchmark.RunAsync(parse.GetValue(size), parse.GetValue(denialShare),
    parse.GetValue(pairs), parse.GetValue(logFolder), cancellation)));

var floorRounds = new Option<int>("--rounds") { Description = "Rounds of every approach in turn.", DefaultValueFactory = _ => 7 };
var denialsFloor = new Command("denials-floor", "Reading the logs only, the reader's marker search and the whole scanner, each against grep -c, in one process.")
    { size, denialShare, floorRounds, logFolder };
denialsFloor.SetAction((parse, cancellation) => Run(() => DenialScanFloorBenchmark.RunAsync(parse.GetValue(size), parse.GetValue(denialShare),
    parse.GetValue(floorRounds), parse.GetValue(logFolder), cancellation)));

var import = new Command("import", "Module import time in the hosted engine (BenchmarkDotNet).") { launches, iterations };
import.SetAction((parse, _) => Run(() => Task.FromResult(ModuleImportBenchmark.Run(parse.GetValue(launches), parse.GetValue(iterations)))));

var all = new Command("all", "Every benchmark with its defaults.");
all.SetAction((_, cancellation) => Run(async () =>
{
    var failures = await DiscoveryBenchmark.RunAsync([1_000, 10_000, 100_000], int.MaxValue, 1, cancellation);
    failures += await RemovalBenchmark.RunAsync(2_000, TimeSpan.FromMilliseconds(20), [1, 4, 8], cancellation);
    failures += await DenialScanBenchmark.RunAsync(1L << 30, 0.02, 2, keep: false, cancellation);
    failures += ModuleImportBenchmark.Run(5, 20);
    return failures == 0 ? 0 : 1;
}));

// The child sides of measurements that must not share a process with the simulated site.
var approach = new Argument<DiscoveryApproach>("approach");
var host = new Argument<string>("host");
var port = new Argument<int>("port");
var certificate = new Argument<string>("certificate");
var ca = new Argument<string>("ca");
var discoveryClient = new Command(DiscoveryClient.CommandName) { Hidden = true };
foreach (var argument in new Argument[] { approach, host, port, certificate, ca }) discoveryClient.Arguments.Add(argument);
discoveryClient.SetAction(parse => DiscoveryClient.RunAsync(parse.GetValue(approach), parse.GetValue(host), parse.GetValue(port),
    parse.GetValue(certificate), parse.GetValue(ca)));
var folder = new Argument<string>("folder");
var denialScanClient = new Command(DenialScanClient.CommandName) { Hidden = true };
denialScanClient.Arguments.Add(folder);
denialScanClient.SetAction(parse => DenialScanClient.Run(parse.GetValue(folder)));

var root = new RootCommand("QlikLicense benchmarks against the simulated site. Results print as Markdown for docs/performance.md.")
{
    discovery, removal, denials, denialsInPwsh, denialsFloor, import, all, discoveryClient, denialScanClient,
};
return await root.Parse(args).InvokeAsync();

static async Task<int> Run(Func<Task<int>> benchmark)
{
    Report.Machine();
    var exitCode = await benchmark();
    Report.LoadAverage("at end");
    return exitCode;
}

static long ParseSize(ArgumentResult result)
{
    var text = result.Tokens.Single().Value.Trim().ToUpperInvariant();
    (string Suffix, long Factor)[] units = [("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L)];
    var (suffix, factor) = units.FirstOrDefault(unit => text.EndsWith(unit.Suffix, StringComparison.Ordinal), (Suffix: string.Empty, Factor: 1L));
    if (double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        return (long)(value * factor);
    result.AddError($"'{result.Tokens.Single().Value}' is not a size such as 1GB or 256MB.");
    return 0;
}
