namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// Rate limits per caller (API key owner or OAuth client) and tier, on the wall clock. Off until a budget is set:
/// <see cref="SetBudget"/> (N requests per sliding window; the next one answers 429 and the whole tier is blocked
/// for that caller until the oldest counted request leaves the window, which Retry-After says in whole seconds),
/// <see cref="UseDocumentedLimits"/> (qlik.dev: Tier 1 1,000/min, Tier 2 100/min, audits 1,000/min, counted over
/// 5 minutes), or <see cref="RejectNext"/> (on demand). A refused request does not count. Thread-safe.
/// </summary>
public sealed class TenantRateLimits
{
    private readonly object _gate = new();
    private readonly Dictionary<RateTier, (int Requests, TimeSpan Window)> _budgets = new();
    private readonly Dictionary<(string Caller, RateTier Tier), Queue<DateTime>> _counted = new();
    private readonly Dictionary<(string Caller, RateTier Tier), DateTime> _blockedUntil = new();
    private readonly Dictionary<RateTier, Queue<TimeSpan>> _onDemand = new();
    private int _rejected;

    /// <summary>How many requests answered 429 so far.</summary>
    public int RejectedCount
    {
        get { lock (_gate) return _rejected; }
    }

    /// <summary>At most <paramref name="requests"/> requests of <paramref name="tier"/> per caller within any
    /// <paramref name="window"/>.</summary>
    public void SetBudget(RateTier tier, int requests, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        lock (_gate) _budgets[tier] = (requests, window);
    }

    /// <summary>The limits qlik.dev documents: per minute, counted over 5 minutes.</summary>
    public void UseDocumentedLimits()
    {
        var window = TimeSpan.FromMinutes(5);
        SetBudget(RateTier.Tier1, 1000 * 5, window);
        SetBudget(RateTier.Tier2, 100 * 5, window);
        SetBudget(RateTier.Audits, 1000 * 5, window);
    }

    /// <summary>The next request of <paramref name="tier"/> (from any caller) answers 429 with
    /// <paramref name="retryAfter"/> (rounded up to whole seconds), and the tier stays blocked for that caller until then.</summary>
    public void RejectNext(RateTier tier, TimeSpan retryAfter, int count = 1)
    {
        lock (_gate)
        {
            if (!_onDemand.TryGetValue(tier, out var queue)) _onDemand[tier] = queue = new Queue<TimeSpan>();
            for (var i = 0; i < count; i++) queue.Enqueue(retryAfter);
        }
    }

    /// <summary>No budgets, no blocks, nothing queued, counts cleared.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _budgets.Clear();
            _counted.Clear();
            _blockedUntil.Clear();
            _onDemand.Clear();
            _rejected = 0;
        }
    }

    /// <summary>Counts the request, or says how long the caller must wait (the Retry-After) when it is refused.</summary>
    internal TimeSpan? Admit(string caller, RateTier tier, DateTime nowUtc)
    {
        lock (_gate)
        {
            var key = (caller, tier);
            if (_blockedUntil.TryGetValue(key, out var until) && nowUtc < until) return Reject(until - nowUtc);
            if (_onDemand.TryGetValue(tier, out var queued) && queued.Count > 0)
            {
                var wait = queued.Dequeue();
                _blockedUntil[key] = nowUtc + wait;
                return Reject(wait);
            }

            if (!_budgets.TryGetValue(tier, out var budget)) return null;
            if (!_counted.TryGetValue(key, out var times)) _counted[key] = times = new Queue<DateTime>();
            while (times.Count > 0 && times.Peek() <= nowUtc - budget.Window) times.Dequeue();
            if (times.Count >= budget.Requests)
            {
                var free = times.Peek() + budget.Window;
                _blockedUntil[key] = free;
                return Reject(free - nowUtc);
            }

            times.Enqueue(nowUtc);
            return null;
        }
    }

    private TimeSpan Reject(TimeSpan wait)
    {
        _rejected++;
        return wait;
    }
}
