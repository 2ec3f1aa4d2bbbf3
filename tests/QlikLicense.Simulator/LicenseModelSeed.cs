using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// Puts a seeded site on another licence model (<see cref="SiteOptions.LicenseModel"/>), keeping what the monthly check
/// is for on each: inactive holders, quarantine, rules that grant access back, and for tokens and capacity their own
/// findings (login access groups in use, run dry, unused and without a rule; capacity spenders, one far above the rest).
/// Dates are relative to the site clock.
/// </summary>
public static class LicenseModelSeed
{
    public const string OccasionalGroup = "Occasional users";
    public const string ContractorsGroup = "Contractors";
    public const string OldProjectGroup = "Old project";
    public const string PilotGroup = "Pilot";

    /// <summary>Analyzer capacity minutes a month on the capacity and mixed sites.</summary>
    public const int CapacityMinutes = 5000;

    public static void Apply(SiteStore store, LicenseModelKind model)
    {
        switch (model)
        {
            case LicenseModelKind.Token:
                var passes = SeatsToPasses(store);
                var loginTokens = AddLoginGroups(store);
                store.SetTokens(passes + loginTokens + 4);
                break;
            case LicenseModelKind.Capacity:
                RemoveSeats(store, AccessKind.Analyzer);
                store.SetAnalyzerCapacity(CapacityMinutes);
                AddCapacityUse(store, heavy: "asmith", others: ["zoë.müller", "anna maria", "d'angelo", "rrogers"]);
                break;
            case LicenseModelKind.Mixed:
                store.SetAnalyzerCapacity(CapacityMinutes);
                AddCapacityUse(store, heavy: "dprince", others: ["wmaximoff", "jnowak"]);
                var mixedPasses = AddPassHolders(store);
                store.SetTokens(mixedPasses + AddLoginGroups(store) + 3);
                break;
        }
    }

    /// <summary>Every seat allocation becomes a user access pass with the same use and quarantine; seat rules become user access rules.</summary>
    private static int SeatsToPasses(SiteStore store)
    {
        foreach (var kind in new[] { AccessKind.Professional, AccessKind.Analyzer })
        {
            foreach (var seat in store.All(QrsTypes.AccessType(kind)))
            {
                var pass = (JObject)seat.DeepClone();
                pass.Remove("excess");
                pass["schemaPath"] = "License.UserAccessType";
                var holder = (pass["user"] as JObject)?.Value<string>("id");
                var held = holder != null && store.FindAllocation(AccessKind.UserAccess, Guid.Parse(holder)) != null;
                store.Remove(QrsTypes.AccessType(kind), Guid.Parse(seat.Value<string>("id")));
                // A person holding both seats keeps one pass.
                if (!held) store.Add(QrsTypes.UserAccessType, pass);
            }
        }

        foreach (var rule in store.All(QrsTypes.SystemRule).ToArray())
        {
            var filter = rule.Value<string>("resourceFilter") ?? "";
            var kind = new[] { AccessKind.Professional, AccessKind.Analyzer }.Cast<AccessKind?>()
                .FirstOrDefault(candidate => filter.StartsWith($"License.{QrsTypes.Prefix(candidate.Value)}AccessGroup_", StringComparison.OrdinalIgnoreCase));
            if (kind == null) continue;
            store.Remove(QrsTypes.SystemRule, Guid.Parse(rule.Value<string>("id")));
            store.Remove(QrsTypes.AccessGroup(kind.Value), Guid.Parse(filter[(filter.IndexOf('_') + 1)..]));
            var name = rule.Value<string>("name").Replace(" analyzers", " user access").Replace(" professionals", " user access");
            store.AddLicenseRule(AccessKind.UserAccess, name, rule.Value<string>("rule"), rule.Value<bool?>("disabled") ?? false);
        }

        store.SetLicenseTotals(0, 0);
        return store.Count(QrsTypes.UserAccessType);
    }

    private static void RemoveSeats(SiteStore store, AccessKind kind)
    {
        foreach (var seat in store.All(QrsTypes.AccessType(kind))) store.Remove(QrsTypes.AccessType(kind), Guid.Parse(seat.Value<string>("id")));
        foreach (var rule in store.All(QrsTypes.SystemRule).Where(rule => (rule.Value<string>("resourceFilter") ?? "").StartsWith($"License.{QrsTypes.Prefix(kind)}AccessGroup_", StringComparison.OrdinalIgnoreCase)))
            store.Remove(QrsTypes.SystemRule, Guid.Parse(rule.Value<string>("id")));
        store.SetLicenseTotals(kind == AccessKind.Professional ? 0 : store.ProfessionalTotal, kind == AccessKind.Analyzer ? 0 : store.AnalyzerTotal);
    }

