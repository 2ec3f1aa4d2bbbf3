namespace QlikLicense.HelpBuilder;

/// <summary>A help page that does not follow the platyPS schema, located by file and 1-based line.</summary>
public sealed class HelpSchemaException : Exception
{
    public HelpSchemaException(string filePath, int line, string message)
        : base(message)
    {
        FilePath = filePath;
        Line = line;
    }

    public string FilePath { get; }

    public int Line { get; }

    /// <summary>MSBuild's canonical error format, so the build log points at the page and line.</summary>
    public string ToBuildError() => $"{FilePath}({Line}): error QLHELP001: {Message}";
}
