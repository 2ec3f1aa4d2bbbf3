using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Decisions;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// The monthly check's further findings on the simulated site's seed (11 Professional holders, two of them inactive:
/// CORP\bwayne removed from the directory, CORP\lluthor blocked; 10 Analyzer holders), with CORP\asmith given
/// Professional on top of her Analyzer allocation.
/// </summary>
public sealed class LicenseFindingTests : SimulatedSiteTest
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    protected override SiteOptions Options => new() { Now = Now };

    protected override void Prepare() => site.Store.AddAllocation(AccessKind.Professional, UserKey("asmith"), Now.AddDays(-1));

    private IReadOnlyList<LicenseFinding> Find(LicenseFindingOptions options = null) =>
        LicenseFindingFinder.Find(connection, options ?? new LicenseFindingOptions(), Now, SimulatedConnection.Call);

    [Fact]
    public void Allocations_above_the_license_come_in_the_order_to_release_them()
    {
        // 12 Professional allocations on 8 seats: 4 over.
        site.Store.SetLicenseTotals(8, 50);
        Assert.Equal(4, site.Store.MarkExcess(AccessKind.Professional));

        var excess = Find().Where(finding => finding.Kind == LicenseFindingKind.ExcessAllocation).ToList();

        // Inactive users first (the longest unused first), then the never used, then the longest unused.
        Assert.Equal(new[] { "bwayne", "lluthor", "mjones", "kschmidt" }, excess.Select(finding => finding.UserId));
        Assert.Equal(new int?[] { 1, 2, 3, 4 }, excess.Select(finding => finding.Rank));
        Assert.Equal(new bool?[] { true, true, false, false }, excess.Select(finding => finding.Inactive));
        Assert.All(excess, finding => Assert.Equal(LicenseAccessType.Professional, finding.Type));
        Assert.Equal($"Remove-QlikLicenseAllocation -Type Professional -Id {excess[0].Id:D}", excess[0].Command);
        Assert.Contains("release this one first", excess[0].Reason);
        Assert.Contains("release this one 4th", excess[3].Reason);
    }

    [Fact]
    public void The_spare_Analyzer_seat_of_a_Professional_holder_is_released_first()
    {
        site.Store.SetLicenseTotals(25, 9);
        site.Store.MarkExcess(AccessKind.Analyzer);

        var findings = Find();

        var excess = Assert.Single(findings, finding => finding.Kind == LicenseFindingKind.ExcessAllocation);
        Assert.Equal(("asmith", LicenseAccessType.Analyzer, 1), (excess.UserId, excess.Type!.Value, excess.Rank!.Value));
        var both = Assert.Single(findings, finding => finding.Kind == LicenseFindingKind.ProfessionalAndAnalyzer);
        Assert.Equal(("asmith", LicenseAccessType.Analyzer), (both.UserId, both.Type!.Value));
        Assert.Null(both.Rank);
    }

    [Fact]
    public void Users_left_out_by_pattern_tag_or_custom_property_are_never_named()
    {
        site.Store.SetLicenseTotals(8, 50);
        site.Store.MarkExcess(AccessKind.Professional);
        site.Store.TagUser(UserKey("bwayne"), "Keep");
        site.Store.SetCustomProperty(UserKey("kschmidt", "CORP EU"), "LicensePolicy", "Never release");
        site.Requests.Clear();

        var excess = Find(new LicenseFindingOptions
        {
            IsExcluded = (directory, userId) => userId == "mjones",
            Marks = new UserMarks(new[] { TextPattern.Exactly("keep") },
                new[] { new CustomPropertyMark("LicensePolicy", new TextPattern("Never*", TextNarrowing.StartsWith, "Never", value => value.StartsWith("Never", StringComparison.OrdinalIgnoreCase))) }),
        }).Where(finding => finding.Kind == LicenseFindingKind.ExcessAllocation).ToList();

        Assert.Equal(new[] { "lluthor", "sstrange", "lmartin", "o'brien" }, excess.Select(finding => finding.UserId));
        // The marked users were found by QRS, one filtered request per mark.
        var filters = site.Requests.Snapshot().Where(request => request.Path == "/qrs/user/full").Select(request => request.Filter).ToList();
        Assert.Contains("tags.name eq 'keep'", filters);
        Assert.Contains("(customProperties.definition.name eq 'LicensePolicy') and (customProperties.value sw 'Never')", filters);
    }

    [Theory]
    [InlineData(30, LicenseEndReading.SignedKey, true)]
    [InlineData(60, LicenseEndReading.LicenseFile, true)]
    [InlineData(61, LicenseEndReading.SignedKey, false)]
    public void The_license_end_is_warned_of_60_days_ahead_from_either_reading(int daysLeft, LicenseEndReading reading, bool warned)
    {
        site.Store.SetLicenseEnd(Now.AddDays(daysLeft), reading);

        var end = Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.LicenseEnd } });

        Assert.Equal(warned, end.Count == 1);
        if (!warned) return;
        Assert.Equal((daysLeft, Now.Date.AddDays(daysLeft)), (end[0].DaysLeft!.Value, end[0].EndDate!.Value));
        Assert.Contains(reading == LicenseEndReading.LicenseFile ? "license file's time limit" : "signed key's validity", end[0].Reason);
    }

    [Fact]
    public void An_expired_license_is_a_finding_whatever_its_end_date()
    {
        site.Store.SetLicenseEnd(null, expired: true);

        var end = Assert.Single(Find(new LicenseFindingOptions { Kinds = new[] { LicenseFindingKind.LicenseEnd } }));

        Assert.Null(end.EndDate);
        Assert.Contains("has expired", end.Reason);
    }

    [Fact]
    public void A_constant_number_of_requests_whatever_the_findings()
    {
        site.Store.SetLicenseTotals(8, 9);
        site.Store.MarkExcess(AccessKind.Professional);
        site.Store.MarkExcess(AccessKind.Analyzer);
        site.Requests.Clear();

        Find();

        // Inactive users, the allocations of each type, the seats, the license.
        Assert.Equal(5, site.Requests.Snapshot().Count);
    }
}
