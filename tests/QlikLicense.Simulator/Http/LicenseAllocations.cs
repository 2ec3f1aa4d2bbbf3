using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Http;

/// <summary>
/// Allocation rules of Professional and Analyzer seats and user access passes: one allocation per user and type, no
/// more seats than the licence holds and no pass without its tokens free, and the 7-day quarantine: removing an
/// allocation used within the last 7 days quarantines it (the seat or tokens stay taken) for 7 days from the release,
/// or for a pass as <see cref="SiteStore.PassQuarantine"/> says; an older or never-used one is released at once.
/// </summary>
internal sealed class LicenseAllocations(SiteStore store, SharedAccess shared)
{
    private static readonly TimeSpan QuarantinePeriod = TimeSpan.FromDays(7);

    /// <summary>POST {"user":{"id":...,"userId":...,"userDirectory":...}}: Qlik's description requires a condensed user's
    /// userId and userDirectory, so we refuse a user without them, or naming another user. Live QRS behaviour for a duplicate is not documented; we answer 400, as
    /// for other invalid requests. Allocating to a user whose allocation of this type is quarantined reinstates it
    /// (same id): our stand-in for the QMC's "Reinstate", whose QRS call is unconfirmed.</summary>
    public QrsResponse Allocate(AccessKind kind, JObject body, string actor)
    {
        var named = body["user"] as JObject;
        if (!Guid.TryParse(named?.Value<string>("id"), out var userGuid))
            throw new QrsException(400, "user.id is required.");
        if (string.IsNullOrEmpty(named!.Value<string>("userId")) || string.IsNullOrEmpty(named.Value<string>("userDirectory")))
            throw new QrsException(400, "user.userId and user.userDirectory are required.");
        var type = QrsTypes.AccessType(kind);
        var label = Label(kind);
        return store.Atomically(() =>
        {
            var user = store.Find(QrsTypes.User, userGuid) ?? throw new QrsException(400, $"No user with id {userGuid}.");
            if (!string.Equals(user.Value<string>("userId"), named.Value<string>("userId"), StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(user.Value<string>("userDirectory"), named.Value<string>("userDirectory"), StringComparison.OrdinalIgnoreCase))
                throw new QrsException(400, $"User {userGuid} is not {named.Value<string>("userDirectory")}\\{named.Value<string>("userId")}.");
            var now = store.Clock.UtcNow;
            var existing = store.FindAllocation(kind, userGuid);
            if (existing is not null)
            {
                if (existing.Value<bool?>("quarantined") != true)
                    throw new QrsException(400, $"The user already has {label} allocated.");
                if (store.Reinstate == ReinstateBehaviour.PutOnly)
                    throw new QrsException(400, $"The user's {label} allocation is in quarantine; reinstate it.");
                var reinstated = (JObject)existing.DeepClone();
                reinstated["quarantined"] = false;
                reinstated["quarantineEnd"] = QrsDates.Never;
                reinstated["modifiedDate"] = QrsDates.Format(now);
                reinstated["modifiedByUserName"] = actor;
                return QrsResponse.Json(201, store.Replace(type, reinstated));
            }

            if (kind == AccessKind.UserAccess)
            {
                var free = shared.AvailableTokens();
                if (free < store.UserAccessTokenCost)
                    throw new QrsException(400, $"No tokens available for user access: {free} of {store.TotalTokens} tokens free, a pass costs {store.UserAccessTokenCost}.");
            }
            else
            {
                var taken = store.Count(type);
                var total = store.Total(kind);
                if (taken >= total)
                    throw new QrsException(400, $"No {label} available: {taken} of {total} allocated or in quarantine.");
            }
            var allocation = EntityShapes.Allocation(kind, Guid.NewGuid(), user, null, false, null, "", "", now, actor);
            return QrsResponse.Json(201, store.Add(type, allocation));
        });
    }

    /// <summary>A PUT of an allocation: quarantined true to false reinstates it (unless the site takes only POSTs); nothing else may put it into quarantine.</summary>
    public void CheckUpdate(JObject stored, JObject updated)
    {
        var wasQuarantined = stored.Value<bool?>("quarantined") == true;
        var quarantined = updated.Value<bool?>("quarantined") == true;
        if (quarantined && !wasQuarantined) throw new QrsException(400, "An allocation goes into quarantine by DELETE, not by PUT.");
        if (!wasQuarantined || quarantined) return;
        if (store.Reinstate == ReinstateBehaviour.PostOnly) throw new QrsException(400, "quarantined cannot be changed by PUT.");
        updated["quarantineEnd"] = QrsDates.Never;
    }

    public void Deallocate(AccessKind kind, Guid id)
    {
        var type = QrsTypes.AccessType(kind);
        store.Atomically(() =>
        {
            var allocation = store.Find(type, id) ?? throw new QrsException(404, $"No {type} with id {id}.");
            if (allocation.Value<bool?>("quarantined") == true)
                throw new QrsException(400, $"The {Label(kind)} allocation {id} is already in quarantine.");
            var now = store.Clock.UtcNow;
            if (UsedRecently(allocation, now)) store.Replace(type, Quarantined(kind, allocation, now));
            else store.Remove(type, id);
            return 0;
        });
    }

    /// <summary>Deletes a user; an allocation in (or entering) quarantine stays, with user null and deletedUser* set.</summary>
    public void DeleteUser(Guid id)
    {
        store.Atomically(() =>
        {
            var user = store.Find(QrsTypes.User, id) ?? throw new QrsException(404, $"No user with id {id}.");
            var now = store.Clock.UtcNow;
            foreach (var kind in Enum.GetValues<AccessKind>())
            {
                var type = QrsTypes.AccessType(kind);
                var allocation = store.FindAllocation(kind, id);
                if (allocation is null) continue;
                var quarantined = allocation.Value<bool?>("quarantined") == true;
                if (!quarantined && !UsedRecently(allocation, now))
                {
                    store.Remove(type, Guid.Parse(allocation.Value<string>("id")));
                    continue;
                }

                var orphan = quarantined ? (JObject)allocation.DeepClone() : Quarantined(kind, allocation, now);
                orphan["user"] = null;
                orphan["deletedUserId"] = user.Value<string>("userId");
                orphan["deletedUserDirectory"] = user.Value<string>("userDirectory");
                store.Replace(type, orphan);
            }

            store.Remove(QrsTypes.User, id);
            return 0;
        });
    }

    /// <summary>GET /qrs/license/accesstypeoverview. For seats, "allocated" counts active allocations, "quarantined" the
    /// quarantined ones, "used" the active ones used at least once; "available" = total - allocated - quarantined.
    /// Tokens and minutes: see <see cref="SharedAccess"/>.</summary>
    public JObject Overview()
    {
        return new JObject
        {
            ["schemaPath"] = "AccessTypeOverview",
            ["totalTokens"] = store.TotalTokens,
            ["availableTokens"] = shared.AvailableTokens(),
            ["tokensEnabled"] = store.TotalTokens > 0,
            ["userAccess"] = shared.UserAccessOverview(),
            ["loginAccess"] = shared.LoginAccessOverview(),
            ["professionalAccess"] = Details(AccessKind.Professional),
            ["analyzerAccess"] = Details(AccessKind.Analyzer),
            ["analyzerTimeAccess"] = shared.CapacityOverview(),
        };
    }

    private JObject Details(AccessKind kind)
    {
        int allocated = 0, used = 0, quarantined = 0, excess = 0;
        foreach (var allocation in store.All(QrsTypes.AccessType(kind)))
        {
            if (allocation.Value<bool?>("excess") == true) excess++;
            if (allocation.Value<bool?>("quarantined") == true)
            {
                quarantined++;
                continue;
            }

            allocated++;
            if (QrsDates.TryParse(allocation.Value<string>("lastUsed"), out var lastUsed) && !QrsDates.IsNever(lastUsed)) used++;
        }

        var total = store.Total(kind);
        return new JObject
        {
            ["schemaPath"] = "AccessTypeOverviewDetails",
            ["enabled"] = total > 0,
            ["total"] = total,
            ["allocated"] = allocated,
            ["used"] = used,
            ["quarantined"] = quarantined,
            ["excess"] = excess,
            ["available"] = Math.Max(0, total - allocated - quarantined),
        };
    }

    private static bool UsedRecently(JObject allocation, DateTime now) =>
        QrsDates.TryParse(allocation.Value<string>("lastUsed"), out var lastUsed) && !QrsDates.IsNever(lastUsed) && lastUsed > now - QuarantinePeriod;

    private JObject Quarantined(AccessKind kind, JObject allocation, DateTime now)
    {
        var quarantined = (JObject)allocation.DeepClone();
        quarantined["quarantined"] = true;
        // Qlik's help counts a pass's quarantine from its last use; which a live site does is unconfirmed.
        var from = kind == AccessKind.UserAccess && store.PassQuarantine == PassQuarantine.FromLastUse &&
                   QrsDates.TryParse(allocation.Value<string>("lastUsed"), out var lastUsed) ? lastUsed : now;
        quarantined["quarantineEnd"] = QrsDates.Format(from + QuarantinePeriod);
        quarantined["modifiedDate"] = QrsDates.Format(now);
        return quarantined;
    }

    private static string Label(AccessKind kind) => kind switch
    {
        AccessKind.Professional => "professional access",
        AccessKind.Analyzer => "analyzer access",
        _ => "user access",
    };
}
