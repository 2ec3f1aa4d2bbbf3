using QlikLicense.Logs;

namespace QlikLicense.Benchmarks.Denials;

/// <summary>
/// The child side of <see cref="DenialScanBenchmark"/>: finds the logs under a folder and scans them, as Get-QlikLicenseDenial
/// would; <see cref="CommandName"/> measures the run from inside, <see cref="TimedCommandName"/> is the same work for a
/// timer outside the process (farm-bench against grep), without the meter or the command-line parser.
/// </summary>
public static class DenialScanClient
{
    public const string CommandName = "denial-scan-client";

    /// <summary>Started before the command-line parser is built, so its whole process is start-up, finding, scanning and one line of counts.</summary>
    public const string TimedCommandName = "denial-scan";

    public static int Run(string folder)
    {
        ChildProcess.ReadSecret();
        using var meter = RunMeter.Start();
        var (scanner, events) = Scan(folder);
        var measurement = meter.Stop();
        var statistics = scanner.Statistics;
        ChildProcess.Report(new DenialScanRun(statistics.FilesRead, statistics.FilesSkipped, statistics.BytesRead, statistics.LinesRead, statistics.LinesSkipped,
            statistics.DenialLines, events, measurement));
        return 0;
    }

    /// <summary>Prints the counts as plain text, as grep -c prints its own.</summary>
    public static int RunTimed(string folder)
    {
        var (scanner, events) = Scan(folder);
        var statistics = scanner.Statistics;
        Console.WriteLine($"files {statistics.FilesRead} skipped {statistics.FilesSkipped} bytes {statistics.BytesRead} lines {statistics.LinesRead} " +
            $"malformed {statistics.LinesSkipped} denial-lines {statistics.DenialLines} events {events}");
        return 0;
    }

    private static (LicenseDenialScanner Scanner, long Events) Scan(string folder)
    {
        var files = LogFileLocator.Resolve([folder], skipped: path => Console.WriteLine("Skipped folder: " + path));
        var scanner = new LicenseDenialScanner();
        return (scanner, scanner.Scan(files).LongCount());
    }
}
