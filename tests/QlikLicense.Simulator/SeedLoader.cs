using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>Loads the curated seed (seed/site.json, embedded) into a store, with dates relative to the site clock.</summary>
internal static class SeedLoader
{
    private const string ResourceName = "QlikLicense.Simulator.seed.site.json";

    public static void Load(SiteStore store)
    {
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The seed resource {ResourceName} is missing.");
        var seed = Json.Read(stream) as JObject ?? throw new InvalidOperationException("The seed is not a JSON object.");
        var now = store.Clock.UtcNow;

        var totals = (JObject)seed["licenseTotals"];
        store.SetLicenseTotals(totals.Value<int>("professional"), totals.Value<int>("analyzer"));
        store.SetServiceCluster(seed.Value<string>("serviceClusterShareRoot"));

        foreach (var user in seed["users"].Cast<JObject>())
        {
            var id = Guid.Parse(user.Value<string>("id"));
            var attributes = Strings(user["groups"]).Select(group => ("Group", group))
                .Concat(Strings(user["memberOf"]).Select(group => ("memberOf", group)));
            store.AddUser(id, user.Value<string>("userDirectory"), user.Value<string>("userId"), user.Value<string>("name"), attributes,
                user.Value<bool?>("removedExternally") ?? false, user.Value<bool?>("blacklisted") ?? false, now.AddDays(-500));
            foreach (var kind in new[] { AccessKind.Professional, AccessKind.Analyzer })
            {
                if (user[kind.ToString().ToLowerInvariant()] is not JObject allocation) continue;
                var daysLeft = allocation.Value<double?>("quarantineDaysLeft");
                store.AddAllocation(kind, id, DaysAgo(now, allocation), daysLeft.HasValue, daysLeft.HasValue ? now.AddDays(daysLeft.Value) : null);
            }
        }

        foreach (var allocation in (seed["deletedUserAllocations"] as JArray ?? []).Cast<JObject>())
        {
            store.AddDeletedUserAllocation(Enum.Parse<AccessKind>(allocation.Value<string>("kind")), allocation.Value<string>("deletedUserDirectory"),
                allocation.Value<string>("deletedUserId"), DaysAgo(now, allocation), now.AddDays(allocation.Value<double>("quarantineDaysLeft")));
        }

        foreach (var rule in (seed["licenseRules"] as JArray ?? []).Cast<JObject>())
        {
            store.AddLicenseRule(Enum.Parse<AccessKind>(rule.Value<string>("kind")), rule.Value<string>("name"), rule.Value<string>("rule"),
                rule.Value<bool?>("disabled") ?? false);
        }

        store.SetLicenseMonitor(Enum.Parse<LicenseMonitorState>(seed.Value<string>("licenseMonitor")));
    }

    private static DateTime? DaysAgo(DateTime now, JObject allocation)
    {
        var days = allocation.Value<double?>("lastUsedDaysAgo");
        return days.HasValue ? now.AddDays(-days.Value) : null;
    }

    private static IEnumerable<string> Strings(JToken token) => token is JArray array ? array.Values<string>() : [];
}

/// <summary>JSON reading that keeps date strings as strings (QRS's exact text), unlike Newtonsoft's default.</summary>
internal static class Json
{
    public static JToken Read(Stream stream)
    {
        using var reader = new JsonTextReader(new StreamReader(stream)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
