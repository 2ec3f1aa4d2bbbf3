namespace QlikLicense.Hosting;

/// <summary>Where the repository and the built module are, found from the running assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleFolder => Path.Combine(Root, "out", "QlikLicense");

    public static string ModuleManifest => Path.Combine(ModuleFolder, "QlikLicense.psd1");

    /// <summary>../shared beside the repository: real samples from other projects, present on some machines only.</summary>
    public static string SharedFolder
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "QlikLicense.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException("QlikLicense.sln was not found above " + AppContext.BaseDirectory);
    }
}
