using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Text.RegularExpressions;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The help a user gets from Get-Help, for every cmdlet the manifest exports, and the manifest's export list itself.
/// A cmdlet without a page in docs/en-US fails here by design: the build turns those pages into the module's MAML.
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string> ExportedCmdlets => new(ModuleManifest.CmdletsToExport);

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Get_Help_shows_a_written_synopsis_every_parameter_described_and_two_examples(string cmdlet)
    {
        using var session = new ModuleSession();
        var help = Assert.Single(Invoke(session, $"Get-Help -Name '{cmdlet}' -Full"));
        var problems = new List<string>();

        // Without MAML, Get-Help builds a stand-in whose synopsis is the command's syntax.
        Assert.True(help.TypeNames.Contains("MamlCommandHelpInfo"), $"Get-Help finds no help for {cmdlet}: docs/en-US/{cmdlet}.md is missing.");
        var synopsis = Text(Property(help, "Synopsis"))?.Trim();
        if (string.IsNullOrEmpty(synopsis))
            problems.Add("the synopsis is empty");
        else if (Regex.IsMatch(synopsis, "^" + Regex.Escape(cmdlet) + @"\s+[\[<-]"))
            problems.Add("the synopsis is the command's syntax, not a sentence");

        var described = Items(Property(Property(help, "parameters"), "parameter"))
            .Where(parameter => Items(Property(parameter, "description")).Any(paragraph => !string.IsNullOrWhiteSpace(Text(Property(paragraph, "Text")))))
            .Select(parameter => Text(Property(parameter, "name")))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var undescribed = Invoke(session, $"(Get-Command -Name '{cmdlet}' -CommandType Cmdlet).Parameters.Keys")
            .Select(item => (string)item.BaseObject)
            .Where(parameter => !Cmdlet.CommonParameters.Contains(parameter) && !described.Contains(parameter))
            .OrderBy(parameter => parameter, StringComparer.Ordinal)
            .ToList();
        if (undescribed.Count > 0)
            problems.Add("no description for -" + string.Join(", -", undescribed));

        var examples = Items(Property(Property(help, "examples"), "example")).Count();
        if (examples < 2)
            problems.Add($"{examples} example(s), at least 2 wanted");

        Assert.True(problems.Count == 0, $"Help of {cmdlet} (docs/en-US/{cmdlet}.md): {string.Join("; ", problems)}.");
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_module_defines()
    {
        using var session = new ModuleSession();
        var exported = Invoke(session, "Get-Command -Module QlikLicense -CommandType Cmdlet").Select(command => command.Text("Name"));
        var defined = DefinedCmdlets(session);

        Assert.Equal(Sorted(ModuleManifest.CmdletsToExport), Sorted(exported));
        Assert.Equal(Sorted(ModuleManifest.CmdletsToExport), Sorted(defined));
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb()
    {
        using var session = new ModuleSession();

        // Get-Verb is not part of this engine; it lists the constants of these same classes.
        var approved = typeof(VerbsCommon).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == typeof(VerbsCommon).Namespace && type.Name.StartsWith("Verbs", StringComparison.Ordinal) && type.IsAbstract && type.IsSealed)
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral))
            .Select(field => (string)field.GetRawConstantValue())
            .ToHashSet(StringComparer.Ordinal);

        var unapproved = ModuleManifest.CmdletsToExport.Concat(DefinedCmdlets(session))
            .Distinct(StringComparer.Ordinal)
            .Where(name => !approved.Contains(name.Split('-')[0]))
            .ToList();
        Assert.Empty(unapproved);
    }

    private static IReadOnlyList<PSObject> Invoke(ModuleSession session, string script)
    {
        var result = session.Invoke(script);
        Assert.True(!result.AllErrors.Any(), $"{script}: {string.Join("; ", result.AllErrors)}");
        return result.Output;
    }

    /// <summary>The cmdlet classes in the assembly the loader imported, as Verb-Noun.</summary>
    private static IEnumerable<string> DefinedCmdlets(ModuleSession session)
    {
        var assembly = (Assembly)Assert.Single(Invoke(session, "(Get-Command Get-QlikUser).ImplementingType.Assembly")).BaseObject;
        return assembly.GetExportedTypes()
            .Where(type => !type.IsAbstract)
            .Select(type => type.GetCustomAttribute<CmdletAttribute>())
            .Where(attribute => attribute != null)
            .Select(attribute => attribute.VerbName + "-" + attribute.NounName)
            .ToList();
    }

    private static List<string> Sorted(IEnumerable<string> names) => names.OrderBy(name => name, StringComparer.Ordinal).ToList();

    private static object Property(object item, string name) => item is PSObject wrapped ? wrapped.Properties[name]?.Value : null;

    /// <summary>A help text, which Get-Help may hand out wrapped in a PSObject.</summary>
    private static string Text(object value) => (value is PSObject wrapped ? wrapped.BaseObject : value) as string;

    /// <summary>A help property as a list: Get-Help gives one object where there is one, an array where there are more.</summary>
    private static IEnumerable<PSObject> Items(object value) =>
        value == null ? Enumerable.Empty<PSObject>()
        : LanguagePrimitives.GetEnumerable(value) is IEnumerable items ? items.Cast<object>().Select(PSObject.AsPSObject)
        : new[] { PSObject.AsPSObject(value) };
}

/// <summary>
/// The repository's QlikLicense.psd1, read with PowerShell's own parser. Each value is read as Import-PowerShellDataFile
/// reads it, one key at a time: RootModule is a statement (it picks the build by $PSEdition), which that cmdlet refuses.
/// </summary>
internal static class ModuleManifest
{
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, "QlikLicense.psd1");

    public static IReadOnlyList<string> CmdletsToExport => Strings("CmdletsToExport");

    /// <summary>The statement a key's value is, as written.</summary>
    public static StatementAst Value(string key)
    {
        var script = Parser.ParseFile(Path, out _, out var errors);
        if (errors.Length > 0)
            throw new InvalidDataException($"{Path} does not parse: {errors[0].Message} (line {errors[0].Extent.StartLineNumber}).");
        var manifest = (HashtableAst)script.Find(node => node is HashtableAst, searchNestedScriptBlocks: false);
        return manifest.KeyValuePairs.SingleOrDefault(pair => pair.Item1 is StringConstantExpressionAst name && name.Value == key)?.Item2
               ?? throw new InvalidDataException($"{Path} has no {key}.");
    }

    private static IReadOnlyList<string> Strings(string key)
    {
        var value = ((PipelineAst)Value(key)).GetPureExpression()?.SafeGetValue();
        return value switch
        {
            string single => new[] { single },
            object list when LanguagePrimitives.GetEnumerable(list) is IEnumerable items => items.Cast<object>().Select(item => (string)item).ToList(),
            _ => throw new InvalidDataException($"{Path} has no {key} list."),
        };
    }
}
