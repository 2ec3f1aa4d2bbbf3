namespace QlikLicense.Simulator.Filtering;

/// <summary>A filter QRS would reject with 400; the message follows QRS's "Cannot parse the expression".</summary>
public sealed class QrsFilterException : Exception
{
    public QrsFilterException(string detail, int position)
        : base($"Cannot parse the expression: {detail} (at position {position})")
    {
        Position = position;
    }

    public int Position { get; }
}
