using QlikLicense.Maintenance.Decisions;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Decisions;

/// <summary>Who spends analyzer capacity (<see cref="AnalyzerCapacitySpenders.Rank"/>): ties broken by name, and names the records leave out.</summary>
public sealed class AnalyzerCapacitySpendersTests
{
    private static readonly DateTime Since = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static AnalyzerCapacityUse Use(string userDirectory, string userId, int minutes) =>
        new() { UserKey = Guid.NewGuid(), UserDirectory = userDirectory, UserId = userId, Start = Since.AddDays(1), Stop = Since.AddDays(1).AddMinutes(minutes) };

    [Fact]
    public void People_with_as_many_minutes_are_ranked_by_name_after_those_with_more()
    {
        var ranked = AnalyzerCapacitySpenders.Rank(new[] { Use("CORP", "bob", 12), Use("CORP", "Amy", 12), Use("CORP", "carl", 7), Use("CORP", "zed", 18) }, Since, null, null);

        Assert.Equal(new[] { @"CORP\zed", @"CORP\Amy", @"CORP\bob", @"CORP\carl" }, ranked.Select(person => person.UserIdentity));
        Assert.Equal(new[] { 18, 12, 12, 12 }, ranked.Select(person => person.Minutes));
    }

    [Fact]
    public void A_record_without_a_directory_or_an_id_gives_an_empty_one()
    {
        var ranked = AnalyzerCapacitySpenders.Rank(new[] { Use(null, "auth0|sub", 12), Use("CORP", null, 6) }, Since, null, null);

        Assert.Equal(new[] { (string.Empty, "auth0|sub"), ("CORP", string.Empty) }, ranked.Select(person => (person.UserDirectory, person.UserId)));
    }
}

/// <summary>
/// The routine's look at the shared pools (<see cref="LicenseModelFindings"/>) on a site in memory that keeps them
/// (<see cref="InMemoryPoolSite"/>): the windows asked, the groups warned of, the spenders listed; and a pool the site cannot read.
/// </summary>
public sealed class LicensePoolFindingsTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SiteCall Call = new(CancellationToken.None);
    private readonly InMemoryPoolSite site = new();

    public void Dispose() => site.Dispose();

    private static LicenseSummary Row(LicenseAccessType type, LicenseHandling handling) => new() { Type = type, Enabled = true, Handling = handling };

    private static MaintenanceReport Report(string site, params LicenseAccessType[] searched) => new()
    {
        Site = site,
        AccessTypes = searched,
        Summary = new[]
        {
            Row(LicenseAccessType.Professional, LicenseHandling.ReleaseAndAllocate), Row(LicenseAccessType.LoginAccess, LicenseHandling.ReportUse),
            Row(LicenseAccessType.AnalyzerCapacity, LicenseHandling.ReportUse),
        },
    };

    [Fact]
    public void Login_groups_are_read_with_the_passes_use_of_28_days_and_capacity_with_a_month_and_the_report_lists_the_top_ten_spenders()
    {
        var connection = site.Connect();
        site.LoginAccessGroups.Add(new LoginAccessGroup { Name = "Dry", Passes = 10, RemainingPasses = 0, EnabledRules = new[] { "rule" } });
        site.LoginAccessGroups.Add(new LoginAccessGroup { Name = "Busy", Passes = 10, RemainingPasses = 4, UsedPasses = 6, People = 3, EnabledRules = new[] { "rule" } });
        for (var number = 1; number <= 11; number++)
            site.CapacityUses.Add(new AnalyzerCapacityUse { UserKey = Guid.NewGuid(), UserDirectory = "CORP", UserId = "user" + number, Start = Now.AddDays(-1), Stop = Now.AddDays(-1).AddMinutes(6 * number) });
        var report = Report(connection.Site, LicenseAccessType.Professional);
        var host = new RecordingHost(approve: false);

        var spenders = LicenseModelFindings.Find(connection, report, 600, host, Now, Call);

        Assert.Equal(new[] { Now - LoginAccessGroup.PassReturn }, site.LoginGroupsAskedSince);
        Assert.Equal(new[] { Now - AnalyzerCapacitySpenders.DefaultWindow }, site.CapacityAskedSince);
        Assert.Equal(new[] { "Dry", "Busy" }, report.LoginAccessGroups.Select(group => group.Name));
        Assert.StartsWith("Login access group 'Dry' has run dry", Assert.Single(host.Warnings));
        Assert.Equal(11, spenders.Count);
        Assert.Equal(Enumerable.Range(2, 10).Reverse().Select(number => "user" + number), report.CapacityUsers.Select(person => person.UserId));
        Assert.Empty(report.NotCovered);
    }

    [Fact]
    public void When_no_access_type_was_searched_none_is_said_not_searched()
    {
        var connection = site.Connect();
        var report = Report(connection.Site);

        LicenseModelFindings.Find(connection, report, null, new RecordingHost(approve: false), Now, Call);

        Assert.Empty(report.NotCovered);
    }

    [Fact]
    public void On_a_site_that_keeps_no_pools_login_access_is_said_not_covered_and_not_read()
    {
        using var plain = new InMemorySite();
        var connection = plain.Connect();
        var report = Report(connection.Site, LicenseAccessType.Professional);

        var spenders = LicenseModelFindings.Find(connection, report, 600, new RecordingHost(approve: false), Now, Call);

        Assert.Empty(spenders);
        Assert.Equal(new[] { LicenseAccessType.LoginAccess, LicenseAccessType.AnalyzerCapacity }.Select(type => $"{type} ({type.ModelOf()} licence): {connection.Site} runs it, and QlikLicense cannot read it on this kind of site. Check it where the site is managed."),
            report.NotCovered);
        Assert.Empty(report.LoginAccessGroups);
        Assert.Empty(plain.Calls);
    }
}
