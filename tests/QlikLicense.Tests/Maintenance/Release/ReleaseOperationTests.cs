using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Release;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Release;

/// <summary>Releasing allocations (<see cref="ReleaseOperation"/>) on a site in memory: the cap, the decisions, the journal, the outcomes.</summary>
public sealed class ReleaseOperationTests : InMemorySiteTest
{
    private IReadOnlyList<AllocationChangeResult> Release(RecordingHost host, IReadOnlyList<LicenseAllocation> pending, int maximumCount = 100) =>
        new ReleaseOperation(host) { JournalPath = Journal, MaximumCount = maximumCount }.Run(pending, Call, CancellationToken.None);

    [Fact]
    public void Each_approved_allocation_is_released_once_journaled_intent_first_and_its_outcome_read_back()
    {
        var unused = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "unused"));
        var recent = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "recent"), lastUsed: site.UtcNow.AddDays(-1));
        var host = new RecordingHost(approve: true);

        var results = Release(host, new[] { unused, recent, unused });

        Assert.Equal(new[] { AllocationOutcome.Quarantined, AllocationOutcome.Released }, results.OrderBy(result => result.UserId).Select(result => result.Outcome));
        Assert.Equal(2, site.Calls.Count(call => call == nameof(ISite.ReleaseAsync)));
        Assert.Equal(2, host.Asked.Count(asked => asked.Action == ReleaseOperation.ReleaseAction && asked.Impact == ChangeImpact.High));
        Assert.Equal(2, host.Output.Count);
        Assert.Equal(Journal, Assert.Single(host.Journals.Distinct()));
        var lines = File.ReadAllLines(Journal).Select(JObject.Parse).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines.Where(line => (string)line["event"] == "Release"), intent => Assert.Null(intent["outcome"]));
        Assert.Equal(new[] { "Quarantined", "Released" }, lines.Where(line => line["outcome"] != null).Select(line => (string)line["outcome"]).OrderBy(outcome => outcome));
        Assert.True(Assert.Single(site.Allocations).Quarantined);
    }

    [Fact]
    public void More_allocations_than_the_cap_stop_the_release_before_any_change_or_journal()
    {
        var pending = Enumerable.Range(0, 3).Select(index => site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "user" + index))).ToList();

        var error = Assert.Throws<OperationException>(() => Release(new RecordingHost(approve: true), pending, maximumCount: 2));

        Assert.Equal(ProblemKind.MaximumCountExceeded, error.Problem.Kind);
        Assert.DoesNotContain(nameof(ISite.ReleaseAsync), site.Calls);
        Assert.False(File.Exists(Journal));
        Assert.Equal(3, site.Allocations.Count);
    }

    [Fact]
    public void A_quarantined_allocation_is_a_problem_and_a_declined_one_is_left_alone()
    {
        var quarantined = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "gone"), quarantined: true);
        var other = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "kept"));
        var host = new RecordingHost(approve: false);

        var results = Release(host, new[] { quarantined, other });

        Assert.Empty(results);
        Assert.Equal(ProblemKind.AllocationQuarantined, Assert.Single(host.Problems).Kind);
        Assert.Same(quarantined, host.Problems[0].Target);
        Assert.Single(host.Asked);
        Assert.DoesNotContain(nameof(ISite.ReleaseAsync), site.Calls);
    }

    [Fact]
    public void A_rule_that_grants_the_access_straight_back_is_warned_about_and_a_failed_check_is_a_problem_the_release_goes_past()
    {
        var sales = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "seller", groups: "Sales"));
        site.AddRule("Sales analyzers", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        var warned = new RecordingHost(approve: true);

        Release(warned, new[] { sales });

        Assert.Contains(warned.Warnings, warning => warning.Contains("'Sales analyzers'") && warning.Contains("CORP\\seller"));

        var other = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "other"));
        site.FailWhen = call => call == nameof(site.FindGrantingRulesAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "POST", "/audit", 503, "down") : null;
        var withoutCheck = new RecordingHost(approve: true);

        var results = Release(withoutCheck, new[] { other });

        Assert.Equal(ProblemKind.RuleCheckFailed, Assert.Single(withoutCheck.Problems).Kind);
        Assert.Equal(AllocationOutcome.Released, Assert.Single(results).Outcome);
    }

    [Fact]
    public void Allocations_of_a_closed_connection_stop_the_release()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "jdoe"));
        connection.Dispose();

        var error = Assert.Throws<OperationException>(() => Release(new RecordingHost(approve: true), new[] { allocation }));

        Assert.Equal(ProblemKind.ConnectionClosed, error.Problem.Kind);
        Assert.DoesNotContain(nameof(ISite.ReleaseAsync), site.Calls);
    }
}
