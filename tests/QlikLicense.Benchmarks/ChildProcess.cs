using System.Diagnostics;
using System.Text.Json;

namespace QlikLicense.Benchmarks;

/// <summary>
/// Runs a measurement in a fresh copy of this program, so its peak memory is its own and not the simulated site's
/// (a 100,000-user site holds over a gigabyte in the parent). The child prints one result line; a secret (the
/// client certificate's password) travels on standard input, never on the command line where other users see it.
/// </summary>
public static class ChildProcess
{
    private const string ResultPrefix = "RESULT ";

    public static async Task<T> RunAsync<T>(IReadOnlyList<string> arguments, string secret, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown."),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // The measured client runs with the garbage collector pwsh and Windows PowerShell run with: background GC on,
        // the runtime's default, which this program turns off for building sites. Without it the youngest generation is
        // let grow larger between collections, and the peak working set measures that, not what a cmdlet in pwsh costs.
        start.Environment["DOTNET_gcConcurrent"] = "1";
        // Started as "dotnet QlikLicense.Benchmarks.dll" rather than through its apphost: the host needs the dll again.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        await process.StandardInput.WriteLineAsync(secret ?? string.Empty);
        process.StandardInput.Close();

        string result = null;
        while (await process.StandardOutput.ReadLineAsync(cancellation) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal)) result = line[ResultPrefix.Length..];
            else Console.WriteLine("    " + line);
        }
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0 || result == null)
            throw new InvalidOperationException($"The child run '{string.Join(' ', arguments)}' failed (exit code {process.ExitCode}).");
        return JsonSerializer.Deserialize<T>(result);
    }

    /// <summary>In the child: the secret the parent sent.</summary>
    public static string ReadSecret() => Console.In.ReadLine();

    /// <summary>In the child: hands the result to the parent.</summary>
    public static void Report<T>(T result) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
}
