using QlikLicense.Logs;

namespace QlikLicense.Benchmarks.Denials;

/// <summary>The child side of <see cref="DenialScanBenchmark"/>: finds the logs under a folder and scans them, as Get-QlikLicenseDenial would.</summary>
public static class DenialScanClient
{
    public const string CommandName = "denial-scan-client";

    public static int Run(string folder)
    {
        ChildProcess.ReadSecret();
        using var meter = RunMeter.Start();
        var files = LogFileLocator.Resolve([folder], skipped: path => Console.WriteLine("Skipped folder: " + path));
        var scanner = new LicenseDenialScanner();
        var events = scanner.Scan(files).LongCount();
        var measurement = meter.Stop();
        var statistics = scanner.Statistics;
        ChildProcess.Report(new DenialScanRun(statistics.FilesRead, statistics.FilesSkipped, statistics.BytesRead, statistics.LinesRead, statistics.LinesSkipped,
            statistics.DenialLines, events, measurement));
        return 0;
    }
}
