namespace QlikLicense.Simulator;

/// <summary>The site's notion of "now" (UTC): real time, or a fixed time that tests move by hand.</summary>
public sealed class SiteClock
{
    private readonly object _gate = new();
    private DateTime? _fixedUtc;

    public SiteClock(DateTime? fixedUtc)
    {
        if (fixedUtc.HasValue) Set(fixedUtc.Value);
    }

    public DateTime UtcNow
    {
        get { lock (_gate) return _fixedUtc ?? DateTime.UtcNow; }
    }

    /// <summary>Stops the clock at <paramref name="utc"/>.</summary>
    public void Set(DateTime utc)
    {
        var value = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        lock (_gate) _fixedUtc = value;
    }

    /// <summary>Moves a stopped clock forward (or stops a real clock at now + <paramref name="by"/>).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate) _fixedUtc = (_fixedUtc ?? DateTime.UtcNow) + by;
    }
}
