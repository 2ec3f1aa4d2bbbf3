using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// The write-ahead check: with <see cref="JournalPath"/> set, every change request for allocations, access
/// groups and system rules (POST, PUT, DELETE) must find the journal already naming what it changes (the id in
/// the path, the user id of an allocation POST, the name of a rule or access group POST). A request that does
/// not is refused with 500 and recorded in <see cref="Violations"/>, so the test that caused it fails loudly.
/// A simulated Qlik Cloud tenant checks its batch actions and settings changes the same way (see its README).
/// </summary>
public sealed class WriteAheadCheck
{
    private static readonly string[] ChangedTypes =
    [
        "license/professionalaccesstype", "license/analyzeraccesstype", "license/professionalaccessgroup", "license/analyzeraccessgroup", "systemrule",
    ];

    private readonly object _gate = new();
    private readonly List<string> _violations = new();
    private string _journalPath;

    /// <summary>The journal to check against; null turns the check off.</summary>
    public string JournalPath
    {
        get { lock (_gate) return _journalPath; }
        set { lock (_gate) _journalPath = value; }
    }

    public IReadOnlyList<string> Violations
    {
        get { lock (_gate) return _violations.ToArray(); }
    }

    /// <summary>Null when the request may go on, else why not.</summary>
    internal string Check(string method, string qrsPath, JToken body)
    {
        var journalPath = JournalPath;
        if (journalPath is null || method is not ("POST" or "PUT" or "DELETE")) return null;
        var type = ChangedTypes.FirstOrDefault(changed => qrsPath.StartsWith(changed, StringComparison.OrdinalIgnoreCase));
        if (type is null || qrsPath.StartsWith("systemrule/license", StringComparison.OrdinalIgnoreCase)) return null;

        var rest = qrsPath[type.Length..].Trim('/');
        var named = method == "POST"
            ? type.EndsWith("accesstype", StringComparison.OrdinalIgnoreCase)
                ? (body?["user"] as JObject)?.Value<string>("id")
                : JsonConvert.ToString(body?.Value<string>("name") ?? string.Empty)
            : rest;
        return CheckNamed($"{method} /qrs/{qrsPath}", [named]);
    }

    /// <summary>Null when the check is off or the journal already names each of <paramref name="names"/> (as its
    /// text appears in JSON), else why not; <paramref name="request"/> says which request, for the violation.</summary>
    internal string CheckNamed(string request, IReadOnlyCollection<string> names)
    {
        var journalPath = JournalPath;
        if (journalPath is null) return null;
        string journal;
        try
        {
            using var file = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(file);
            journal = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            journal = string.Empty;
        }

        var missing = names.Where(name => string.IsNullOrEmpty(name) || !journal.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (names.Count > 0 && missing.Count == 0) return null;
        var violation = $"Write-ahead check: {request} arrived before the journal '{journalPath}' named " +
                        $"{missing.FirstOrDefault(name => !string.IsNullOrEmpty(name)) ?? "what it changes"}.";
        lock (_gate) _violations.Add(violation);
        return violation;
    }
}
