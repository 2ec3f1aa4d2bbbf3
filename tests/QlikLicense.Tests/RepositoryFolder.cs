namespace QlikLicense.Tests;

/// <summary>The repository the tests were built from (the folder holding QlikLicense.sln).</summary>
internal static class RepositoryFolder
{
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "QlikLicense.sln"))) return folder.FullName;
            throw new DirectoryNotFoundException("QlikLicense.sln was not found above " + AppContext.BaseDirectory);
        }
    }
}
