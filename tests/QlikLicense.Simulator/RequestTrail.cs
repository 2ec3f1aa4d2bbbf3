using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// Every request every simulator of this process served, kept as JSON lines in the folder that
/// <see cref="FolderVariable"/> names (one file per API and process), so a later step can hold them all against the
/// vendor's API descriptions: build.ps1 sets it for the whole test run. Nothing is written when it is unset.
/// </summary>
public static class RequestTrail
{
    public const string FolderVariable = "QLIKLICENSE_REQUEST_TRAIL";

    private static readonly object Gate = new();
    private static readonly Dictionary<string, StreamWriter> Writers = new(StringComparer.Ordinal);
    private static readonly string Folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : null;

    /// <summary>The trail's files of one API ("qrs", "cloud") in a folder.</summary>
    public static IEnumerable<string> Files(string folder, string api) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, api + "-*.jsonl") : [];

    /// <summary>Every entry of the files, in their order.</summary>
    public static IEnumerable<RequestLogEntry> Read(IEnumerable<string> files)
    {
        foreach (var file in files)
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0) continue;
            var json = JObject.Parse(line);
            yield return new RequestLogEntry(json.Value<DateTime>("time"), json.Value<string>("method"), json.Value<string>("path"), null,
                json.Value<int>("status"), null, json.Value<string>("query") ?? "", json.Value<string>("body"), json.Value<string>("userAgent"));
        }
    }

    private static string WithoutSecret(string body)
    {
        if (body is null || !body.Contains("client_secret", StringComparison.Ordinal)) return body;
        try
        {
            var json = JToken.Parse(body);
            if (json is JObject { } form && form["client_secret"] is not null) form["client_secret"] = "(not kept)";
            return json.ToString(Formatting.None);
        }
        catch (JsonException)
        {
            return "(not kept: not JSON and may hold a secret)";
        }
    }

    internal static void Write(string api, RequestLogEntry entry)
    {
        if (Folder is null) return;
        // The caller is not written (it may name a token's owner), nor a client secret: the contract needs only the shape.
        var line = new JObject
        {
            ["time"] = entry.TimeUtc,
            ["method"] = entry.Method,
            ["path"] = entry.Path,
            ["query"] = entry.RawQuery,
            ["body"] = WithoutSecret(entry.Body),
            ["userAgent"] = entry.UserAgent,
            ["status"] = entry.Status,
        }.ToString(Formatting.None);
        lock (Gate)
        {
            if (!Writers.TryGetValue(api, out var writer))
            {
                Directory.CreateDirectory(Folder);
                writer = new StreamWriter(Path.Combine(Folder, $"{api}-{Environment.ProcessId}.jsonl"), append: true) { AutoFlush = true };
                Writers[api] = writer;
            }

            writer.WriteLine(line);
        }
    }
}
