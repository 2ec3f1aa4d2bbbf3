using System.Diagnostics;
using System.Globalization;
using QlikLicense.Hosting;

namespace QlikLicense.Benchmarks.Denials;

/// <summary>
/// What an administrator waits for: Get-QlikLicenseDenial inside a running pwsh (module imported and warmed) against
/// grep -c over the same generated logs, in alternating pairs, by Measure-DenialScan.ps1 in the repository's pwsh (the
/// local .NET tool). The logs are generated as for the denials benchmark, or taken from --logs.
/// </summary>
public static class PwshDenialScanBenchmark
{
    public static async Task<int> RunAsync(long sizeBytes, double denialShare, int pairs, string? logs, CancellationToken cancellation)
    {
        Report.Heading($"Denial scan in pwsh against grep: {pairs} alternating pairs");
        return await LogGenerator.OnLogsAsync(logs, sizeBytes, denialShare, async folder =>
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Root, UseShellExecute = false };
            foreach (var argument in new[]
                     {
                         "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepositoryPaths.Root, "tests", "QlikLicense.Benchmarks", "Denials", "Measure-DenialScan.ps1"),
                         "-Path", folder, "-Pairs", pairs.ToString(CultureInfo.InvariantCulture),
                     })
                start.ArgumentList.Add(argument);
            using var pwsh = Process.Start(start) ?? throw new InvalidOperationException("dotnet pwsh did not start (run 'dotnet tool restore' first).");
            await pwsh.WaitForExitAsync(cancellation);
            return pwsh.ExitCode;
        });
    }
}