    /// <summary>The mixed site's pass holders: one in use, one removed from the directory, one never used, one in quarantine.</summary>
    private static int AddPassHolders(SiteStore store)
    {
        var now = store.Clock.UtcNow;
        var active = store.AddUser("CORP", "kpass", "Kim Pass", ["Operations"]);
        store.AddAllocation(AccessKind.UserAccess, Guid.Parse(active.Value<string>("id")), now.AddDays(-1));
        var removed = store.AddUser("CORP", "oldpass", "Olga Pass", ["Operations"], removedExternally: true);
        store.AddAllocation(AccessKind.UserAccess, Guid.Parse(removed.Value<string>("id")), now.AddDays(-50));
        var unused = store.AddUser("CORP", "newpass", "Nils Pass", ["Operations"]);
        store.AddAllocation(AccessKind.UserAccess, Guid.Parse(unused.Value<string>("id")), null);
        var quarantined = store.AddUser("CORP", "qpass", "Quinn Pass", ["Operations"]);
        store.AddAllocation(AccessKind.UserAccess, Guid.Parse(quarantined.Value<string>("id")), now.AddDays(-3), quarantined: true, quarantineEndUtc: now.AddDays(4));
        return store.Count(QrsTypes.UserAccessType);
    }

    /// <summary>Four login access groups: in use, run dry, unused for 28 days, and without an enabled rule. Returns the tokens they hold.</summary>
    private static int AddLoginGroups(SiteStore store)
    {
        var now = store.Clock.UtcNow;
        var occasional = store.AddLoginAccessGroup(OccasionalGroup, 2);
        store.AddLoginAccessRule(occasional, "Occasional marketing", "((user.group=\"Marketing\"))");
        Use(store, occasional, "wmaximoff", now, 2, 9, 20);
        Use(store, occasional, "jnowak", now, 1, 5);
        Use(store, occasional, "anna maria", now, 3);

        var contractors = store.AddLoginAccessGroup(ContractorsGroup, 1);
        store.AddLoginAccessRule(contractors, "Contractors login", "((user.group=\"Press\" or user.group=\"IT\"))");
        Use(store, contractors, "pparker", now, 1, 2, 3, 4, 5, 6);
        Use(store, contractors, "avanrossum", now, 1, 2, 7, 12);

        var oldProject = store.AddLoginAccessGroup(OldProjectGroup, 1);
        store.AddLoginAccessRule(oldProject, "Old project login", "((user.group=\"Finance\"))");
        Use(store, oldProject, "d'angelo", now, 40);

        var pilot = store.AddLoginAccessGroup(PilotGroup, 1);
        store.AddLoginAccessRule(pilot, "Pilot login", "((user.group=\"Sales\"))", disabled: true);
        return 5;
    }

    /// <summary>Analyzer capacity use over the last 30 days: one heavy spender (16 hours), the others a little.</summary>
    private static void AddCapacityUse(SiteStore store, string heavy, string[] others)
    {
        var now = store.Clock.UtcNow;
        var heavyUser = UserGuid(store, heavy);
        for (var day = 1; day <= 20; day++) store.AddCapacityUse(heavyUser, now.AddDays(-day).AddHours(-2), 47);
        var minutes = 100.0;
        foreach (var userId in others)
        {
            var user = UserGuid(store, userId);
            for (var day = 1; day <= 4; day++) store.AddCapacityUse(user, now.AddDays(-day * 3).AddHours(-1), minutes / 4);
            minutes /= 2;
        }
    }

    private static void Use(SiteStore store, JObject group, string userId, DateTime now, params double[] daysAgo)
    {
        foreach (var days in daysAgo) store.AddLoginUse(group, UserGuid(store, userId), now.AddDays(-days));
    }

    private static Guid UserGuid(SiteStore store, string userId) =>
        Guid.Parse((store.FindUser("CORP", userId) ?? store.FindUser("CORP EU", userId)
                    ?? throw new InvalidOperationException($"The seed has no user {userId}.")).Value<string>("id"));
}
