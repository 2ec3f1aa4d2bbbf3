namespace QlikLicense.Simulator.Filtering;

/// <summary>A parsed QRS filter.</summary>
public abstract record QrsFilterNode;

public sealed record QrsFilterAnd(QrsFilterNode Left, QrsFilterNode Right) : QrsFilterNode;

public sealed record QrsFilterOr(QrsFilterNode Left, QrsFilterNode Right) : QrsFilterNode;

/// <summary><c>property.path op value</c>.</summary>
public sealed record QrsFilterComparison(IReadOnlyList<string> Path, QrsFilterOperator Operator, QrsFilterValue Value) : QrsFilterNode
{
    public string PathText => string.Join(".", Path);
}

public enum QrsFilterOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    /// <summary>Starts with.</summary>
    Sw,
    /// <summary>Ends with.</summary>
    Ew,
    /// <summary>Substring of (contains).</summary>
    So,
}

/// <summary>A literal: a quoted string (unescaped) or a bare token (true, false, null, number, GUID, enum name).</summary>
public sealed record QrsFilterValue(string Text, bool Quoted)
{
    public bool IsNull => !Quoted && string.Equals(Text, "null", StringComparison.OrdinalIgnoreCase);
}
