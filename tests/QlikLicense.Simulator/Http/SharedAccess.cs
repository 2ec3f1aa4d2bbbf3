using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Http;

/// <summary>
/// The token and capacity side of a simulated licence: tokens taken by user access passes and login access groups,
/// login access passes used in the last 28 days, and analyzer capacity minutes used this month. Counts are derived
/// from the stored passes and usage records when read, as the site clock moves. How QRS fills the overview's token
/// and minute fields beyond their names is unconfirmed: the choices are written next to each.
/// </summary>
internal sealed class SharedAccess(SiteStore store)
{
    /// <summary>A used login access pass comes back after 28 days (Qlik's help).</summary>
    private static readonly TimeSpan PassReturn = TimeSpan.FromDays(28);

    /// <summary>Tokens free to allocate: the licence's tokens less user access passes (quarantined ones too) and login access groups.</summary>
    public int AvailableTokens() => Math.Max(0, (int)Math.Floor(store.TotalTokens - TokensTaken() + 1e-9));

    /// <summary>The overview's userAccess block: tokens of passes held, used at least once, and in quarantine.</summary>
    public JObject UserAccessOverview()
    {
        var passes = store.All(QrsTypes.UserAccessType);
        var cost = store.UserAccessTokenCost;
        var quarantined = passes.Count(pass => pass.Value<bool?>("quarantined") == true);
        var used = passes.Count(pass => pass.Value<bool?>("quarantined") != true && QrsDates.TryParse(pass.Value<string>("lastUsed"), out var lastUsed) && !QrsDates.IsNever(lastUsed));
        return new JObject
        {
            ["schemaPath"] = "AccessTypeOverviewUserAccessDetails",
            ["enabled"] = store.TotalTokens > 0,
            ["tokenCost"] = cost,
            ["allocatedTokens"] = Tokens((passes.Count - quarantined) * cost),
            ["usedTokens"] = Tokens(used * cost),
            ["quarantinedTokens"] = Tokens(quarantined * cost),
        };
    }

    /// <summary>The overview's loginAccess block: tokens given to groups, and the tokens of passes used and not yet back ("used" and "unavailable" alike: their difference is unconfirmed).</summary>
    public JObject LoginAccessOverview()
    {
        RefreshLoginGroups();
        var groups = store.All(QrsTypes.LoginAccessType);
        var usedTokens = Tokens(groups.Sum(group => group.Value<int>("usedAccessTypes")) * store.LoginAccessTokenCost);
        return new JObject
        {
            ["schemaPath"] = "AccessTypeOverviewLoginAccessDetails",
            ["enabled"] = store.TotalTokens > 0,
            ["tokenCost"] = store.LoginAccessTokenCost,
            ["allocatedTokens"] = groups.Sum(group => group.Value<int>("assignedTokens")),
            ["usedTokens"] = usedTokens,
            ["unavailableTokens"] = usedTokens,
        };
    }

    /// <summary>The overview's analyzerTimeAccess block: the month's minutes and the minutes used since the month began (UTC).</summary>
    public JObject CapacityOverview() => new()
    {
        ["schemaPath"] = "AccessTypeOverviewAnalyzerTimeAccessDetails",
        ["enabled"] = store.CapacityMinutes > 0,
        ["allocatedMinutes"] = store.CapacityMinutes,
        ["usedMinutes"] = MinutesThisMonth(),
        ["unavailableMinutes"] = 0,
    };

    /// <summary>Fills each login access group's passes: ten a token, those used in the last 28 days, and those left.</summary>
    public void RefreshLoginGroups()
    {
        var since = store.Clock.UtcNow - PassReturn;
        var used = store.All(QrsTypes.LoginAccessUsage)
            .Where(use => QrsDates.TryParse(use.Value<string>("useStartTime"), out var start) && start > since)
            .GroupBy(use => use["loginAccessType"]?.Value<string>("id") ?? "")
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
        foreach (var group in store.All(QrsTypes.LoginAccessType))
        {
            var passes = (int)Math.Floor(group.Value<int>("assignedTokens") / store.LoginAccessTokenCost + 1e-9);
            var usedPasses = Math.Min(passes, used.GetValueOrDefault(group.Value<string>("id"), 0));
            if (group.Value<int>("assignedAccessTypes") == passes && group.Value<int>("usedAccessTypes") == usedPasses) continue;
            var refreshed = (JObject)group.DeepClone();
            refreshed["assignedAccessTypes"] = passes;
            refreshed["usedAccessTypes"] = usedPasses;
            refreshed["remainingAccessTypes"] = passes - usedPasses;
            store.Replace(QrsTypes.LoginAccessType, refreshed);
        }
    }

    /// <summary>Fills the capacity pool's minutes used this month and left.</summary>
    public void RefreshCapacityPool()
    {
        var used = MinutesThisMonth();
        foreach (var pool in store.All(QrsTypes.AnalyzerTimeAccessType))
        {
            if (pool.Value<int>("usedMinutes") == used) continue;
            var refreshed = (JObject)pool.DeepClone();
            refreshed["usedMinutes"] = used;
            refreshed["remainingMinutes"] = pool.Value<int>("assignedMinutes") - used;
            store.Replace(QrsTypes.AnalyzerTimeAccessType, refreshed);
        }
    }

    /// <summary>Minutes consumed since the calendar month began (UTC; the site's own month boundary is unconfirmed), six-minute units per period.</summary>
    private int MinutesThisMonth()
    {
        var now = store.Clock.UtcNow;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return store.All(QrsTypes.AnalyzerTimeAccessUsage).Sum(use =>
        {
            if (!QrsDates.TryParse(use.Value<string>("useStartTime"), out var start) || start < month) return 0;
            var end = QrsDates.TryParse(use.Value<string>("useStopTime"), out var stop) && !QrsDates.IsNever(stop) ? stop
                : QrsDates.TryParse(use.Value<string>("latestActivity"), out var latest) ? latest : start;
            return Math.Max(1, (int)Math.Ceiling((end - start).TotalMinutes / 6 - 1e-9)) * 6;
        });
    }

    private double TokensTaken() =>
        store.Count(QrsTypes.UserAccessType) * store.UserAccessTokenCost + store.All(QrsTypes.LoginAccessType).Sum(group => group.Value<int>("assignedTokens"));

    private static int Tokens(double tokens) => (int)Math.Ceiling(tokens - 1e-9);
}
