using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace QlikLicense.Module.Tests;

/// <summary>The built module folder is what a user copies to PSModulePath, and loads in Windows PowerShell 5.1 and PowerShell 7.</summary>
public sealed class ModuleLayoutTests
{
    [Fact]
    public void The_module_folder_holds_the_manifest_assemblies_format_files_and_help()
    {
        var files = Directory.GetFiles(RepositoryPaths.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryPaths.ModuleFolder, path).Replace('\\', '/')).ToHashSet();

        Assert.Contains("QlikLicense.psd1", files);
        Assert.Contains("QlikLicense.dll", files);
        Assert.Contains("QlikLicense.Engine.dll", files);
        Assert.Contains("Newtonsoft.Json.dll", files);
        // Vector<T> for the log scan, for Windows PowerShell 5.1: one copy, of exactly the version the engine references
        // (.NET Framework binds strong-named assemblies by exact version, and the module has no binding redirects).
        Assert.Single(files, file => file.EndsWith("System.Numerics.Vectors.dll"));
        Assert.Equal(ReferencesOf("QlikLicense.Engine.dll")["System.Numerics.Vectors"],
            System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(RepositoryPaths.ModuleFolder, "System.Numerics.Vectors.dll")).Version);
        Assert.Contains("en-US/QlikLicense.dll-Help.xml", files);
        Assert.Contains("en-US/about_QlikLicense.help.txt", files);
        Assert.True(files.Count(file => file.EndsWith(".format.ps1xml")) >= 1);
        // Windows PowerShell 5.1 needs the lowest Newtonsoft.Json that PowerShell 7 ships, 13.0.1.
        Assert.StartsWith("13.0.1", FileVersionInfo.GetVersionInfo(Path.Combine(RepositoryPaths.ModuleFolder, "Newtonsoft.Json.dll")).FileVersion);
    }

    [Theory]
    [InlineData("QlikLicense.dll")]
    [InlineData("QlikLicense.Engine.dll")]
    public void Each_module_assembly_targets_netstandard2_0(string assembly)
    {
        var references = ReferencesOf(assembly);

        Assert.Contains("netstandard", references.Keys);
        Assert.Equal(new Version(2, 0, 0, 0), references["netstandard"]);
        Assert.DoesNotContain("System.Runtime", references.Keys);
    }

    [Fact]
    public void The_cmdlets_call_the_engine_and_the_engine_references_json_13()
    {
        Assert.Contains("QlikLicense.Engine", ReferencesOf("QlikLicense.dll").Keys);
        Assert.Equal(new Version(13, 0, 0, 0), ReferencesOf("QlikLicense.Engine.dll")["Newtonsoft.Json"]);
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
        Assert.NotEqual(Path.Combine(RepositoryPaths.ModuleFolder, "Newtonsoft.Json.dll"), loaded[0].Location);
    }

    private static Dictionary<string, Version> ReferencesOf(string assembly)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.ModuleFolder, assembly));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle))
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version);
    }
}
