using System.Diagnostics;
using System.Management.Automation.Language;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The built module folder is what a user copies to PSModulePath: the manifest at its root names the build for the
/// PowerShell it runs in, Core (PowerShell 7, net8.0) or Desktop (Windows PowerShell 5.1, netstandard2.0).
/// </summary>
public sealed class ModuleLayoutTests
{
    [Fact]
    public void The_module_folder_holds_the_manifest_a_build_per_edition_format_files_and_help()
    {
        var files = Directory.GetFiles(RepositoryPaths.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryPaths.ModuleFolder, path).Replace('\\', '/')).ToHashSet();

        Assert.Contains("QlikLicense.psd1", files);
        Assert.DoesNotContain("QlikLicense.psm1", files);
        Assert.DoesNotContain(files, file => !file.Contains('/') && file.EndsWith(".dll"));
        Assert.Equal(["Core/QlikLicense.dll", "Core/QlikLicense.Engine.dll"], files.Where(file => file.StartsWith("Core/")).Order());
        Assert.Equal(["Desktop/Newtonsoft.Json.dll", "Desktop/QlikLicense.dll", "Desktop/QlikLicense.Engine.dll", "Desktop/System.Numerics.Vectors.dll"],
            files.Where(file => file.StartsWith("Desktop/")).Order());
        // Vector<T> for the Desktop log scan: exactly the version its engine references (.NET Framework binds
        // strong-named assemblies by exact version, and the module has no binding redirects).
        Assert.Equal(ReferencesOf("Desktop/QlikLicense.Engine.dll")["System.Numerics.Vectors"],
            System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(RepositoryPaths.ModuleFolder, "Desktop", "System.Numerics.Vectors.dll")).Version);
        Assert.Contains("en-US/QlikLicense.dll-Help.xml", files);
        Assert.Contains("en-US/about_QlikLicense.help.txt", files);
        Assert.True(files.Count(file => file.EndsWith(".format.ps1xml")) >= 1);
        // Windows PowerShell 5.1 needs the lowest Newtonsoft.Json that PowerShell 7 ships, 13.0.1.
        Assert.StartsWith("13.0.1", FileVersionInfo.GetVersionInfo(Path.Combine(RepositoryPaths.ModuleFolder, "Desktop", "Newtonsoft.Json.dll")).FileVersion);
    }

    [Fact]
    public void The_manifest_roots_the_module_in_the_core_build_on_powershell_7_and_in_the_desktop_build_otherwise()
    {
        // Windows PowerShell 5.1 cannot be run here: its branch is read from the manifest as written.
        var choice = Assert.IsType<IfStatementAst>(ModuleManifest.Value("RootModule"));
        var (condition, coreBody) = Assert.Single(choice.Clauses);
        var test = Assert.IsType<BinaryExpressionAst>(((PipelineAst)condition).GetPureExpression());
        Assert.Equal("PSEdition", Assert.IsType<VariableExpressionAst>(test.Left).VariablePath.UserPath);
        Assert.Equal(TokenKind.Ieq, test.Operator);
        Assert.Equal("Core", Assert.IsType<StringConstantExpressionAst>(test.Right).Value);

        Assert.Equal("Core/QlikLicense.dll", Only(coreBody));
        Assert.Equal("Desktop/QlikLicense.dll", Only(choice.ElseClause));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.ModuleFolder, "Desktop", "QlikLicense.dll")));
    }

    [Theory]
    [InlineData("Desktop/QlikLicense.dll")]
    [InlineData("Desktop/QlikLicense.Engine.dll")]
    public void The_desktop_build_targets_netstandard2_0(string assembly)
    {
        var references = ReferencesOf(assembly);

        Assert.Equal(new Version(2, 0, 0, 0), references["netstandard"]);
        Assert.DoesNotContain("System.Runtime", references.Keys);
    }

    [Theory]
    [InlineData("Core/QlikLicense.dll")]
    [InlineData("Core/QlikLicense.Engine.dll")]
    public void The_core_build_targets_dotnet_8_which_powershell_7_4_runs_on(string assembly)
    {
        var references = ReferencesOf(assembly);

        Assert.Equal(new Version(8, 0, 0, 0), references["System.Runtime"]);
        Assert.DoesNotContain("netstandard", references.Keys);
        Assert.DoesNotContain("System.Numerics.Vectors", references.Keys);
    }

    [Theory]
    [InlineData("Core")]
    [InlineData("Desktop")]
    public void The_cmdlets_call_the_engine_and_the_engine_references_json_13(string edition)
    {
        Assert.Contains("QlikLicense.Engine", ReferencesOf(edition + "/QlikLicense.dll").Keys);
        Assert.Equal(new Version(13, 0, 0, 0), ReferencesOf(edition + "/QlikLicense.Engine.dll")["Newtonsoft.Json"]);
    }

    [Fact]
    public void Powershell_7_imports_the_core_build_and_removes_it_with_the_module()
    {
        using var session = new ModuleSession();
        var location = session.Invoke("(Get-Command Get-QlikUser).ImplementingType.Assembly.Location").Output.Single().BaseObject;
        Assert.Equal(Path.Combine(RepositoryPaths.ModuleFolder, "Core", "QlikLicense.dll"), location);

        var removed = session.Invoke("Remove-Module QlikLicense; @(Get-Module -All | Where-Object Name -eq QlikLicense).Count");
        Assert.Empty(removed.AllErrors);
        Assert.Equal(0, removed.Output.Single().BaseObject);
    }

    [Fact]
    public async Task Importing_the_module_into_powershell_7_uses_the_json_assembly_powershell_already_loaded()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var session = new ModuleSession();
        session.ConnectTo(site);
        Assert.NotEmpty(session.Invoke("Get-QlikUser -UserDirectory CORP").Output);

        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(assembly => assembly.GetName().Name == "Newtonsoft.Json").ToList();
        Assert.Single(loaded);
        Assert.DoesNotContain(RepositoryPaths.ModuleFolder, loaded[0].Location);
    }

    /// <summary>The one string a branch of the manifest's RootModule gives.</summary>
    private static string Only(StatementBlockAst block) =>
        Assert.IsType<StringConstantExpressionAst>(((PipelineAst)Assert.Single(block.Statements)).GetPureExpression()).Value;

    private static Dictionary<string, Version> ReferencesOf(string assembly)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.ModuleFolder, assembly));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle))
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version);
    }
}
