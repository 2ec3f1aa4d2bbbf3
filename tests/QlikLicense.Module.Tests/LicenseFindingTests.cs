using QlikLicense.Simulator;
using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Module.Tests;

/// <summary>
/// Get-QlikLicenseFinding and the QMC marks of users never to release, as an administrator uses them, on the seed
/// (12 Professional allocations once CORP\asmith is given one on top of her Analyzer allocation, two of them held by
/// inactive users).
/// </summary>
public sealed class LicenseFindingTests : SiteSessionTest
{
    protected override void Prepare()
    {
        site.Store.AddAllocation(AccessKind.Professional, UserKey("asmith"), DateTime.UtcNow.AddDays(-1));
        site.Store.SetLicenseTotals(9, 50);
        site.Store.MarkExcess(AccessKind.Professional);
        site.Store.SetLicenseEnd(DateTime.UtcNow.AddDays(45), LicenseEndReading.LicenseFile);
    }

    private Guid UserKey(string userId) => Guid.Parse((string)site.Store.FindUser("CORP", userId)["id"]);

    [Fact]
    public void It_names_the_allocations_over_the_license_first_ones_first_the_double_holder_and_the_license_end()
    {
        var result = session.Invoke("Get-QlikLicenseFinding");

        Assert.Empty(result.AllErrors);
        var excess = result.Output.Where(finding => finding.Text("Kind") == "ExcessAllocation").ToList();
        Assert.Equal(new[] { "bwayne", "lluthor", "mjones" }, excess.Select(finding => finding.Text("UserId")));
        Assert.Equal(new[] { "1", "2", "3" }, excess.Select(finding => finding.Text("Rank")));
        Assert.Equal("asmith", result.Output.Single(finding => finding.Text("Kind") == "ProfessionalAndAnalyzer").Text("UserId"));
        var end = result.Output.Single(finding => finding.Text("Kind") == "LicenseEnd");
        Assert.Equal("45", end.Text("DaysLeft"));
        Assert.Contains(result.Warnings, warning => warning.Contains("in 45 day(s) (the license file's time limit)", StringComparison.Ordinal));

    }

    [Fact]
    public void The_findings_kept_pipe_into_Remove_QlikLicenseAllocation_and_release_exactly_those()
    {
        var result = session.Invoke("Get-QlikLicenseFinding -Kind ExcessAllocation | Where-Object UserId -NE 'mjones' | " +
                                    "Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $temp/journal.jsonl");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "bwayne", "lluthor" }, result.Output.Select(change => change.Text("UserId")).Order());
        // QRS counts the excess again: one left over.
        Assert.Equal(1, site.Store.MarkExcess(AccessKind.Professional));
        Assert.Equal(new[] { "mjones" }, session.Invoke("Get-QlikLicenseFinding -Kind ExcessAllocation").Output.Select(finding => finding.Text("UserId")));
    }

    [Fact]
    public void Users_marked_by_tag_or_custom_property_are_never_offered_and_QRS_finds_them()
    {
        site.Store.TagUser(UserKey("bwayne"), "Keep");
        site.Store.SetCustomProperty(UserKey("ckent"), "LicensePolicy", "Never release");
        site.Requests.Clear();

        var inactive = session.Invoke("Get-QlikInactiveLicensedUser -ExcludeTag 'keep' -ExcludeCustomProperty 'LicensePolicy=Never*'");
        var findings = session.Invoke("Get-QlikLicenseFinding -Kind ExcessAllocation -ExcludeTag 'K*p'");

        Assert.Empty(inactive.AllErrors);
        Assert.Equal(new[] { "françois.dupont", "hquinn" }, inactive.Output.Select(candidate => candidate.Text("UserId")).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "lluthor", "mjones", "kschmidt" }, findings.Output.Select(finding => finding.Text("UserId")));
        var filters = site.Requests.Snapshot().Select(request => request.Filter).ToList();
        Assert.Contains("tags.name eq 'keep'", filters);
        Assert.Contains("(customProperties.definition.name eq 'LicensePolicy') and (customProperties.value sw 'Never')", filters);
        Assert.Contains("tags.name sw 'K'", filters);
    }

    [Fact]
    public void The_routine_leaves_marked_users_out_of_every_release()
    {
        site.Store.TagUser(UserKey("bwayne"), "Keep");

        var result = session.Invoke("$report = Invoke-QlikLicenseMaintenance -LogPath $temp -ExcludeTag Keep -Remove -Confirm:$false " +
                                    "-JournalPath $temp/journal.jsonl -HistoryPath $temp/history.jsonl -PassThru");

        Assert.Null(result.Terminating);
        Assert.DoesNotContain("bwayne", Texts("$report.Candidates.UserId"));
        Assert.DoesNotContain("bwayne", Texts("$report.Findings.UserId"));
        Assert.DoesNotContain("bwayne", Texts("$report.Changes.UserId"));
        Assert.Contains("ckent", Texts("$report.Changes.UserId"));
    }

    private IReadOnlyList<string> Texts(string script) => session.Invoke(script).Output.Where(item => item != null).Select(item => item.ToString()).ToList();
}

/// <summary>A Qlik Cloud tenant has no QMC tags or custom properties: asking to leave users out by them is refused, nothing offered.</summary>
public sealed class TenantMarkTests : TenantSessionTest
{
    [Theory]
    [InlineData("Get-QlikInactiveLicensedUser -ExcludeTag Keep")]
    [InlineData("Get-QlikLicenseFinding -ExcludeCustomProperty 'LicensePolicy=Keep'")]
    public void A_mark_on_a_tenant_is_NotSupportedOnQlikCloud_and_nothing_is_offered(string command)
    {
        var result = session.Invoke(command);

        Assert.Equal("NotSupportedOnQlikCloud", result.FirstErrorId);
        Assert.Contains("no QMC tags or custom properties", result.FirstError.ToString());
        Assert.Empty(result.Output);
    }
}
