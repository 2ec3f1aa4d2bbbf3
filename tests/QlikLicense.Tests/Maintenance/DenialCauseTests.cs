using QlikLicense.Logs;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// The causes of denials as the routine's denial step tells them: the logs <see cref="DenialCauseScenario"/> writes,
/// read as a site's logs, refined by what the simulated site says of each person, then the decisions on them.
/// </summary>
public sealed class DenialCauseTests : SimulatedSiteTest
{
    private static readonly DateTime Denied = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private string logs;

    protected override SiteOptions Options => new() { Now = Denied.AddDays(3) };

    protected override void Prepare()
    {
        DenialCauseScenario.Apply(site.Store, Denied);
        logs = DenialCauseScenario.WriteLogs(Path.Combine(Path.GetTempPath(), "qliklicense-causes-" + Guid.NewGuid().ToString("N")), Denied);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(logs, recursive: true);
    }

    private IReadOnlyList<LicenseDenial> Find(QlikConnection with)
    {
        var search = new LicenseDenialSearch(new RecordingHost(approve: false), new LicenseDenialScanOptions());
        search.AddPaths(new[] { logs });
        return search.FindDenials(with, SimulatedConnection.Call);
    }

    [Fact]
    public void Each_person_is_refused_for_the_cause_the_logs_and_the_site_tell()
    {
        var causes = Find(connection).ToDictionary(denial => denial.UserIdentity, denial => denial.Cause.ToString(), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(DenialCauseScenario.Expected.OrderBy(pair => pair.Key), causes.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void Without_the_site_the_logs_alone_tell_no_access_type_and_too_many_sessions()
    {
        var causes = Find(null).ToDictionary(denial => denial.UserIdentity, denial => denial.Cause, StringComparer.OrdinalIgnoreCase);

        // The sessions message is read as written; only the site can tell that CORP\crowded held no seat.
        Assert.Equal(LicenseDenialCause.TooManySessions, causes[DenialCauseScenario.Busy]);
        Assert.Equal(LicenseDenialCause.TooManySessions, causes[DenialCauseScenario.Crowded]);
        Assert.Equal(LicenseDenialCause.NoAccessType, causes[DenialCauseScenario.NoPass]);
        Assert.Equal(LicenseDenialCause.NoAccessType, causes[DenialCauseScenario.Late]);
        Assert.Equal(LicenseDenialCause.NoAccessType, causes[DenialCauseScenario.Ghost]);
    }

    [Fact]
    public void The_license_read_from_a_license_file_tells_the_same_as_from_the_signed_key()
    {
        site.Store.SetLicenseEnd(DenialCauseScenario.LicenseEnd(Denied), LicenseEndReading.LicenseFile);

        var late = Find(connection).Single(denial => denial.UserIdentity == DenialCauseScenario.Late);

        Assert.Equal(LicenseDenialCause.LicenseNotAvailable, late.Cause);
    }

    [Fact]
    public void Only_causes_a_seat_fixes_get_an_allocation_and_the_others_their_own_advice()
    {
        var denials = Find(connection);

        var suggestions = LicenseDecisionFinder.Find(connection, denials, Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions { MinimumDenied = 10 },
            SimulatedConnection.Call).Suggestions;

        var allocate = Assert.Single(suggestions, suggestion => suggestion.Kind == SuggestionKind.Allocate);
        Assert.Equal(new[] { DenialCauseScenario.Crowded, DenialCauseScenario.NoPass }, allocate.Users);
        Assert.Equal(new[] { DenialCauseScenario.Busy }, suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.CloseSessions).Users);
        Assert.Equal(new[] { DenialCauseScenario.NewHire }, suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.AwaitUserSync).Users);
        Assert.Equal(new[] { DenialCauseScenario.Ghost }, suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.SyncUserDirectory).Users);
        var renew = suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.RenewLicense);
        Assert.Equal(new[] { DenialCauseScenario.Late }, renew.Users);
        Assert.Contains("2026-11-21", renew.Reason);
        Assert.Equal(string.Empty, renew.Command);
        Assert.All(suggestions.Where(suggestion => suggestion.Kind is SuggestionKind.CloseSessions or SuggestionKind.AwaitUserSync or SuggestionKind.SyncUserDirectory),
            suggestion => Assert.Equal((string.Empty, string.Empty), (suggestion.Command, suggestion.CommandName)));

        // The excess: CORP\overflow's Analyzer allocation lies beyond the seats; the command releases the allocations ranked first.
        var release = suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.ReleaseExcess);
        Assert.Equal(new[] { DenialCauseScenario.Overflow }, release.Users);
        Assert.Equal(LicenseAccessType.Analyzer, release.Type);
        Assert.StartsWith("Remove-QlikLicenseAllocation -Type Analyzer -Id ", release.Command);
    }

    [Fact]
    public void A_group_refused_only_for_other_causes_says_so()
    {
        var denials = Find(connection).Where(denial => denial.UserIdentity == DenialCauseScenario.Busy).ToList();

        var decisions = LicenseDecisionFinder.Find(connection, denials, Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), SimulatedConnection.Call);

        var group = Assert.Single(decisions.Groups);
        Assert.Equal((DenialCauseScenario.Group, 1, 1), (group.Group, group.Denied, group.Licensed));
        Assert.Contains("TooManySessions", group.Finding);
        Assert.DoesNotContain(decisions.Suggestions, suggestion => suggestion.Kind == SuggestionKind.Allocate || suggestion.Kind == SuggestionKind.NewRule);
    }
}
