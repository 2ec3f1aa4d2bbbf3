using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>
/// -UnusedDays over several sites: CORP\sstrange's Professional allocation is 10 days unused on every site, but
/// they used the second site yesterday, which runs on the first site's license; a third site has a license of its own.
/// </summary>
public sealed class SharedLicenseUseTests : SiteSessionTest
{
    private SimulatedSite shared;
    private SimulatedSite alone;

    protected override void Prepare()
    {
        session.SetVariable("prod", session.Invoke("Get-QlikConnection").Output.Single().BaseObject);
        shared = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        alone = SimulatedSite.StartAsync().GetAwaiter().GetResult();
        shared.Store.SetLicense(site.Store.LicenseSerial);
        var user = Guid.Parse((string)shared.Store.FindUser("CORP", "sstrange")["id"]);
        var used = (JObject)shared.Store.FindAllocation(AccessKind.Professional, user).DeepClone();
        used["lastUsed"] = QrsDates.Format(DateTime.UtcNow.AddDays(-1));
        shared.Store.Replace(QrsTypes.ProfessionalAccessType, used);
        session.SetVariable("shared", session.ConnectTo(shared, "-PassThru").Output.Single().BaseObject);
        session.SetVariable("alone", session.ConnectTo(alone, "-PassThru").Output.Single().BaseObject);
    }

    [Fact]
    public void A_person_is_unused_only_when_no_site_of_the_license_saw_them()
    {
        var result = session.Invoke("$reports = Invoke-QlikLicenseMaintenance -Connection $prod, $shared, $alone -UnusedDays 7 -LogPath $temp " +
                                    "-HistoryPath $temp/history.jsonl -PassThru -Verbose");

        Assert.Null(result.Terminating);
        string Name(SimulatedSite simulated) => $"{simulated.HostName}:{simulated.QrsPort}";
        IReadOnlyList<string> Unused(SimulatedSite simulated) => session.Invoke(
                $"($reports | Where-Object Site -EQ '{Name(simulated)}').Candidates | Where-Object Reason -EQ NotUsedSince | ForEach-Object UserId")
            .Output.Select(item => item.ToString()).ToList();
        Assert.DoesNotContain("sstrange", Unused(site));
        Assert.DoesNotContain("sstrange", Unused(shared));
        Assert.Contains("sstrange", Unused(alone));
        Assert.Equal(Unused(alone).Where(user => user != "sstrange"), Unused(site));
        Assert.Contains(result.Verbose, line => line.Contains($"{Name(site)} shares its license with {Name(shared)}", StringComparison.Ordinal));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await shared.DisposeAsync();
        await alone.DisposeAsync();
    }
}
