using System.Diagnostics;
using Newtonsoft.Json.Linq;
using System.Net;
using Xunit;

namespace QlikLicense.Simulator.Tests;

public class FaultInjectionTests
{
    [Fact]
    public void The_same_seed_gives_the_same_faults()
    {
        static string Sequence(int seed)
        {
            var faults = new FaultInjection(seed) { ServiceUnavailableRate = 0.2, ResetBeforeRate = 0.1, ResetAfterRate = 0.1, TruncatedJsonRate = 0.1 };
            return string.Join(",", Enumerable.Range(0, 200).Select(_ => faults.Decide("GET", "/qrs/user").Kind));
        }

        Assert.Equal(Sequence(5), Sequence(5));
        Assert.NotEqual(Sequence(5), Sequence(6));
        Assert.Contains(nameof(FaultKind.TruncatedJson), Sequence(5));
    }

    [Fact]
    public void About_is_exempt_unless_applies_to_says_otherwise()
    {
        var faults = new FaultInjection(1) { ServiceUnavailableRate = 1 };
        Assert.Equal(FaultKind.None, faults.Decide("GET", "/qrs/about").Kind);
        Assert.Equal(FaultKind.ServiceUnavailable, faults.Decide("GET", "/qrs/user").Kind);

        faults.AppliesTo = (method, path) => method == "DELETE" || path.StartsWith("/qrs/about");
        Assert.Equal(FaultKind.ServiceUnavailable, faults.Decide("GET", "/qrs/about").Kind);
        Assert.Equal(FaultKind.None, faults.Decide("GET", "/qrs/user").Kind);
    }

    [Fact]
    public async Task Faults_reach_the_client_and_the_log()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Now = new DateTime(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc) });
        using var client = SiteClient.Qrs(site);
        var jdoe = site.Store.FindAllocation(AccessKind.Professional, Guid.Parse(site.Store.FindUser("CORP", "jdoe").Value<string>("id")));

        site.Faults.FailNext(FaultKind.ServiceUnavailable);
        var unavailable = await client.QrsGetAsync("/qrs/user");
        site.Faults.FailNext(FaultKind.TruncatedJson);
        await Assert.ThrowsAnyAsync<Exception>(() => client.QrsGetAsync("/qrs/user/full"));
        // Reset after acting: the DELETE happened although the client saw no answer.
        site.Faults.AppliesTo = (method, _) => method == "DELETE";
        site.Faults.FailNext(FaultKind.ResetAfter);
        using (var noRetry = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true, LocalCertificateSelectionCallback = (_, _, _, _, _) => site.LoadClientCertificate() } }) { BaseAddress = site.QrsBaseAddress })
        {
            noRetry.DefaultRequestHeaders.Add("X-Qlik-User", SiteClient.AdminUser);
            await Assert.ThrowsAsync<HttpRequestException>(() => noRetry.SendAsync(SiteClient.Request(HttpMethod.Delete, $"/qrs/license/professionalaccesstype/{jdoe["id"]}")));
        }

        // The server logs the reset DELETE when its side of the exchange ends, which can be after the client saw the reset.
        var logged = Stopwatch.StartNew();
        while (site.Requests.Snapshot().Count < 3 && logged.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);

        site.Faults.Reset();
        var after = await client.QrsGetAsync($"/qrs/license/professionalaccesstype/{jdoe["id"]}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.True(after.Body.Value<bool>("quarantined"));
        var statuses = site.Requests.Snapshot().Select(entry => (entry.Method, entry.Status)).ToArray();
        Assert.Equal([("GET", 503), ("GET", 200), ("DELETE", 0), ("GET", 200)], statuses);
        Assert.Equal(3, site.Faults.InjectedCount);
    }

    [Fact]
    public async Task Latency_delays_requests()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { LoadSeed = false });
        using var client = SiteClient.Qrs(site);
        site.Faults.Latency = TimeSpan.FromMilliseconds(300);
        await client.QrsGetAsync("/qrs/about");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await client.QrsGetAsync("/qrs/user");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {watch.Elapsed}");
    }
}

public class WriteAheadCheckTests
{
    [Fact]
    public async Task A_change_request_the_journal_does_not_name_yet_is_refused_and_recorded()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Qrs(site);
        var journal = Path.Combine(Directory.CreateTempSubdirectory("qliksim-wal-").FullName, "journal.jsonl");
        site.WriteAhead.JournalPath = journal;
        var allocation = site.Store.All(QrsTypes.ProfessionalAccessType).First(entity => entity.Value<bool?>("quarantined") != true);
        var path = "/qrs/license/professionalaccesstype/" + (string)allocation["id"];

        // The journal is written after the DELETE: the check catches it and the allocation stays.
        var early = await client.QrsSendAsync(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.InternalServerError, early.Status);
        Assert.Contains((string)allocation["id"], Assert.Single(site.WriteAhead.Violations));
        Assert.NotNull(site.Store.Find(QrsTypes.ProfessionalAccessType, Guid.Parse((string)allocation["id"])));

        File.AppendAllText(journal, "{\"event\":\"Release\",\"allocationId\":\"" + (string)allocation["id"] + "\"}\n");
        var journaled = await client.QrsSendAsync(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.NoContent, journaled.Status);
        Assert.Single(site.WriteAhead.Violations);
    }
}
