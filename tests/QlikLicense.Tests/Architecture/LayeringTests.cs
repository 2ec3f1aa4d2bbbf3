using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Architecture;

/// <summary>
/// The layers of ARCHITECTURE.md only point down: the engine never references PowerShell, and no namespace uses one
/// above it. Namespaces are read from the sources (usings, qualified names; comments and strings left out), so a
/// new reference fails here before it can become a cycle.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The layers, lowest first, as ARCHITECTURE.md lists them. A namespace may use its own layer and those before it.</summary>
    public static readonly string[] Layers =
    {
        "QlikLicense",
        "QlikLicense.Model",
        "QlikLicense.Rules",
        "QlikLicense.Logs",
        "QlikLicense.Transport",
        "QlikLicense.Qrs",
        "QlikLicense.Cloud",
        "QlikLicense.Maintenance",
        "QlikLicense.Reporting",
        "QlikLicense.Commands",
    };

    private static readonly string LayerNames = string.Join("|", Layers.Skip(1).Select(layer => layer["QlikLicense.".Length..]));
    private static readonly Regex Namespace = new(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline);
    private static readonly Regex QualifiedUse = new($@"(?<![\w.])(?:global::)?(?:QlikLicense\.)?({LayerNames})\b(?=\s*[.;])");
    private static readonly Regex GlobalUsing = new(@"^\s*global\s+using\b.*QlikLicense", RegexOptions.Multiline);
    internal static readonly Regex CommentsAndStrings = new(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'", RegexOptions.Singleline);

    [Fact]
    public void The_engine_references_no_powershell_assembly()
    {
        using var pe = new PEReader(File.OpenRead(typeof(ISite).Assembly.Location));
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => name.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
                                                  || name.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase));
        var project = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "src", "QlikLicense.Engine", "QlikLicense.Engine.csproj"));
        foreach (var package in new[] { "PowerShellStandard.Library", "System.Management.Automation", "Microsoft.PowerShell" })
            Assert.DoesNotContain(package, project, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("QlikLicense.Engine")]
    [InlineData("QlikLicense")]
    public void No_namespace_uses_one_above_it(string project)
    {
        var violations = new List<string>();
        foreach (var file in SourceFiles(project))
        {
            var code = CommentsAndStrings.Replace(File.ReadAllText(file), " ");
            var relative = Path.GetRelativePath(RepositoryFolder.Root, file);
            if (GlobalUsing.IsMatch(code)) violations.Add($"{relative}: a global using of a QlikLicense namespace reaches every layer");
            var declared = Namespace.Matches(code).Select(match => match.Groups[1].Value).Distinct().ToList();
            Assert.True(declared.Count == 1, $"{relative} declares {declared.Count} namespaces; the test expects one.");
            var own = LayerOf(declared[0]);
            Assert.True(own >= 0, $"{relative}: namespace {declared[0]} is in no layer; add it to ARCHITECTURE.md and {nameof(Layers)}.");
            foreach (var used in QualifiedUse.Matches(code).Select(match => "QlikLicense." + match.Groups[1].Value).Distinct())
                if (LayerOf(used) > own) violations.Add($"{relative}: {declared[0]} uses {used}, a layer above it");
        }
        Assert.Empty(violations);
    }

    /// <summary>Layers side by side that must not use each other though the order would let the later one: each kind of site owns its wire format.</summary>
    public static readonly (string, string)[] Siblings = { ("QlikLicense.Qrs", "QlikLicense.Cloud") };

    [Fact]
    public void The_site_and_tenant_layers_do_not_use_each_other()
    {
        var violations = new List<string>();
        foreach (var file in SourceFiles("QlikLicense.Engine"))
        {
            var code = CommentsAndStrings.Replace(File.ReadAllText(file), " ");
            var declared = Namespace.Matches(code).Select(match => match.Groups[1].Value).Single();
            var used = QualifiedUse.Matches(code).Select(match => "QlikLicense." + match.Groups[1].Value).Distinct().ToList();
            foreach (var (first, second) in Siblings)
            {
                var other = LayerOf(declared) == Array.IndexOf(Layers, first) ? second : LayerOf(declared) == Array.IndexOf(Layers, second) ? first : null;
                if (other != null && used.Any(name => LayerOf(name) == Array.IndexOf(Layers, other)))
                    violations.Add($"{Path.GetRelativePath(RepositoryFolder.Root, file)}: {declared} uses {other}");
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void The_check_sees_a_use_of_a_higher_layer()
    {
        var code = CommentsAndStrings.Replace("namespace QlikLicense.Model { // Qrs.QrsClient\n using QlikLicense.Qrs; class A { Maintenance.Grant.AllocationGrant g; string s = \"Rules.X\"; } }", " ");

        var used = QualifiedUse.Matches(code).Select(match => match.Groups[1].Value).ToList();

        Assert.Equal(new[] { "Qrs", "Maintenance" }, used);
    }

    private static int LayerOf(string ns)
    {
        // A nested namespace belongs to the layer of its parent (QlikLicense.Qrs.Something is in QlikLicense.Qrs).
        for (var candidate = ns; ; candidate = candidate[..candidate.LastIndexOf('.')])
        {
            var index = Array.IndexOf(Layers, candidate);
            if (index >= 0) return index;
            if (!candidate.Contains('.')) return -1;
        }
    }

    internal static IEnumerable<string> SourceFiles(string project)
    {
        var folder = Path.Combine(RepositoryFolder.Root, "src", project);
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !file.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .ToList();
        Assert.NotEmpty(files);
        return files;
    }
}
