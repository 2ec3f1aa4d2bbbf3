using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The ErrorIds the module declares in one place (QlikLicense.Commands.ErrorIds), read from the built assembly's
/// metadata: this project does not reference the module, so PowerShell loads it the way it would for a user.
/// </summary>
internal static class ModuleErrorIds
{
    private static readonly Lazy<Dictionary<string, string>> Declared = new(Read);

    /// <summary>The ErrorId the module declares under this name; fails when it declares none.</summary>
    public static string Id(string name) =>
        Declared.Value.TryGetValue(name, out var id) ? id : throw new KeyNotFoundException($"QlikLicense.Commands.ErrorIds declares no {name}.");

    private static Dictionary<string, string> Read()
    {
        using var pe = new PEReader(File.OpenRead(Path.Combine(RepositoryPaths.ModuleFolder, "Core", "QlikLicense.dll")));
        var metadata = pe.GetMetadataReader();
        var type = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Single(definition => metadata.GetString(definition.Namespace) == "QlikLicense.Commands" && metadata.GetString(definition.Name) == "ErrorIds");
        var ids = new Dictionary<string, string>();
        foreach (var field in type.GetFields().Select(metadata.GetFieldDefinition))
        {
            var constant = field.GetDefaultValue();
            if (constant.IsNil) continue;
            var value = metadata.GetConstant(constant);
            if (value.TypeCode != ConstantTypeCode.String) continue;
            var blob = metadata.GetBlobReader(value.Value);
            ids[metadata.GetString(field.Name)] = blob.ReadUTF16(blob.Length);
        }
        return ids;
    }
}
