using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Decisions;

/// <summary>The further findings (<see cref="LicenseFindingFinder"/>) on a site in memory: the order of the excess, who is never named, and the edges of the license's end.</summary>
public sealed class LicenseFindingFinderTests : InMemorySiteTest
{
    private static readonly DateTime Now = new(2026, 11, 20, 23, 0, 0, DateTimeKind.Utc);

    private static LicenseSummary Over(LicenseAccessType type, int excess) => new() { Type = type, Enabled = true, Total = 10, Available = 0, Excess = excess };

    private IReadOnlyList<LicenseFinding> Find(LicenseFindingOptions options, IReadOnlyList<LicenseSummary> seats = null, SiteLicense license = null) =>
        LicenseFindingFinder.Find(connection, options, Now, Call, seats, license);

    [Fact]
    public void The_excess_is_released_spare_analyzer_seats_first_then_inactive_users_then_the_longest_unused_and_left_out_users_never()
    {
        var both = site.AddUser("CORP", "both");
        site.AddAllocation(LicenseAccessType.Professional, both, Now.AddDays(-1));
        site.AddAllocation(LicenseAccessType.Analyzer, both, Now.AddDays(-1));
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "unused"));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "recent"), Now.AddDays(-10));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "never"));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "left", removedExternally: true), Now.AddDays(-5));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "blocked", blocked: true), Now.AddDays(-30));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "old"), Now.AddDays(-20));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "kept"));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "waiting"), quarantined: true);
        var gone = site.AddUser("CORP", "gone");
        site.AddAllocation(LicenseAccessType.Professional, gone);
        site.DeleteUser(gone);

        var findings = Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.ExcessAllocation, LicenseFindingKind.ProfessionalAndAnalyzer }, IsExcluded = (directory, userId) => userId == "kept" },
            new[] { Over(LicenseAccessType.Professional, 4), Over(LicenseAccessType.Analyzer, 1) });

        var professional = findings.Where(finding => finding.Kind == LicenseFindingKind.ExcessAllocation && finding.Type == LicenseAccessType.Professional).ToList();
        Assert.Equal(new[] { "blocked", "left", "never", "old" }, professional.Select(finding => finding.UserId));
        Assert.Equal(new int?[] { 1, 2, 3, 4 }, professional.Select(finding => finding.Rank));
        Assert.Equal(new bool?[] { true, true, false, false }, professional.Select(finding => finding.Inactive));
        Assert.Contains(MaintenanceMessages.Findings.WhyFirst.Inactive, professional[0].Reason);
        Assert.Contains(MaintenanceMessages.Findings.WhyFirst.LeastUsed, professional[2].Reason);
        Assert.Equal("4 Professional allocation(s) more than the license holds; release this one 3rd: of the rest it is the longest unused (last used never).", professional[2].Reason);
        var analyzer = Assert.Single(findings, finding => finding.Kind == LicenseFindingKind.ExcessAllocation && finding.Type == LicenseAccessType.Analyzer);
        Assert.Equal(("both", false), (analyzer.UserId, analyzer.Inactive!.Value));
        Assert.Contains(MaintenanceMessages.Findings.WhyFirst.HoldsProfessional, analyzer.Reason);
        var spare = Assert.Single(findings, finding => finding.Kind == LicenseFindingKind.ProfessionalAndAnalyzer);
        Assert.Equal(("both", LicenseAccessType.Analyzer, (int?)null), (spare.UserId, spare.Type!.Value, spare.Rank));
        Assert.Equal($"Remove-QlikLicenseAllocation -Type Analyzer -Id {spare.Id:D}", spare.Command);
        Assert.Equal(("Remove-QlikLicenseAllocation", LicenseAccessType.Analyzer), (spare.CommandName, (LicenseAccessType)spare.Parameters["Type"]));
        Assert.All(findings, finding => Assert.Same(connection, finding.Connection));
        Assert.All(findings, finding => Assert.Equal(connection.Site, finding.Site));
        Assert.DoesNotContain(nameof(ISite.ReadSummaryAsync), site.Calls);
        Assert.DoesNotContain(nameof(ISiteLicenseReader.ReadLicenseAsync), site.Calls);
    }

    [Fact]
    public void Among_allocations_as_long_unused_those_the_site_marks_above_the_license_go_first_then_by_name_and_spare_analyzer_seats_are_named_by_name()
    {
        foreach (var userId in new[] { "d", "b", "a" }) site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", userId));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "c"), excess: true);
        foreach (var userId in new[] { "zed", "amy" })
        {
            var both = site.AddUser("CORP", userId);
            site.AddAllocation(LicenseAccessType.Professional, both, Now.AddDays(-1));
            site.AddAllocation(LicenseAccessType.Analyzer, both, Now.AddDays(-1));
        }

        var findings = Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.ExcessAllocation, LicenseFindingKind.ProfessionalAndAnalyzer } },
            new[] { Over(LicenseAccessType.Professional, 2), Over(LicenseAccessType.Analyzer, 0) });

        Assert.Equal(new[] { (LicenseFindingKind.ExcessAllocation, "c"), (LicenseFindingKind.ExcessAllocation, "a"), (LicenseFindingKind.ProfessionalAndAnalyzer, "amy"), (LicenseFindingKind.ProfessionalAndAnalyzer, "zed") },
            findings.Select(finding => (finding.Kind, finding.UserId)));
        Assert.Equal(new[] { true, false }, findings.Take(2).Select(finding => finding.Excess));
    }

    [Fact]
    public void Without_seats_given_they_are_read_and_a_site_without_excess_has_none()
    {
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "one"));

        var findings = Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.ExcessAllocation } });

        Assert.Empty(findings);
        Assert.Contains(nameof(ISite.ReadSummaryAsync), site.Calls);
        Assert.DoesNotContain(nameof(ISiteLicenseReader.ReadLicenseAsync), site.Calls);
    }

    [Theory]
    [InlineData(-1, false, false, "ended on 2026-11-19")]
    [InlineData(0, false, false, "ends on 2026-11-20, in 0 day(s)")]
    [InlineData(60, false, false, "ends on 2027-01-19, in 60 day(s)")]
    [InlineData(61, false, false, null)]
    [InlineData(100, true, false, "has expired (renewal pending)")]
    [InlineData(100, false, true, "is invalid or deny-listed")]
    public void The_license_is_a_finding_when_not_usable_or_ending_within_the_warning_days(int daysLeft, bool expired, bool invalid, string said)
    {
        // Late in the day: the days left are counted from today's date, not from now.
        var license = new SiteLicense("1", null) { EndDate = Now.Date.AddDays(daysLeft).AddHours(5), IsExpired = expired, IsInvalid = invalid, ExpiredReason = "renewal pending" };

        var findings = Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.LicenseEnd } }, license: license);

        Assert.Equal(said != null, findings.Count == 1);
        if (said == null) return;
        Assert.Contains(said, findings[0].Reason);
        Assert.Equal((LicenseFindingKind.LicenseEnd, daysLeft, license.EndDate), (findings[0].Kind, findings[0].DaysLeft!.Value, findings[0].EndDate));
        Assert.StartsWith($"The license of {connection.Site} ", findings[0].Reason);
        Assert.Empty(site.Calls);
    }

    [Fact]
    public void The_warning_days_are_the_options_and_a_license_without_an_end_is_read_from_the_site_and_no_finding()
    {
        var license = new SiteLicense("1", null) { EndDate = Now.Date.AddDays(11) };

        Assert.Single(Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.LicenseEnd }, WarningDays = 11 }, license: license));
        Assert.Empty(Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.LicenseEnd }, WarningDays = 10 }, license: license));
        Assert.Equal(60, new LicenseFindingOptions().WarningDays);
        Assert.Empty(Find(new LicenseFindingOptions()));
        Assert.Equal(new[] { nameof(ISite.ReadUsers), nameof(ISite.ReadAllocations), nameof(ISite.ReadAllocations), nameof(ISite.ReadSummaryAsync), nameof(ISiteLicenseReader.ReadLicenseAsync) },
            site.Calls);
    }
}
