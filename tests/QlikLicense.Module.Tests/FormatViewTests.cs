using System.Xml.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>Every type a cmdlet declares as output has a view in the module's format files, so it shows as an admin expects.</summary>
public sealed class FormatViewTests
{
    [Fact]
    public void Every_declared_output_type_has_a_format_view()
    {
        var viewed = Directory.GetFiles(RepositoryPaths.ModuleFolder, "*.format.ps1xml")
            .SelectMany(file => XDocument.Load(file).Descendants("ViewSelectedBy").Elements("TypeName"))
            .Select(name => name.Value.Trim())
            .ToHashSet();

        using var session = new ModuleSession();
        var declared = session.Invoke("Get-Command -Module QlikLicense | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Name }")
            .Output.Select(item => item.BaseObject.ToString())
            .Where(name => name.StartsWith("QlikLicense.", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Empty(declared.Where(name => !viewed.Contains(name)));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        using var session = new ModuleSession();
        var undeclared = session.Invoke("Get-Command -Module QlikLicense | Where-Object { $_.OutputType.Count -eq 0 } | ForEach-Object { $_.Name }")
            .Output.Select(item => item.BaseObject.ToString()).ToList();

        Assert.Empty(undeclared);
    }
}
