using System.Management.Automation.Language;

namespace QlikLicense.Module.Tests;

/// <summary>
/// Every PowerShell file of the repository (scripts, modules, data files such as the manifest) parses with the real
/// PowerShell parser, so a syntax error is caught here and not on an administrator's machine.
/// </summary>
public sealed class ScriptSyntaxTests
{
    private static readonly string[] PowerShellExtensions = { ".ps1", ".psm1", ".psd1" };

    // Build output holds copies of the sources; hidden folders (.git, .vs) hold no sources of ours.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "out" };

    public static TheoryData<string> PowerShellFiles()
    {
        var files = new TheoryData<string>();
        foreach (var path in FilesUnder(RepositoryPaths.Root).OrderBy(path => path, StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'));
        return files;
    }

    [Theory]
    [MemberData(nameof(PowerShellFiles))]
    public void Parses_without_syntax_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepositoryPaths.Root, relativePath), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join(Environment.NewLine,
            errors.Select(error => $"{relativePath}:{error.Extent.StartLineNumber}:{error.Extent.StartColumnNumber}: {error.Message}")));
    }

    private static IEnumerable<string> FilesUnder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
            if (PowerShellExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                yield return file;
        foreach (var subfolder in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(subfolder);
            if (SkippedFolders.Contains(name) || name.StartsWith('.')) continue;
            foreach (var file in FilesUnder(subfolder)) yield return file;
        }
    }
}
