using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// Adds generated users and allocations to a store, deterministic for a seed, in realistic proportions: about 5 %
/// removed externally, 1 % blocked, 30 % Professional, 40 % Analyzer, 10 % of allocations never used, 1 %
/// quarantined, 0.2 % quarantined allocations of deleted users, 1-3 groups each, some names with quotes and
/// non-ASCII letters. Raises the license totals so every allocation has a seat and about 10 % stay free.
/// </summary>
public static class SiteGenerator
{
    private static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy",
        "Matthew", "Sandra", "Anthony", "Betty", "Mark", "Ashley", "Ahmed", "Fatima", "Wei", "Yuki", "Priya", "Olga",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
        "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    ];

    private static readonly string[] NonAsciiLastNames = ["Müller", "Sørensen", "Çelik", "Łukasiewicz", "Núñez", "Öztürk", "Ferrão", "Dvořák"];
    private static readonly string[] QuotedLastNames = ["O'Connor", "O'Neill", "D'Souza", "N'Diaye"];
    private static readonly string[] Groups =
    [
        "Sales", "Marketing", "Finance", "IT", "HR", "Operations", "Legal", "Support", "Engineering", "Logistics", "Purchasing", "Management",
    ];

    public static void Populate(SiteStore store, int users, int seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        if (users == 0) return;

        // The random draws run in order (so a seed always gives the same site); building the JSON objects, the
        // costly part, runs in parallel.
        var random = new Random(seed);
        var now = store.Clock.UtcNow;
        var plans = new UserPlan[users];
        for (var i = 0; i < users; i++) plans[i] = PlanUser(random, i, now);
        var orphans = new AllocationPlan[Math.Max(1, users / 500)];
        for (var i = 0; i < orphans.Length; i++)
        {
            var kind = random.NextDouble() < 0.43 ? AccessKind.Professional : AccessKind.Analyzer;
            orphans[i] = new AllocationPlan(kind, NextGuid(random), now.AddMinutes(-random.Next(60, 7 * 24 * 60)), true,
                now.AddMinutes(random.Next(60, 7 * 24 * 60)), now.AddDays(-random.Next(1, 400)),
                $"deleted.user{i}", random.NextDouble() < 0.7 ? "CORP" : "CORP EU");
        }

        var built = new (JObject User, JObject Allocation)[users];
        Parallel.For(0, users, i => built[i] = Build(plans[i]));

        var professional = 0;
        var analyzer = 0;
        foreach (var (user, allocation) in built)
        {
            store.Add(QrsTypes.User, user);
            if (allocation is null) continue;
            var kind = QrsTypes.KindOfAccessType(TypeOf(allocation));
            store.Add(TypeOf(allocation), allocation);
            if (kind == AccessKind.Professional) professional++;
            else analyzer++;
        }

        foreach (var orphan in orphans)
        {
            store.Add(QrsTypes.AccessType(orphan.Kind), EntityShapes.Allocation(orphan.Kind, orphan.Id, null, orphan.LastUsed, true,
                orphan.QuarantineEnd, orphan.DeletedUserId, orphan.DeletedUserDirectory, orphan.Created, EntityShapes.SystemActor));
            if (orphan.Kind == AccessKind.Professional) professional++;
            else analyzer++;
        }

        store.SetLicenseTotals(
            Math.Max(store.ProfessionalTotal, store.Count(QrsTypes.ProfessionalAccessType) + professional / 10 + 1),
            Math.Max(store.AnalyzerTotal, store.Count(QrsTypes.AnalyzerAccessType) + analyzer / 10 + 1));
    }

    private static string TypeOf(JObject allocation) =>
        allocation.Value<string>("schemaPath") == "License.ProfessionalAccessType" ? QrsTypes.ProfessionalAccessType : QrsTypes.AnalyzerAccessType;

    private static UserPlan PlanUser(Random random, int index, DateTime now)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var draw = random.NextDouble();
        var last = draw < 0.01 ? QuotedLastNames[random.Next(QuotedLastNames.Length)]
            : draw < 0.06 ? NonAsciiLastNames[random.Next(NonAsciiLastNames.Length)]
            : LastNames[random.Next(LastNames.Length)];
        var directory = random.NextDouble() < 0.7 ? "CORP" : "CORP EU";
        var groupCount = 1 + random.Next(3);
        var groups = new List<(string, string)>(groupCount);
        for (var g = 0; g < groupCount; g++)
        {
            var group = ("Group", Groups[random.Next(Groups.Length)]);
            if (!groups.Contains(group)) groups.Add(group);
        }

        var status = random.NextDouble();
        var user = new UserPlan(NextGuid(random), directory, $"{first}.{last}{index}".ToLowerInvariant(), $"{first} {last}", groups,
            status < 0.05, status is >= 0.05 and < 0.06, now.AddDays(-random.Next(30, 1500)), null);

        var allocationDraw = random.NextDouble();
        AccessKind? kind = allocationDraw < 0.30 ? AccessKind.Professional : allocationDraw < 0.70 ? AccessKind.Analyzer : null;
        if (kind is null) return user;

        DateTime? lastUsed = random.NextDouble() < 0.10 ? null : now.AddMinutes(-random.Next(1, 180 * 24 * 60));
        var quarantined = random.NextDouble() < 0.01;
        DateTime? quarantineEnd = null;
        if (quarantined)
        {
            lastUsed = now.AddMinutes(-random.Next(60, 7 * 24 * 60));
            quarantineEnd = now.AddMinutes(random.Next(60, 7 * 24 * 60));
        }

        return user with
        {
            Allocation = new AllocationPlan(kind.Value, NextGuid(random), lastUsed, quarantined, quarantineEnd, now.AddDays(-random.Next(1, 400)), "", ""),
        };
    }

    private static (JObject, JObject) Build(UserPlan plan)
    {
        var user = EntityShapes.User(plan.Id, plan.Directory, plan.UserId, plan.Name, plan.Groups, plan.RemovedExternally, plan.Blacklisted,
            plan.Created, EntityShapes.SystemActor);
        if (plan.Allocation is not { } allocation) return (user, null);
        return (user, EntityShapes.Allocation(allocation.Kind, allocation.Id, user, allocation.LastUsed, allocation.Quarantined,
            allocation.QuarantineEnd, allocation.DeletedUserId, allocation.DeletedUserDirectory, allocation.Created, EntityShapes.SystemActor));
    }

    private sealed record UserPlan(Guid Id, string Directory, string UserId, string Name, List<(string, string)> Groups,
        bool RemovedExternally, bool Blacklisted, DateTime Created, AllocationPlan Allocation);

    private sealed record AllocationPlan(AccessKind Kind, Guid Id, DateTime? LastUsed, bool Quarantined, DateTime? QuarantineEnd,
        DateTime Created, string DeletedUserId, string DeletedUserDirectory);

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
