using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

public sealed class SummaryTests : SiteSessionTest
{



    /// <summary>The counts straight from the site's data, as the QMC would show them.</summary>
    private (int Allocated, int Used, int Quarantined) Counted(string type)
    {
        var allocations = site.Store.All(type);
        bool Quarantined(JObject allocation) => (bool)allocation["quarantined"];
        return (allocations.Count(allocation => !Quarantined(allocation)),
            allocations.Count(allocation => !Quarantined(allocation) && !((string)allocation["lastUsed"]).StartsWith("1753")),
            allocations.Count(Quarantined));
    }

    [Fact]
    public void The_summary_has_one_row_per_access_type_the_licence_offers_with_the_site_counts_from_one_request()
    {
        var result = session.Invoke("Get-QlikLicenseSummary");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "Professional", "Analyzer" }, result.Output.Select(item => item.Text("Type")));
        foreach (var (item, type, total) in new[] { (result.Output[0], "license/professionalaccesstype", 25), (result.Output[1], "license/analyzeraccesstype", 50) })
        {
            var (allocated, used, quarantined) = Counted(type);
            Assert.True(item.Get<bool?>("Enabled"));
            Assert.Equal(total, item.Get<int?>("Total"));
            Assert.Equal(allocated, item.Get<int?>("Allocated"));
            Assert.Equal(used, item.Get<int?>("Used"));
            Assert.Equal(quarantined, item.Get<int?>("Quarantined"));
            Assert.Equal(total - allocated - quarantined, item.Get<int?>("Available"));
            Assert.Equal(0, item.Get<int?>("Excess"));
            Assert.Equal($"localhost:{site.QrsPort}", item.Text("Site"));
        }
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/license/accesstypeoverview"));
    }

    [Fact]
    public void A_license_without_professional_seats_shows_it_disabled_and_type_picks_one_row()
    {
        site.Store.SetLicenseTotals(0, 50);

        var professional = Assert.Single(session.Invoke("Get-QlikLicenseSummary -Type Professional").Output);

        Assert.False(professional.Get<bool?>("Enabled"));
        Assert.Equal(0, professional.Get<int?>("Available"));
    }

    [Fact]
    public void The_summary_shows_as_a_table_of_seats()
    {
        var result = session.InvokeAsUser("Get-QlikLicenseSummary");

        var lines = result.HostLines.Select(line => line.Text.TrimEnd()).Where(line => line.Length > 0).ToList();
        Assert.Matches(@"^Type\s+Unit\s+Enabled\s+Total\s+Allocated\s+Used\s+Quarantined\s+Unavailable\s+Excess\s+Available\s+PerPass$", lines[0]);
        Assert.Matches(@"^Professional\s+Seats\s+True\s+25\s+\d+\s+\d+\s+\d+\s+0\s+\d+$", lines[2]);
        Assert.Matches(@"^Analyzer\s+Seats\s+True\s+50\s+", lines[3]);
    }

    [Fact]
    public void A_failing_overview_is_a_qrs_error_not_a_crash()
    {
        site.Faults.AppliesTo = (method, path) => path.EndsWith("accesstypeoverview");
        site.Faults.FailNext(FaultKind.TruncatedJson, 4);

        var result = session.Invoke("Get-QlikLicenseSummary");

        Assert.Equal("QrsInvalidResponse", result.FirstErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void The_journal_shows_as_a_table_of_operations()
    {
        var journal = Path.Combine(Path.GetTempPath(), "qliklicense-tests", Guid.NewGuid().ToString("N"), "journal.jsonl");
        session.SetVariable("journal", journal);
        try
        {
            session.Invoke("Get-QlikInactiveLicensedUser -Type Professional | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");

            var result = session.InvokeAsUser("Get-QlikLicenseJournal -Path $journal");

            var lines = result.HostLines.Select(line => line.Text.TrimEnd()).Where(line => line.Length > 0).ToList();
            Assert.Matches(@"^Time \(UTC\)\s+Event\s+Outcome\s+Type\s+Target\s+QuarantineEnd \(UTC\)\s+Site$", lines[0]);
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+Release\s+Released\s+Professional\s+Professional access of CORP\\bwayne \(Bruce Wayne\)\s+localhost:\d+$", lines[2]);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(journal)!, recursive: true);
        }
    }
}
