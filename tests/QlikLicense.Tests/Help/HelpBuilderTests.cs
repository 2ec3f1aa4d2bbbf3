using System.Diagnostics;
using System.Xml.Linq;
using QlikLicense.HelpBuilder;
using Xunit;

namespace QlikLicense.Tests.Help;

public sealed class HelpBuilderTests : IDisposable
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace Msh = "http://msh";

    private readonly string scratch = Directory.CreateTempSubdirectory("qliklicense-help-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    // A small page that uses every part of the schema: two parameter sets, an example with introduction and
    // remarks, a switch, pipeline input, wildcards, an alias, absolute and relative links.
    private const string SamplePage = """"
        ---
        external help file: Sample.dll-Help.xml
        Module Name: Sample
        online version: https://example.test/online/get-sample
        schema: 2.0.0
        ---

        # Get-Sample

        ## SYNOPSIS
        Gets a sample.

        ## SYNTAX

        ### ByName (Default)
        ```
        Get-Sample [-Name] <String> [-Force] [<CommonParameters>]
        ```

        ### ById
        ```
        Get-Sample -Id <Guid> [-Name <String>] [-Force] [<CommonParameters>]
        ```

        ## DESCRIPTION
        Gets samples
        by name or id.

        Second paragraph with `code` and a [link](https://example.test/more).

        ## EXAMPLES

        ### Example 1: By name
        Introduction text.

        ```powershell
        Get-Sample -Name one
        ```

        Gets the sample named one.

        ### Example 2: By id
        ```powershell
        Get-Sample -Id 6b2e0e0a-3e0c-4f64-9f8a-2b1f3a7e9c11
        ```

        ## PARAMETERS

        ### -Name
        The name.

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases: N

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: True
        ```

        ```yaml
        Type: String
        Parameter Sets: ById
        Aliases: N

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: True
        ```

        ### -Id
        The id.

        ```yaml
        Type: Guid
        Parameter Sets: ById
        Aliases:

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Force
        Forces.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters. See [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

        ## INPUTS

        ### System.String
        A name.

        ## OUTPUTS

        ### Sample.Thing
        The sample.

        ## NOTES
        A note.

        ## RELATED LINKS

        [Online help](https://example.test/get-sample)

        [Set-Sample](Set-Sample.md)
        """";

    private const string SampleAbout = """
        # Sample

        ## about_Sample

        # SHORT DESCRIPTION

        A short description.

        # LONG DESCRIPTION

        A long description that goes on and on and on so that it has to be wrapped at eighty columns when rendered.

        ## A subtopic

        - First item.
        - Second item.

        ```powershell
        Get-Sample -Name one
        ```
        """;

    private static XElement RealConnectQlikSense(XDocument maml) =>
        maml.Root.Elements(Command + "command").Single(command => (string)command.Element(Command + "details").Element(Command + "name") == "Connect-QlikSense");

    [Fact]
    public void RealDocsConvertToOneMamlCommandPerPageWithPlatyPsElementOrder()
    {
        var (maml, _) = ConvertRealDocs();

        Assert.Equal(Msh + "helpItems", maml.Root.Name);
        Assert.Equal("maml", (string)maml.Root.Attribute("schema"));
        var pages = Directory.GetFiles(RealDocsFolder(), "*-*.md").Length;
        Assert.Equal(pages, maml.Root.Elements(Command + "command").Count());
        var command = RealConnectQlikSense(maml);
        Assert.Equal(
            new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" },
            command.Elements().Select(element => element.Name.LocalName));

        var details = command.Element(Command + "details");
        Assert.Equal("Connect-QlikSense", (string)details.Element(Command + "name"));
        Assert.Equal("Connect", (string)details.Element(Command + "verb"));
        Assert.Equal("QlikSense", (string)details.Element(Command + "noun"));
        Assert.Contains("Qlik Repository Service", (string)details.Element(Maml + "description").Element(Maml + "para"));
        Assert.True(command.Element(Maml + "description").Elements(Maml + "para").Count() >= 3);
        Assert.NotEmpty(command.Element(Maml + "alertSet").Element(Maml + "alert").Elements(Maml + "para"));
    }

    [Fact]
    public void RealDocsDescribeEveryConnectQlikSenseParameterWithItsMetadata()
    {
        var command = RealConnectQlikSense(ConvertRealDocs().Maml);
        var parameters = command.Element(Command + "parameters").Elements(Command + "parameter")
            .ToDictionary(parameter => (string)parameter.Element(Maml + "name"));

        Assert.Equal(
            new[]
            {
                "Server", "Port", "VirtualProxyPrefix", "Certificate", "CertificatePath", "CertificatePassword",
                "CertificateThumbprint", "UserDirectory", "UserId", "Credential", "UseDefaultCredentials", "HeaderName",
                "HeaderUserId", "Jwt", "TrustedCertificateThumbprint", "CaCertificatePath", "SkipCertificateCheck",
                "TimeoutSec", "PassThru",
            },
            parameters.Keys);

        var server = parameters["Server"];
        Assert.Equal("true", (string)server.Attribute("required"));
        Assert.Equal("0", (string)server.Attribute("position"));
        Assert.Equal("False", (string)server.Attribute("pipelineInput"));
        Assert.Equal("false", (string)server.Attribute("globbing"));
        Assert.Equal("ComputerName, HostName", (string)server.Attribute("aliases"));
        Assert.Equal("String", (string)server.Element(Command + "parameterValue"));
        Assert.Equal("String", (string)server.Element(Dev + "type").Element(Maml + "name"));
        Assert.NotEmpty(server.Element(Maml + "Description").Elements(Maml + "para"));

        Assert.Equal("named", (string)parameters["Port"].Attribute("position"));
        Assert.Equal("none", (string)parameters["Port"].Attribute("aliases"));
        Assert.Equal("100", (string)parameters["TimeoutSec"].Element(Dev + "defaultValue"));
        Assert.Equal("INTERNAL", (string)parameters["UserDirectory"].Element(Dev + "defaultValue"));
        Assert.Equal("sa_repository", (string)parameters["UserId"].Element(Dev + "defaultValue"));
        Assert.Equal("X509Certificate2", (string)parameters["Certificate"].Element(Dev + "type").Element(Maml + "name"));
        Assert.Equal("SecureString", (string)parameters["Jwt"].Element(Dev + "type").Element(Maml + "name"));
        Assert.Equal("PSCredential", (string)parameters["Credential"].Element(Dev + "type").Element(Maml + "name"));
        Assert.Equal("String[]", (string)parameters["TrustedCertificateThumbprint"].Element(Dev + "type").Element(Maml + "name"));

        var skip = parameters["SkipCertificateCheck"];
        Assert.Equal("SwitchParameter", (string)skip.Element(Dev + "type").Element(Maml + "name"));
        Assert.Equal("False", (string)skip.Element(Dev + "defaultValue"));
        Assert.Equal("false", (string)skip.Element(Command + "parameterValue").Attribute("required"));
    }

    [Fact]
    public void RealDocsSyntaxHasOneItemPerParameterSetWithItsParameters()
    {
        var command = RealConnectQlikSense(ConvertRealDocs().Maml);
        var items = command.Element(Command + "syntax").Elements(Command + "syntaxItem")
            .Select(item => item.Elements(Command + "parameter").Select(parameter => (string)parameter.Element(Maml + "name")).ToList())
            .ToList();

        Assert.Equal(7, items.Count);
        Assert.All(items, names => Assert.Equal("Server", names[0]));

        // The default set (CertificateStore) comes first.
        Assert.Contains("CertificateThumbprint", items[0]);
        Assert.DoesNotContain("Credential", items[0]);

        var certificateFile = Assert.Single(items, names => names.Contains("CertificatePath"));
        Assert.Contains("CertificatePassword", certificateFile);
        Assert.Contains("UserId", certificateFile);
        Assert.DoesNotContain("Jwt", certificateFile);

        var header = Assert.Single(items, names => names.Contains("HeaderName"));
        Assert.Contains("HeaderUserId", header);
        Assert.DoesNotContain("UserDirectory", header);

        // As in platyPS, a switch in SYNTAX has no value placeholder.
        var skipInSyntax = command.Element(Command + "syntax").Descendants(Command + "parameter")
            .First(parameter => (string)parameter.Element(Maml + "name") == "SkipCertificateCheck");
        Assert.Null(skipInSyntax.Element(Command + "parameterValue"));
    }

    [Fact]
    public void RealDocsHaveExamplesInputsOutputsAndLinks()
    {
        var command = RealConnectQlikSense(ConvertRealDocs().Maml);

        var examples = command.Element(Command + "examples").Elements(Command + "example").ToList();
        Assert.True(examples.Count >= 2);
        Assert.All(examples, example =>
        {
            Assert.Contains("Example", (string)example.Element(Maml + "title"));
            Assert.Contains("Connect-QlikSense", (string)example.Element(Dev + "code"));
            Assert.NotEmpty(example.Element(Dev + "remarks").Elements(Maml + "para"));
        });

        Assert.Equal("None", (string)command.Element(Command + "inputTypes").Element(Command + "inputType").Element(Dev + "type").Element(Maml + "name"));
        Assert.Contains(
            "QlikLicense.Model.QlikConnection",
            command.Element(Command + "returnValues").Elements(Command + "returnValue").Select(value => (string)value.Element(Dev + "type").Element(Maml + "name")));
        Assert.Contains(
            "about_QlikLicense",
            command.Element(Command + "relatedLinks").Elements(Maml + "navigationLink").Select(link => (string)link.Element(Maml + "linkText")));
    }

    [Fact]
    public void RealAboutTopicIsRenderedInTheHelpTextLayout()
    {
        var (_, about) = ConvertRealDocs();
        var source = File.ReadAllLines(Path.Combine(RepositoryFolder.Root, "docs", "en-US", "about_QlikLicense.md")).Select(line => line.Trim()).ToHashSet();

        Assert.StartsWith("TOPIC\r\n    about_qliklicense\r\n\r\nSHORT DESCRIPTION\r\n    ", about);
        Assert.Contains("\r\nLONG DESCRIPTION\r\n", about);
        foreach (var keyword in new[] { "4242", "X-Qlik-User", "-HeaderName", "-Jwt", "-SkipCertificateCheck", "Restore-QlikLicenseAllocation", "quarantine", "schtasks", "-NoProfile", "Unconfirmed" })
        {
            Assert.Contains(keyword, about);
        }

        // Prose is wrapped at 80 columns; only code lines, copied as written, may be longer.
        var lines = about.Split("\r\n");
        Assert.All(lines.Where(line => line.Length > 80), line => Assert.Contains(line.Trim(), source));
    }

    [Fact]
    public void SamplePageKeepsParagraphsExampleTextAndLinkAddresses()
    {
        var command = ConvertSample().Root.Element(Command + "command");

        Assert.Equal(
            new[] { "Gets samples by name or id.", "Second paragraph with `code` and a link (https://example.test/more)." },
            command.Element(Maml + "description").Elements(Maml + "para").Select(para => (string)para));

        var example = command.Element(Command + "examples").Elements(Command + "example").First();
        // platyPS centres the title in dashes to 64 columns: (64 - 18 - 2) / 2 = 22 on each side.
        Assert.Equal(new string('-', 22) + " Example 1: By name " + new string('-', 22), (string)example.Element(Maml + "title"));
        Assert.Equal("Get-Sample -Name one", (string)example.Element(Dev + "code"));
        Assert.Equal(new[] { "Introduction text.", "Gets the sample named one." }, example.Element(Dev + "remarks").Elements(Maml + "para").Select(para => (string)para));

        var links = command.Element(Command + "relatedLinks").Elements(Maml + "navigationLink")
            .Select(link => ((string)link.Element(Maml + "linkText"), (string)link.Element(Maml + "uri")))
            .ToList();
        Assert.Equal(
            new[]
            {
                ("Online Version:", "https://example.test/online/get-sample"),
                ("Online help", "https://example.test/get-sample"),
                ("Set-Sample", string.Empty),
            },
            links);
        Assert.Equal("A note.", (string)command.Element(Maml + "alertSet").Element(Maml + "alert").Element(Maml + "para"));
    }

    [Fact]
    public void SamplePageParameterMetadataFollowsEachParameterSet()
    {
        var command = ConvertSample().Root.Element(Command + "command");

        var name = command.Element(Command + "parameters").Elements(Command + "parameter").First();
        Assert.Equal("Name", (string)name.Element(Maml + "name"));
        Assert.Equal("true", (string)name.Attribute("required"));
        Assert.Equal("0", (string)name.Attribute("position"));
        Assert.Equal("True (ByValue)", (string)name.Attribute("pipelineInput"));
        Assert.Equal("true", (string)name.Attribute("globbing"));
        Assert.Equal("N", (string)name.Attribute("aliases"));
        Assert.Equal(3, command.Element(Command + "parameters").Elements(Command + "parameter").Count());

        var syntax = command.Element(Command + "syntax").Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, syntax.Count);
        Assert.Equal(new[] { "Name", "Force" }, syntax[0].Elements(Command + "parameter").Select(parameter => (string)parameter.Element(Maml + "name")));
        // Parameters without a position keep the page's order, as in platyPS.
        Assert.Equal(new[] { "Name", "Id", "Force" }, syntax[1].Elements(Command + "parameter").Select(parameter => (string)parameter.Element(Maml + "name")));

        // -Name is optional in ById: that set uses the parameter's second yaml block.
        var nameInById = syntax[1].Elements(Command + "parameter").Single(parameter => (string)parameter.Element(Maml + "name") == "Name");
        Assert.Equal("false", (string)nameInById.Attribute("required"));
        Assert.Equal("named", (string)nameInById.Attribute("position"));

        var idInById = syntax[1].Elements(Command + "parameter").Single(parameter => (string)parameter.Element(Maml + "name") == "Id");
        Assert.Equal("True (ByPropertyName)", (string)idInById.Attribute("pipelineInput"));
        Assert.Equal("Guid", (string)idInById.Element(Command + "parameterValue"));
    }

    [Fact]
    public void SampleAboutTopicIsWrappedIndentedAndKeepsCodeAsWritten()
    {
        WritePage("Get-Sample.md", SamplePage);
        WritePage("about_Sample.md", SampleAbout);

        HelpFolderConverter.Convert(DocsFolder, OutputFolder);
        var text = File.ReadAllText(Path.Combine(OutputFolder, "about_Sample.help.txt"));

        Assert.Equal(
            "TOPIC\r\n    about_sample\r\n\r\n" +
            "SHORT DESCRIPTION\r\n    A short description.\r\n\r\n" +
            "LONG DESCRIPTION\r\n" +
            "    A long description that goes on and on and on so that it has to be wrapped\r\n" +
            "    at eighty columns when rendered.\r\n\r\n" +
            "A subtopic\r\n" +
            "    - First item.\r\n    - Second item.\r\n\r\n" +
            "    Get-Sample -Name one\r\n",
            text);
    }

    public static TheoryData<string> MalformedPageCases => new(MalformedPages.Keys);

    // Each malformed page: how to break the sample, what the error says, and the line it must point at.
    private static readonly Dictionary<string, (Func<string, string> Break, string Message, string Line)> MalformedPages = new()
    {
        ["no front matter"] = (page => page.Substring(page.IndexOf("# Get-Sample", StringComparison.Ordinal)), "front matter", "# Get-Sample"),
        ["wrong schema"] = (page => page.Replace("schema: 2.0.0", "schema: 1.0.0"), "schema: 2.0.0", "---"),
        ["no SYNOPSIS"] = (page => page.Replace("## SYNOPSIS\nGets a sample.\n", string.Empty), "Missing the '## SYNOPSIS' section", "# Get-Sample"),
        ["empty SYNOPSIS"] = (page => page.Replace("## SYNOPSIS\nGets a sample.\n", "## SYNOPSIS\n"), "'## SYNOPSIS' section is empty", "## SYNOPSIS"),
        ["no EXAMPLES"] = (page => Cut(page, "## EXAMPLES", "## PARAMETERS"), "Missing the '## EXAMPLES' section", "# Get-Sample"),
        ["no OUTPUTS"] = (page => Cut(page, "## OUTPUTS", "## NOTES"), "Missing the '## OUTPUTS' section", "# Get-Sample"),
        ["unknown section"] = (page => page.Replace("## NOTES", "## REMARKS"), "Unexpected section '## REMARKS'", "## REMARKS"),
        ["parameter without yaml"] = (page => Cut(page, "The id.", "### -Force").Replace("### -Id\n", "### -Id\nThe id.\n\n"), "-Id has no ```yaml block", "### -Id"),
        ["unknown yaml key"] = (page => page.Replace("Aliases: N\n\nRequired: True", "Alias: N\n\nRequired: True"), "unknown key 'Alias'", "Alias: N"),
        ["yaml line without key"] = (page => page.Replace("Type: Guid", "Guid"), "not a 'Key: value' pair", "Guid"),
        ["bad position"] = (page => page.Replace("Position: 0", "Position: first"), "Position must be a number", "Position: first"),
        ["bad pipeline input"] = (page => page.Replace("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: Maybe"), "Accept pipeline input must be", "Accept pipeline input: Maybe"),
        ["unknown parameter set"] = (page => page.Replace("Parameter Sets: ById\nAliases:\n", "Parameter Sets: ByKey\nAliases:\n"), "parameter set 'ByKey'", "### -Id"),
        ["text after yaml"] = (page => page.Replace("### -Force", "Stray text.\n\n### -Force"), "only further ```yaml blocks", "Stray text."),
        ["example without code"] = (page => page.Replace("```powershell\nGet-Sample -Id 6b2e0e0a-3e0c-4f64-9f8a-2b1f3a7e9c11\n```\n", "Just words.\n"), "Example 'Example 2: By id' has no code block", "### Example 2: By id"),
        ["related link that is not a link"] = (page => page.Replace("[Set-Sample](Set-Sample.md)", "Set-Sample"), "RELATED LINKS holds only links", "Set-Sample"),
        ["two commands"] = (page => page.Replace("## NOTES", "# Get-Other\n\n## NOTES"), "a page documents one command", "# Get-Other"),
    };

    [Theory]
    [MemberData(nameof(MalformedPageCases))]
    public void MalformedPageFailsWithFileAndLine(string caseName)
    {
        var (breakPage, message, line) = MalformedPages[caseName];
        var page = breakPage(SamplePage.ReplaceLineEndings("\n"));
        Assert.NotEqual(SamplePage.ReplaceLineEndings("\n"), page);
        var path = WritePage("Get-Sample.md", page);

        var error = Assert.Single(Assert.Throws<AggregateException>(() => HelpFolderConverter.Convert(DocsFolder, OutputFolder)).InnerExceptions);

        var schemaError = Assert.IsType<HelpSchemaException>(error);
        Assert.Contains(message, schemaError.Message);
        Assert.Equal(path, schemaError.FilePath);
        Assert.Equal(LineNumberOf(page, line), schemaError.Line);
        Assert.Equal($"{path}({schemaError.Line}): error QLHELP001: {schemaError.Message}", schemaError.ToBuildError());
    }

    [Fact]
    public void PageNamedAfterAnotherCommandFails()
    {
        var path = WritePage("Get-Other.md", SamplePage);

        var error = (HelpSchemaException)Assert.Single(Assert.Throws<AggregateException>(() => HelpFolderConverter.Convert(DocsFolder, OutputFolder)).InnerExceptions);

        Assert.Equal(path, error.FilePath);
        Assert.Contains("'Get-Sample'", error.Message);
    }

    [Fact]
    public void AboutTopicWithoutShortDescriptionFails()
    {
        WritePage("Get-Sample.md", SamplePage);
        var path = WritePage("about_Sample.md", SampleAbout.Replace("# SHORT DESCRIPTION", "# SUMMARY"));

        var error = (HelpSchemaException)Assert.Single(Assert.Throws<AggregateException>(() => HelpFolderConverter.Convert(DocsFolder, OutputFolder)).InnerExceptions);

        Assert.Equal(path, error.FilePath);
        Assert.Contains("SHORT DESCRIPTION", error.Message);
    }

    [Fact]
    public void EveryMalformedPageIsReportedAndNothingIsWritten()
    {
        WritePage("Get-Sample.md", SamplePage);
        WritePage("Get-Broken.md", SamplePage.Replace("# Get-Sample", "# Get-Broken").Replace("Gets a sample.", string.Empty));
        WritePage("about_Sample.md", "# Sample\n\nNo lookup name.\n");

        var errors = Assert.Throws<AggregateException>(() => HelpFolderConverter.Convert(DocsFolder, OutputFolder)).InnerExceptions;

        Assert.Equal(2, errors.Count);
        Assert.False(Directory.Exists(OutputFolder) && Directory.EnumerateFileSystemEntries(OutputFolder).Any());
    }

    [Fact]
    public void ConverterProcessExitsNonZeroAndPrintsBuildErrorForMalformedPage()
    {
        var path = WritePage("Get-Sample.md", SamplePage.Replace("## SYNOPSIS\nGets a sample.\n", "## SYNOPSIS\n"));

        var (exitCode, error) = RunConverter(DocsFolder, OutputFolder);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}({LineNumberOf(File.ReadAllText(path), "## SYNOPSIS")}): error QLHELP001:", error);
    }

    [Fact]
    public void ConverterProcessWritesHelpForValidPages()
    {
        WritePage("Get-Sample.md", SamplePage);

        var (exitCode, error) = RunConverter(DocsFolder, OutputFolder);

        Assert.True(exitCode == 0, error);
        Assert.True(File.Exists(Path.Combine(OutputFolder, "Sample.dll-Help.xml")));
    }

    private string DocsFolder => Path.Combine(scratch, "docs");

    private string OutputFolder => Path.Combine(scratch, "out");

    private string WritePage(string fileName, string markdown)
    {
        Directory.CreateDirectory(DocsFolder);
        var path = Path.Combine(DocsFolder, fileName);
        File.WriteAllText(path, markdown);
        return path;
    }

    private XDocument ConvertSample()
    {
        WritePage("Get-Sample.md", SamplePage);
        HelpFolderConverter.Convert(DocsFolder, OutputFolder);
        return XDocument.Load(Path.Combine(OutputFolder, "Sample.dll-Help.xml"));
    }

    private static string RealDocsFolder() => Path.Combine(RepositoryFolder.Root, "docs", "en-US");

    private (XDocument Maml, string About) ConvertRealDocs()
    {
        var written = HelpFolderConverter.Convert(RealDocsFolder(), OutputFolder);
        Assert.Contains(Path.Combine(OutputFolder, "QlikLicense.dll-Help.xml"), written);
        return (XDocument.Load(Path.Combine(OutputFolder, "QlikLicense.dll-Help.xml")),
                File.ReadAllText(Path.Combine(OutputFolder, "about_QlikLicense.help.txt")));
    }

    private static (int ExitCode, string Error) RunConverter(string docsFolder, string outputFolder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { typeof(HelpFolderConverter).Assembly.Location, docsFolder, outputFolder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "The converter did not finish within a minute.");
        return (process.ExitCode, error.Result);
    }

    private static string Cut(string page, string from, string to)
    {
        var start = page.IndexOf(from, StringComparison.Ordinal);
        var end = page.IndexOf(to, start, StringComparison.Ordinal);
        return page.Remove(start, end - start);
    }

    private static int LineNumberOf(string page, string line) =>
        Array.FindIndex(page.ReplaceLineEndings("\n").Split('\n'), candidate => candidate.Trim() == line) + 1;
}
