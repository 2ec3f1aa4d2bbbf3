using System.Diagnostics;
using QlikLicense.Hosting;
using QlikLicense.Logs;

namespace QlikLicense.Benchmarks.Denials;

/// <summary>
/// How close to grep a denial scan can come on this machine, apart from pwsh: in this one process, after a warm-up,
/// rounds over the same logs of (1) only reading the files, into the scanner's buffer size on the scanner's threads
/// (one per processor, a file at a time); (2) the scanner's reader finding the lines that hold a denial marker (every
/// pass over the bytes, nothing recognised); (3) the whole scanner; (4) <c>grep -c 'License user access' -r</c>. The
/// order turns each round; each approach's time is divided by grep's of the same round, and the medians are printed.
/// What (1) takes of grep's time is the least any scan that reads the files can take. Each approach's allocation and
/// garbage-collection pauses per run are printed too: the scanner keeps every admitted denial line until the end.
/// </summary>
public static class DenialScanFloorBenchmark
{
    private static readonly string[] Approaches = ["Reading only", "Reader: marker search", "LicenseDenialScanner", "grep -c"];

    public static async Task<int> RunAsync(long sizeBytes, double denialShare, int rounds, string? logs, CancellationToken cancellation)
    {
        Report.Heading($"Denial scan floor against grep: {rounds} rounds in one process, {Environment.ProcessorCount} threads");
        return await LogGenerator.OnLogsAsync(logs, sizeBytes, denialShare, async folder =>
        {
            var files = LogFileLocator.Resolve([folder], skipped: _ => { }).ToList();
            var bytes = files.Sum(file => new FileInfo(file).Length);
            Console.WriteLine($"{files.Count} files, {Report.Megabytes(bytes)} MB.");

            Func<Task<long>>[] runs =
            [
                () => Task.FromResult(OnScannerThreads(files, ReadOnly)),
                () => Task.FromResult(OnScannerThreads(files, FindMarkerLines)),
                () => Task.FromResult(new LicenseDenialScanner().Scan(files).LongCount()),
                () => GrepCountAsync(folder, cancellation),
            ];
            // Warm-up: compiles every approach and puts every file in the page cache.
            var found = new long[runs.Length];
            for (var index = 0; index < runs.Length; index++) found[index] = await runs[index]();
            Console.WriteLine($"Warm-up: {found[0]:N0} bytes read, {found[1]:N0} lines holding a marker, {found[2]:N0} denials, grep counted {found[3]:N0} lines.");

            var seconds = Approaches.Select(_ => new List<double>()).ToArray();
            var allocatedMegabytes = Approaches.Select(_ => new List<double>()).ToArray();
            var pauseMilliseconds = Approaches.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var turn = 0; turn < runs.Length; turn++)
                {
                    var index = (turn + round) % runs.Length;
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var paused = GC.GetTotalPauseDuration();
                    var watch = Stopwatch.StartNew();
                    await runs[index]();
                    seconds[index].Add(watch.Elapsed.TotalSeconds);
                    pauseMilliseconds[index].Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
                    allocatedMegabytes[index].Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
                }
            }

            var grepIndex = runs.Length - 1;
            var rows = Approaches.Select((name, index) =>
            {
                var ratios = seconds[index].Zip(seconds[grepIndex], (own, grep) => own / grep).ToList();
                return new[]
                {
                    name, Report.Number(Report.Median(seconds[index]), "0.000") + " s", Report.Number(bytes / 1073741824.0 / Report.Median(seconds[index]), "0.0"),
                    Report.Number(Report.Median(ratios), "0.00"), $"{Report.Number(ratios.Min(), "0.00")}-{Report.Number(ratios.Max(), "0.00")}",
                    Report.Number(Report.Median(allocatedMegabytes[index]), "0.0"), Report.Number(Report.Median(pauseMilliseconds[index]), "0"),
                };
            });
            Report.Table(["Approach", "Median", "GB/s", "Of grep's time (median)", "Range", "Allocated (MB, median)", "GC pauses (ms, median)"], rows);
            return 0;
        });
    }

    /// <summary>Runs <paramref name="scan"/> on every file as the scanner spreads them (its own method): one thread per processor, each taking the next file.</summary>
    private static long OnScannerThreads(IReadOnlyList<string> files, Func<string, LogReadBuffer, long> scan)
    {
        var total = 0L;
        LicenseDenialScanner.ForEachFileInParallel(files.Count, () => new LogReadBuffer(),
            (index, buffer) => Interlocked.Add(ref total, scan(files[index], buffer)), CancellationToken.None);
        return total;
    }

    private static long ReadOnly(string file, LogReadBuffer buffer)
    {
        using var stream = LogFileReader.OpenStream(file);
        var total = 0L;
        int read;
        while ((read = stream.Read(buffer.Bytes, 0, buffer.Bytes.Length)) > 0) total += read;
        return total;
    }

    private static long FindMarkerLines(string file, LogReadBuffer buffer)
    {
        using var reader = LogFileReader.Open(file, buffer);
        var layout = reader.NotALogReason == null ? LicenseDenialRecognizer.ForColumns(reader.Columns) : null;
        if (layout == null) return 0;
        var lines = 0L;
        LogLineKind line;
        while ((line = reader.ReadLineHolding(layout.Markers)) != LogLineKind.End)
        {
            if (line == LogLineKind.Record) lines++;
        }
        return lines;
    }

    private static async Task<long> GrepCountAsync(string folder, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("grep") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "License user access", "-r", folder }) start.ArgumentList.Add(argument);
        using var grep = Process.Start(start) ?? throw new InvalidOperationException("grep did not start.");
        var output = await grep.StandardOutput.ReadToEndAsync(cancellation);
        await grep.WaitForExitAsync(cancellation);
        return DenialScanBenchmark.SumOfCounts(output);
    }
}
