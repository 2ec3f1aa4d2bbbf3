namespace QlikLicense.Hosting;

public enum HostStream
{
    Output,
    Error,
    Warning,
    Verbose,
    Debug,
    Progress,
    Prompt,
}

/// <summary>One line the host was asked to show.</summary>
public sealed record HostLine(HostStream Stream, string Text)
{
    public override string ToString() => Stream == HostStream.Output ? Text : Stream.ToString().ToUpperInvariant() + ": " + Text;
}
