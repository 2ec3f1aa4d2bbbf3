using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Release;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// Two simulated sites on one license, and a third on its own: an allocation unused on one site is not unused when
/// its holder used a site of the same license since.
/// </summary>
public sealed class SharedLicenseUseTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly List<SimulatedSite> sites = new();
    private readonly List<QlikConnection> connections = new();

    public async Task InitializeAsync()
    {
        for (var index = 0; index < 3; index++)
        {
            var site = await SimulatedSite.StartAsync(new SiteOptions { Now = Now });
            sites.Add(site);
            connections.Add(SimulatedConnection.To(site));
        }
        sites[0].Store.SetLicense("1111", "signed-key");
        sites[1].Store.SetLicense("2222", "signed-key");
        // CORP\sstrange (Professional, 10 days unused on every site) used the second site yesterday.
        var user = Guid.Parse((string)sites[1].Store.FindUser("CORP", "sstrange")["id"]);
        var allocation = sites[1].Store.FindAllocation(AccessKind.Professional, user);
        var used = (Newtonsoft.Json.Linq.JObject)allocation.DeepClone();
        used["lastUsed"] = QrsDates.Format(Now.AddDays(-1));
        sites[1].Store.Replace(QrsTypes.ProfessionalAccessType, used);
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in connections) connection.Dispose();
        foreach (var site in sites) await site.DisposeAsync();
    }

    private IReadOnlyList<string> Unused(int site, Func<string, string, bool> usedElsewhere) =>
        new InactiveLicensedUserFinder(connections[site], new RecordingHost(approve: false)).Find(new InactiveCriteria
        {
            UnusedSinceUtc = Now.AddDays(-7),
            CheckRules = false,
            UsedOnSharedSite = usedElsewhere ?? ((directory, userId) => false),
        }, SimulatedConnection.Call).Where(candidate => candidate.Reason == InactiveReason.NotUsedSince).Select(candidate => candidate.UserId).ToList();

    [Fact]
    public void A_person_unused_on_one_site_but_seen_on_another_of_its_license_is_not_offered_there()
    {
        var host = new RecordingHost(approve: false);
        var tests = SharedLicenseUse.Read(connections, LicenseAccessTypes.PerUser, Now.AddDays(-7), host, SimulatedConnection.Call);

        Assert.Equal(new[] { connections[0], connections[1] }, tests.Keys.OrderBy(connections.IndexOf));
        Assert.Contains("sstrange", Unused(2, null));
        Assert.DoesNotContain("sstrange", Unused(0, tests[connections[0]]));
        // Seen on the second site itself, so not unused there either; everyone else unused stays offered on both.
        Assert.DoesNotContain("sstrange", Unused(1, tests[connections[1]]));
        Assert.Equal(Unused(2, null).Where(user => user != "sstrange").ToList(), Unused(0, tests[connections[0]]));
    }

    [Fact]
    public void When_a_sharing_site_cannot_say_who_used_it_nobody_counts_as_unused_on_the_others()
    {
        // Its license is read; its allocations are refused (403, not retried).
        sites[1].Faults.AppliesTo = (method, path) => path.Contains("accesstype", StringComparison.OrdinalIgnoreCase);
        sites[1].Faults.ForbiddenRate = 1;
        var host = new RecordingHost(approve: false);

        var tests = SharedLicenseUse.Read(connections.Take(2).ToList(), LicenseAccessTypes.PerUser, Now.AddDays(-7), host, SimulatedConnection.Call);

        Assert.True(tests[connections[0]]("CORP", "anyone"));
        Assert.Contains(host.Warnings, warning => warning.Contains("nobody is offered there as unused", StringComparison.Ordinal));
    }
}
