namespace QlikLicense.Simulator;

/// <summary>What the site does wrong to a request.</summary>
public enum FaultKind
{
    None,
    /// <summary>Answer 503 without acting.</summary>
    ServiceUnavailable,
    /// <summary>Abort the connection before acting.</summary>
    ResetBefore,
    /// <summary>Act, then abort the connection without a response.</summary>
    ResetAfter,
    /// <summary>Act, then answer with only the first half of the JSON body.</summary>
    TruncatedJson,
    /// <summary>Answer 403 without acting, as QRS does when the certificate's user may not make the call.</summary>
    Forbidden,
}

/// <summary>
/// Faults injected into requests, settable at runtime and thread-safe. Rates are probabilities in [0, 1] drawn
/// from one random sequence seeded by <see cref="Reseed"/> (initially the site's RandomSeed), so the same
/// sequence of requests meets the same faults. <see cref="FailNext"/> queues exact faults ahead of the rates.
/// Faults apply to requests for which <see cref="AppliesTo"/> holds; when it is null, to every request but
/// /qrs/about (so a client's connection check still works).
/// </summary>
public sealed class FaultInjection
{
    private readonly object _gate = new();
    private readonly Queue<FaultKind> _queued = new();
    private Random _random;
    private double _serviceUnavailableRate, _resetBeforeRate, _resetAfterRate, _truncatedJsonRate, _forbiddenRate, _slowRate;
    private TimeSpan _slowResponse, _latency;
    private Func<string, string, bool> _appliesTo;
    private int _injected;

    internal FaultInjection(int seed) => _random = new Random(seed);

    public double ServiceUnavailableRate { get => Read(() => _serviceUnavailableRate); set => Write(() => _serviceUnavailableRate = Rate(value)); }
    public double ResetBeforeRate { get => Read(() => _resetBeforeRate); set => Write(() => _resetBeforeRate = Rate(value)); }
    public double ResetAfterRate { get => Read(() => _resetAfterRate); set => Write(() => _resetAfterRate = Rate(value)); }
    public double TruncatedJsonRate { get => Read(() => _truncatedJsonRate); set => Write(() => _truncatedJsonRate = Rate(value)); }

    /// <summary>1 makes every request the faults apply to a 403, as for a user the site does not allow (see <see cref="RefuseEverything"/>).</summary>
    public double ForbiddenRate { get => Read(() => _forbiddenRate); set => Write(() => _forbiddenRate = Rate(value)); }

    /// <summary>Delay added to a request drawn by <see cref="SlowRate"/>.</summary>
    public TimeSpan SlowResponse { get => Read(() => _slowResponse); set => Write(() => _slowResponse = value); }
    public double SlowRate { get => Read(() => _slowRate); set => Write(() => _slowRate = Rate(value)); }

    /// <summary>Delay added to every request the faults apply to.</summary>
    public TimeSpan Latency { get => Read(() => _latency); set => Write(() => _latency = value); }

    /// <summary>(method, path) → whether faults apply; null = all but /qrs/about.</summary>
    public Func<string, string, bool> AppliesTo { get => Read(() => _appliesTo); set => Write(() => _appliesTo = value); }

    /// <summary>How many faults (not counting delays) were injected so far.</summary>
    public int InjectedCount => Read(() => _injected);

    /// <summary>The next <paramref name="count"/> requests the faults apply to meet <paramref name="kind"/>.</summary>
    public void FailNext(FaultKind kind, int count = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _queued.Enqueue(kind);
        }
    }

    /// <summary>
    /// Every QRS request, /qrs/about included, answers 403: the site a certificate or user is not allowed on.
    /// (<see cref="ForbiddenRate"/> 1 alone leaves /qrs/about answering, so a client connects and then meets 403s.)
    /// </summary>
    public void RefuseEverything()
    {
        lock (_gate)
        {
            _forbiddenRate = 1;
            _appliesTo = (_, _) => true;
        }
    }

    /// <summary>Restarts the random sequence.</summary>
    public void Reseed(int seed) => Write(() => _random = new Random(seed));

    /// <summary>Turns every fault and delay off.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _serviceUnavailableRate = _resetBeforeRate = _resetAfterRate = _truncatedJsonRate = _forbiddenRate = _slowRate = 0;
            _slowResponse = _latency = TimeSpan.Zero;
            _appliesTo = null;
            _queued.Clear();
        }
    }

    internal FaultDecision Decide(string method, string path)
    {
        lock (_gate)
        {
            var applies = _appliesTo?.Invoke(method, path)
                          ?? !path.StartsWith("/qrs/about", StringComparison.OrdinalIgnoreCase);
            if (!applies) return FaultDecision.NoFault;

            var kind = FaultKind.None;
            if (_queued.Count > 0)
            {
                kind = _queued.Dequeue();
            }
            else
            {
                // One draw picks at most one fault, so the rates add up instead of shadowing each other.
                var draw = _random.NextDouble();
                if ((draw -= _serviceUnavailableRate) < 0) kind = FaultKind.ServiceUnavailable;
                else if ((draw -= _resetBeforeRate) < 0) kind = FaultKind.ResetBefore;
                else if ((draw -= _resetAfterRate) < 0) kind = FaultKind.ResetAfter;
                else if ((draw -= _truncatedJsonRate) < 0) kind = FaultKind.TruncatedJson;
                else if ((draw -= _forbiddenRate) < 0) kind = FaultKind.Forbidden;
            }

            var delay = _latency;
            if (_slowRate > 0 && _random.NextDouble() < _slowRate) delay += _slowResponse;
            if (kind != FaultKind.None) _injected++;
            return new FaultDecision(kind, delay);
        }
    }

    private static double Rate(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A rate lies between 0 and 1.");

    private T Read<T>(Func<T> read)
    {
        lock (_gate) return read();
    }

    private void Write(Action write)
    {
        lock (_gate) write();
    }
}

internal readonly record struct FaultDecision(FaultKind Kind, TimeSpan Delay)
{
    public static readonly FaultDecision NoFault = new(FaultKind.None, TimeSpan.Zero);
}
