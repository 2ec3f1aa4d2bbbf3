using System.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace QlikLicense.Simulator.Tests;

public class SiteGeneratorTests(ITestOutputHelper output)
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    private static SiteStore Generate(int users, int seed)
    {
        var store = new SiteStore(new SiteClock(Now));
        SiteGenerator.Populate(store, users, seed);
        return store;
    }

    [Fact]
    public void Proportions_are_realistic()
    {
        var store = Generate(20_000, 7);
        var users = store.All(QrsTypes.User);
        var professional = store.All(QrsTypes.ProfessionalAccessType);
        var analyzer = store.All(QrsTypes.AnalyzerAccessType);
        var allocations = professional.Concat(analyzer).ToArray();
        double Share(int count, int of) => (double)count / of;

        Assert.Equal(20_000, users.Count);
        Assert.InRange(Share(users.Count(u => u.Value<bool>("removedExternally")), users.Count), 0.04, 0.06);
        Assert.InRange(Share(users.Count(u => u.Value<bool>("blacklisted")), users.Count), 0.005, 0.015);
        Assert.All(users, u => Assert.Equal(u.Value<bool>("removedExternally") || u.Value<bool>("blacklisted"), u.Value<bool>("inactive")));
        Assert.InRange(Share(professional.Count, users.Count), 0.28, 0.32);
        Assert.InRange(Share(analyzer.Count, users.Count), 0.38, 0.42);
        Assert.InRange(Share(allocations.Count(a => a.Value<string>("lastUsed") == QrsDates.Never), allocations.Length), 0.08, 0.12);
        Assert.InRange(Share(allocations.Count(a => a.Value<bool>("quarantined") && a["user"].Type != JTokenType.Null), allocations.Length), 0.005, 0.015);
        Assert.Contains(allocations, a => a["user"].Type == JTokenType.Null && a.Value<string>("deletedUserId").Length > 0 && a.Value<bool>("quarantined"));
        Assert.All(users, u => Assert.InRange(((JArray)u["attributes"]).Count, 1, 3));
        Assert.Contains(users, u => u.Value<string>("userId").Contains('\''));
        Assert.Contains(users, u => u.Value<string>("name").Any(c => c > 127));
        Assert.True(store.ProfessionalTotal > professional.Count && store.AnalyzerTotal > analyzer.Count);
    }

    [Fact]
    public void Same_seed_same_site_other_seed_other_site()
    {
        static string Fingerprint(SiteStore store) => string.Join("|", store.All(QrsTypes.User).Take(50).Select(u => u.Value<string>("id") + u.Value<string>("userId")));

        Assert.Equal(Fingerprint(Generate(500, 3)), Fingerprint(Generate(500, 3)));
        Assert.NotEqual(Fingerprint(Generate(500, 3)), Fingerprint(Generate(500, 4)));
    }

    [Fact]
    public async Task Generates_and_streams_100k_users()
    {
        var watch = Stopwatch.StartNew();
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = 100_000, Now = Now });
        var started = watch.Elapsed;
        using var client = SiteClient.Qrs(site);

        watch.Restart();
        using var response = await client.SendAsync(SiteClient.Request(HttpMethod.Get, "/qrs/user/full"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new JsonTextReader(new StreamReader(body)) { DateParseHandling = DateParseHandling.None };
        var count = 0;
        Assert.True(reader.Read() && reader.TokenType == JsonToken.StartArray);
        while (reader.Read() && reader.TokenType == JsonToken.StartObject)
        {
            reader.Skip();
            count++;
        }

        output.WriteLine($"start with 100k users: {started.TotalSeconds:F1} s; /qrs/user/full streamed: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(site.Store.Count(QrsTypes.User), count);
        Assert.True(count >= 100_000);
        Assert.Null(response.Content.Headers.ContentLength);
    }
}
