using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// Adds generated users to a tenant, deterministic for a seed, in realistic proportions: 85 % active, 5 % disabled,
/// 2 % deleted, 4 % invited, 4 % provisioned; 30 % hold a Professional and 40 % an Analyzer seat (never the invited);
/// 90 % of seat holders have 1-3 sessions (consumption records and sign-in events, the last one 0-200 days ago);
/// 5 % of the unassigned active users use analyzer capacity and 2 % were refused a licence; a third of the subjects
/// are Entra ID style (upper case, so they differ in case from their assignments). Raises the seats so about 10 %
/// stay free.
/// </summary>
public static class TenantGenerator
{
    private static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Ahmed", "Fatima", "Wei", "Yuki", "Priya", "Olga", "Zoë", "Jürgen",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore",
        "O'Connor", "D'Souza", "Müller", "Sørensen", "Çelik", "Núñez",
    ];

    private static readonly string[] GroupNames =
    [
        "Sales", "Marketing", "Finance", "IT", "HR", "Operations", "Legal", "Support", "Engineering", "Logistics", "Purchasing", "Management",
    ];

    public static void Populate(TenantStore store, int users, int seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        if (users == 0) return;

        var random = new Random(seed);
        var now = store.Clock.UtcNow;
        var groups = GroupNames.Select((name, i) => new TenantGroup($"6200{seed & 0xFFFF:x4}{i:x16}", name)).ToArray();
        var seats = new Dictionary<CloudLicenseType, int> { [CloudLicenseType.Professional] = 0, [CloudLicenseType.Analyzer] = 0 };
        for (var i = 0; i < users; i++)
        {
            var statusDraw = random.NextDouble();
            var status = statusDraw switch
            {
                < 0.85 => TenantUserStatus.Active,
                < 0.90 => TenantUserStatus.Disabled,
                < 0.92 => TenantUserStatus.Deleted,
                < 0.96 => TenantUserStatus.Invited,
                _ => TenantUserStatus.Provisioned,
            };
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var subject = i % 3 == 0
                ? "AzureAD|" + NextGuid(random).ToString().ToUpperInvariant()
                : $"auth0|gen{seed}-{i:x6}";
            var memberOf = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => groups[random.Next(groups.Length)]).Distinct().ToArray();
            var created = now.AddDays(-random.Next(30, 1000));
            var user = store.AddUser(subject, first + " " + last, $"user{i}.gen{seed}@qliksim.example", status, memberOf, created);

            var seatDraw = random.NextDouble();
            CloudLicenseType? type = status == TenantUserStatus.Invited ? null : seatDraw switch
            {
                < 0.30 => CloudLicenseType.Professional,
                < 0.70 => CloudLicenseType.Analyzer,
                _ => null,
            };
            if (type is { } seatType)
            {
                store.Assign(subject, seatType, created.AddDays(random.Next(0, 20)));
                seats[seatType]++;
                if (random.NextDouble() < 0.9) Sessions(store, random, user, now);
            }
            else if (status == TenantUserStatus.Active)
            {
                var draw = random.NextDouble();
                if (draw < 0.05)
                {
                    var minutes = random.Next(5, 60);
                    store.AddConsumption(user.Id, now.AddDays(-random.Next(0, 28)), TimeSpan.FromMinutes(minutes), ConsumptionRecord.AnalyzerCapacity,
                        minutesUsed: minutes);
                }
                else if (draw < 0.07)
                {
                    store.AddAuditEvent(AuditEvent.LicenseRejected, now.AddDays(-random.Next(0, 60)).AddMinutes(-random.Next(0, 1440)), user.Id,
                        new JObject
                        {
                            ["subject"] = user.Subject,
                            ["type"] = "analyzer",
                            ["message"] = "No available license for the user.",
                            ["license"] = store.LicenseNumber,
                        });
                }
            }
        }

        foreach (var (type, count) in seats)
        {
            var (units, overage) = store.Allotment(type);
            store.SetAllotment(type, units + (int)Math.Ceiling(count * 1.11), overage);
        }
    }

    private static void Sessions(TenantStore store, Random random, TenantUser user, DateTime now)
    {
        var daysAgo = random.Next(0, 200);
        for (var session = random.Next(1, 4); session > 0; session--)
        {
            var length = TimeSpan.FromMinutes(random.Next(2, 120));
            var end = now.AddDays(-daysAgo).AddMinutes(-random.Next(0, 1440));
            store.AddConsumption(user.Id, end, length);
            var eventType = daysAgo > 60 && random.NextDouble() < 0.2 ? AuditEvent.SessionBeginDeprecated : AuditEvent.SessionBegun;
            store.AddAuditEvent(eventType, end - length, user.Id, new JObject { ["subject"] = user.Subject }, "com.qlik/edge-auth");
            daysAgo += random.Next(1, 60);
        }
    }

    private static Guid NextGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
