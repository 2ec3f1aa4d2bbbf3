using System.Globalization;
using System.Runtime.InteropServices;

namespace QlikLicense.Benchmarks;

/// <summary>Prints results as Markdown, ready for docs/performance.md. Invariant culture, UTC.</summary>
public static class Report
{
    public static void Machine()
    {
        Console.WriteLine($"Date (UTC): {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {CpuModel()}, {MemoryTotal()} RAM; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, concurrent {(AppContext.TryGetSwitch("System.GC.Concurrent", out var concurrent) ? concurrent.ToString() : "default")} " +
                          "in this process (the simulated site, the removal and denials-floor benchmarks), concurrent as in pwsh in the measured clients (ChildProcess)");
        LoadAverage("at start");
    }

    /// <summary>Other work on the machine skews every figure: say how busy it was.</summary>
    public static void LoadAverage(string when)
    {
        const string loadAverage = "/proc/loadavg";
        if (!File.Exists(loadAverage)) return;
        var fields = File.ReadAllText(loadAverage).Split(' ');
        Console.WriteLine($"Load average {when} (1, 5, 15 min): {fields[0]}, {fields[1]}, {fields[2]}");
    }

    public static void Heading(string title)
    {
        Console.WriteLine();
        Console.WriteLine("## " + title);
        Console.WriteLine();
    }

    public static void Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", headers) + " |");
        Console.WriteLine("|" + string.Concat(headers.Select(_ => " --- |")));
        foreach (var row in rows) Console.WriteLine("| " + string.Join(" | ", row) + " |");
        Console.WriteLine();
    }

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <param name="exact">False for a sampled figure, marked with "~".</param>
    public static string Megabytes(long bytes, bool exact = true) =>
        (exact ? string.Empty : "~") + (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The middle value (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return RuntimeInformation.ProcessArchitecture.ToString();
        var model = File.ReadLines(cpuInfo).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal));
        return model == null ? RuntimeInformation.ProcessArchitecture.ToString() : model[(model.IndexOf(':') + 1)..].Trim();
    }

    private static string MemoryTotal()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return (bytes / (1024.0 * 1024 * 1024)).ToString("0", CultureInfo.InvariantCulture) + " GiB";
    }
}
