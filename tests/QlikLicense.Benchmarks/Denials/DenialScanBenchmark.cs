using System.Diagnostics;
using System.Globalization;
using QlikLicense.Hosting;

namespace QlikLicense.Benchmarks.Denials;

/// <summary>What one scan in a child process read and cost.</summary>
public sealed record DenialScanRun(int FilesRead, int FilesSkipped, long BytesRead, long LinesRead, long LinesSkipped, long DenialLines, long Events, RunMeasurement Measurement);

/// <summary>
/// The license denial scanner's throughput and memory over generated logs, next to <c>grep -c 'License user access'</c>
/// over the same files. The logs are generated into a temporary folder (deleted afterwards unless kept) and are in
/// the page cache for every run, so the figures compare parsing, not the disk.
/// </summary>
public static class DenialScanBenchmark
{
    public static async Task<int> RunAsync(long sizeBytes, double denialShare, int repeats, bool keep, CancellationToken cancellation)
    {
        Report.Heading($"Denial scan: {Report.Megabytes(sizeBytes)} MB of generated logs, {denialShare:P1} denial lines");
        var folder = Directory.CreateTempSubdirectory("qliklicense-bench-logs-").FullName;
        try
        {
            var templates = Path.Combine(RepositoryPaths.Root, "tests", "QlikLicense.Tests", "Fixtures", "logs");
            var generation = Stopwatch.StartNew();
            var logs = LogGenerator.Generate(templates, folder, sizeBytes, denialShare);
            generation.Stop();
            Console.WriteLine($"Generated {logs.Files.Count} files, {Report.Megabytes(logs.Bytes)} MB, {logs.Lines:N0} lines ({logs.DenialLines:N0} denial lines, " +
                              $"{logs.LicenseUserAccessLines:N0} with 'License user access') in {folder}, {generation.Elapsed.TotalSeconds:0.0} s.");

            var rows = new List<string[]>();
            var agree = true;
            for (var run = 1; run <= repeats; run++)
            {
                var scan = await ChildProcess.RunAsync<DenialScanRun>([DenialScanClient.CommandName, folder], null, cancellation);
                var m = scan.Measurement;
                rows.Add([
                    $"LicenseDenialScanner (run {run})", Report.Seconds(m.Wall), Report.Number(scan.BytesRead / 1048576.0 / m.Wall.TotalSeconds, "0"),
                    $"{scan.DenialLines:N0} denial lines ({scan.LinesSkipped:N0} lines skipped), {scan.Events:N0} events", Report.Megabytes(m.PeakManagedHeapBytes),
                    Report.Megabytes(m.PeakWorkingSetBytes, m.PeakWorkingSetExact),
                ]);
                agree &= scan.FilesRead == logs.Files.Count && scan.BytesRead == logs.Bytes && scan.DenialLines == logs.DenialLines;

                var grep = await GrepAsync(logs.Files, cancellation);
                rows.Add([
                    $"grep -c 'License user access' (run {run})", Report.Seconds(grep.Wall), Report.Number(logs.Bytes / 1048576.0 / grep.Wall.TotalSeconds, "0"),
                    $"{grep.Count:N0} lines", "n/a", grep.PeakResidentBytes is long peak ? Report.Megabytes(peak) : "n/a",
                ]);
                agree &= grep.Count == logs.LicenseUserAccessLines;
            }
            Report.Table(["Reader", "Wall", "MB/s", "Found", "Peak managed heap (MB)", "Peak working set (MB)"], rows);
            Console.WriteLine(agree
                ? "The scanner read every file and byte and recognised every generated denial line; grep counted every generated 'License user access' line."
                : "MISMATCH between what was generated and what the scanner or grep found.");
            return agree ? 0 : 1;
        }
        finally
        {
            if (keep) Console.WriteLine($"Kept the logs in {folder}.");
            else Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The lines grep -c counted in all files: its output is a <c>file:count</c> line per file (the count alone for one file).</summary>
    internal static long SumOfCounts(string grepOutput) =>
        grepOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(line => long.Parse(line[(line.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));

    private sealed record GrepRun(TimeSpan Wall, long Count, long? PeakResidentBytes);

    /// <summary>grep over the files, under GNU time for its peak resident set when that is installed.</summary>
    private static async Task<GrepRun> GrepAsync(IReadOnlyList<string> files, CancellationToken cancellation)
    {
        const string gnuTime = "/usr/bin/time";
        const string peakPrefix = "peak-kb=";
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (File.Exists(gnuTime))
        {
            start.FileName = gnuTime;
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(peakPrefix + "%M");
            start.ArgumentList.Add("grep");
        }
        else
        {
            start.FileName = "grep";
        }
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("License user access");
        foreach (var file in files) start.ArgumentList.Add(file);

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("grep did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        watch.Stop();
        // grep exits 1 when nothing matched, 2 on trouble.
        if (process.ExitCode > 1) throw new InvalidOperationException("grep failed: " + await errors);

        var count = SumOfCounts(await output);
        var peakLine = (await errors).Split('\n').FirstOrDefault(line => line.StartsWith(peakPrefix, StringComparison.Ordinal));
        long? peak = peakLine == null ? null : long.Parse(peakLine[peakPrefix.Length..].Trim(), CultureInfo.InvariantCulture) * 1024;
        return new GrepRun(watch.Elapsed, count, peak);
    }
}
