using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;
using QlikLicense.HelpBuilder;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The examples of the cmdlet help pages (docs/en-US/*.md), read with the parser the build uses for the MAML: every
/// example must parse, and every runnable one must run against the simulated site without an error.
///
/// Runnable means all of them, except an example whose code
/// - calls Connect-QlikSense: that needs a real site and its certificates (the test connects the session itself);
/// - asks a person: Read-Host, Get-Credential, Out-GridView;
/// - names a place outside the example's own folder: a drive path (C:\...), a UNC path (\\server\share), or the
///   computer's environment ($env:...);
/// - calls a command this engine does not have: it has Microsoft.PowerShell.Core only, so an example using
///   Format-Table, Select-Object, Sort-Object, Export-Csv, Write-Host and the like does not run here.
///   Commands named *-Qlik* are the module's and always count as present, so a misspelt or unexported one fails.
/// Each runnable example runs in a fresh session connected to a fresh simulated site, in a new empty temporary folder
/// as its current location, so relative paths such as .\journal.jsonl are fine, but an example that reads files it
/// did not write (logs, a CSV) should name them by an absolute path. Output shown after the code belongs in the
/// remarks: the build joins consecutive code blocks into the example's code. -WhatIf is not forced; a -Confirm
/// prompt gets the console's default answer, Yes. Warnings are allowed; an error is not. A default journal the example
/// writes under the user's local application data is deleted afterwards.
/// </summary>
public sealed class ExampleTests
{
    private const string UnreadablePage = "(the page does not parse)";
    private const string Runs = "runs against the simulated site";

    private static readonly string HelpFolder = Path.Combine(RepositoryPaths.Root, "docs", "en-US");

    private static readonly HashSet<string> ConnectingCommands = new(StringComparer.OrdinalIgnoreCase) { "Connect-QlikSense", "Connect-QlikCloud" };

    private static readonly HashSet<string> AskingCommands = new(StringComparer.OrdinalIgnoreCase) { "Read-Host", "Get-Credential", "Out-GridView" };

    // A drive path not preceded by a letter (so not part of "https://"), or a UNC path.
    private static readonly Regex OutsidePath = new(@"(?<![\w])[A-Za-z]:[\\/]|(?<![\w\\])\\\\\w", RegexOptions.CultureInvariant);

    /// <summary>Commands of the engine ModuleSession opens (InitialSessionState.CreateDefault2), aliases only when their target is there.</summary>
    private static readonly Lazy<HashSet<string>> EngineCommands = new(() =>
    {
        var entries = InitialSessionState.CreateDefault2().Commands;
        var present = entries.Where(entry => entry is SessionStateCmdletEntry or SessionStateFunctionEntry)
            .Select(entry => entry.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var alias in entries.OfType<SessionStateAliasEntry>().Where(alias => present.Contains(alias.Definition)).ToList())
            present.Add(alias.Name);
        return present;
    });

    /// <summary>Every example, with whether it runs here and why not, so the test list shows what is not run.</summary>
    public static TheoryData<string, string, string> AllExamples()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var page in CommandPages())
        {
            var help = TryParse(page);
            if (help == null) rows.Add(page, UnreadablePage, "not run");
            else foreach (var example in help.Examples) rows.Add(page, example.Title, Runnability(example.Code));
        }
        return rows;
    }

    public static TheoryData<string, string> RunnableExamples()
    {
        var rows = new TheoryData<string, string>();
        foreach (var page in CommandPages())
            foreach (var example in TryParse(page)?.Examples ?? Array.Empty<ExampleHelp>())
                if (Runnability(example.Code) == Runs)
                    rows.Add(page, example.Title);
        return rows;
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_example_parses(string page, string title, string runnability)
    {
        Parser.ParseInput(Example(page, title).Code, out _, out var errors);

        Assert.True(errors.Length == 0, $"{page}, {title} ({runnability}): " +
            string.Join("; ", errors.Select(error => $"line {error.Extent.StartLineNumber}, column {error.Extent.StartColumnNumber}: {error.Message}")));
    }

    [Theory]
    [MemberData(nameof(RunnableExamples))]
    public async Task Runnable_example_runs_against_the_simulated_site_without_errors(string page, string title)
    {
        var code = Example(page, title).Code;
        await using var site = await SimulatedSite.StartAsync();
        using var session = new ModuleSession();
        session.ConnectTo(site);
        var folder = Directory.CreateTempSubdirectory("qliklicense-example-").FullName;
        var defaultJournal = (string)session.Invoke("[QlikLicense.Maintenance.Journal.LicenseJournal]::DefaultPath((Get-QlikConnection).Site)").Output.Single().BaseObject;
        var hadDefaultJournal = File.Exists(defaultJournal);
        try
        {
            var moved = session.Invoke($"$ExecutionContext.SessionState.Path.SetLocation('{folder.Replace("'", "''")}')");
            Assert.Empty(moved.AllErrors);

            // Out-Default formats the output as a console would, so the format views run too.
            var result = session.Invoke("& {\n" + code + "\n} | Out-Default");

            Assert.True(!result.AllErrors.Any(),
                $"{page}, {title}:{Environment.NewLine}{code}{Environment.NewLine}--- errors:{Environment.NewLine}" +
                string.Join(Environment.NewLine, result.AllErrors.Select(error => $"{error.FullyQualifiedErrorId}: {error}")) +
                $"{Environment.NewLine}--- console:{Environment.NewLine}{result.HostText}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (!hadDefaultJournal && File.Exists(defaultJournal)) File.Delete(defaultJournal);
        }
    }

    [Fact]
    public void Examples_that_need_a_real_site_a_person_or_missing_commands_are_told_apart()
    {
        Assert.Null(WhyNotRunnable("Get-QlikInactiveLicensedUser -Exclude 'INTERNAL\\*' | Remove-QlikLicenseAllocation -JournalPath .\\journal.jsonl -Confirm:$false"));
        Assert.Null(WhyNotRunnable("Get-QlikUser -Inactive | ForEach-Object { $_.Identity } | Where-Object { $_ -like 'CORP\\*' }"));
        Assert.Null(WhyNotRunnable("Get-QlikLicenseAllocation | % UserId"));
        Assert.Null(WhyNotRunnable("function Show-Site { (Get-QlikConnection).Site }\nShow-Site"));
        Assert.Null(WhyNotRunnable("Get-QlikUsers"));
        Assert.Contains("Connect-QlikSense", WhyNotRunnable("Connect-QlikSense -Server qlik.corp.example"));
        Assert.Contains("Read-Host", WhyNotRunnable("$pw = Read-Host -AsSecureString"));
        Assert.Contains("D:\\QlikLicense", WhyNotRunnable("Remove-QlikLicenseAllocation -JournalPath D:\\QlikLicense\\journal.jsonl"));
        Assert.Contains("\\\\qlikserver1", WhyNotRunnable("Get-QlikLicenseDenial -Path \\\\qlikserver1\\QlikShare\\ArchivedLogs"));
        Assert.Contains("$env:LOCALAPPDATA", WhyNotRunnable("Get-QlikLicenseJournal -Path \"$env:LOCALAPPDATA\\journal.jsonl\""));
        Assert.Contains("Format-Table", WhyNotRunnable("Get-QlikUser | Format-Table"));
        Assert.Contains("ft", WhyNotRunnable("Get-QlikUser | ft"));
    }

    private static string Runnability(string code) => WhyNotRunnable(code) is string reason ? "not run: " + reason : Runs;

    /// <summary>Why an example cannot run here (see the class comment), or null when it can.</summary>
    private static string WhyNotRunnable(string code)
    {
        var script = Parser.ParseInput(code, out _, out var errors);
        if (errors.Length > 0) return "it does not parse";

        var defined = script.FindAll(node => node is FunctionDefinitionAst, searchNestedScriptBlocks: true)
            .Select(node => ((FunctionDefinitionAst)node).Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var command in script.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Select(node => ((CommandAst)node).GetCommandName()))
        {
            if (command == null) continue;
            if (ConnectingCommands.Contains(command)) return $"it connects to a real site ({command})";
            if (AskingCommands.Contains(command)) return $"it asks a person ({command})";
            var present = command.Contains("-Qlik", StringComparison.OrdinalIgnoreCase) || defined.Contains(command) || EngineCommands.Value.Contains(command);
            if (!present) return $"this engine has no {command}";
        }

        foreach (var node in script.FindAll(node => node is StringConstantExpressionAst or ExpandableStringExpressionAst or VariableExpressionAst, searchNestedScriptBlocks: true))
        {
            if (node is VariableExpressionAst variable)
            {
                if (string.Equals(variable.VariablePath.DriveName, "env", StringComparison.OrdinalIgnoreCase))
                    return $"it reads the computer's environment ({variable.Extent.Text})";
            }
            else if (OutsidePath.IsMatch(node.Extent.Text))
            {
                return $"it names a place outside its folder ({node.Extent.Text})";
            }
        }
        return null;
    }

    private static IEnumerable<string> CommandPages() =>
        Directory.GetFiles(HelpFolder, "*.md")
            .Select(Path.GetFileName)
            .Where(name => !name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            .OrderBy(name => name, StringComparer.Ordinal);

    private static CommandHelp TryParse(string page)
    {
        try
        {
            return Parse(page);
        }
        catch (HelpSchemaException)
        {
            // Listed as one failing case of Every_example_parses, which reports the page's error.
            return null;
        }
    }

    private static CommandHelp Parse(string page)
    {
        var path = Path.Combine(HelpFolder, page);
        return CommandPageParser.Parse(File.ReadAllText(path), path);
    }

    private static ExampleHelp Example(string page, string title)
    {
        CommandHelp help;
        try
        {
            help = Parse(page);
        }
        catch (HelpSchemaException error)
        {
            throw new Xunit.Sdk.XunitException(error.ToBuildError());
        }
        return Assert.Single(help.Examples, example => example.Title == title);
    }
}
