using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Release;
using QlikLicense.Model;
using QlikLicense.Tests.Cloud;
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

    [Fact]
    public void As_many_allocations_as_the_cap_are_released()
    {
        var pending = Enumerable.Range(0, 3).Select(index => site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "user" + index))).ToList();

        Assert.Equal(3, Release(new RecordingHost(approve: true), pending, maximumCount: 3).Count);

        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void An_allocation_no_rule_grants_back_is_released_without_a_warning_and_found_candidates_are_not_checked_again()
    {
        var plain = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "plain", groups: "Finance"));
        site.AddRule("Sales analyzers", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        var host = new RecordingHost(approve: true);

        Release(host, new[] { plain });

        Assert.Empty(host.Warnings);
        Assert.Equal(1, site.Calls.Count(call => call == nameof(site.FindGrantingRulesAsync)));

        var candidate = new InactiveLicensedUser(site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "seller", removedExternally: true, groups: "Sales")),
            InactiveReason.RemovedFromDirectory, null);
        var again = new RecordingHost(approve: true);

        Assert.Equal(AllocationOutcome.Released, Assert.Single(Release(again, new[] { candidate })).Outcome);

        Assert.Equal(1, site.Calls.Count(call => call == nameof(site.FindGrantingRulesAsync)));
        Assert.Empty(again.Warnings);
    }

    [Fact]
    public void Nothing_approved_opens_no_journal()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        var host = new RecordingHost(approve: false);

        Assert.Empty(Release(host, new[] { allocation }));

        Assert.Empty(host.Journals);
        Assert.False(File.Exists(Journal));
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 6)]
    public void More_than_five_releases_show_progress_one_line_per_outcome(int count, int progressLines)
    {
        var pending = Enumerable.Range(0, count).Select(index => site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "user" + index))).ToList();
        var host = new RecordingHost(approve: true);

        Release(host, pending);

        Assert.Equal(progressLines, host.ProgressStatus.Count);
        Assert.All(host.ProgressStatus.Select((status, index) => (status, index)),
            line => Assert.Matches($"^{line.index + 1} of {count}: Analyzer access of CORP\\\\user[0-9]$", line.status));
        Assert.Equal(progressLines == 0 ? 0 : 1, host.ProgressEnded);
        Assert.All(host.ProgressActivities, activity => Assert.Equal("Releasing license allocations", activity));
    }

    [Fact]
    public void The_outcomes_are_counted_in_verbose_with_the_journal()
    {
        var unused = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "unused"));
        var recent = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "recent"), lastUsed: site.UtcNow.AddDays(-1));
        var other = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "other"));
        var host = new RecordingHost(approve: true);

        Release(host, new[] { recent, unused, other });

        Assert.Equal($"Outcomes: Released 2, Quarantined 1. Journal: {Journal}", Assert.Single(host.Verbose, line => line.StartsWith("Outcomes:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_host_that_stops_taking_output_gets_no_more_and_its_failure_ends_the_run_once_every_release_is_journaled()
    {
        var pending = Enumerable.Range(0, 3).Select(index => site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "user" + index))).ToList();
        var stopping = new InvalidOperationException("The pipeline has been stopped.");
        var host = new RecordingHost(approve: true) { OutputFailure = stopping };

        Assert.Same(stopping, Assert.Throws<InvalidOperationException>(() => Release(host, pending)));

        Assert.Single(host.Output);
        Assert.Empty(site.Allocations);
        Assert.Equal(3, File.ReadAllLines(Journal).Count(line => JObject.Parse(line)["outcome"] != null));
        Assert.DoesNotContain(host.Verbose, line => line.StartsWith("Outcomes:", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocations_of_a_site_and_of_a_tenant_are_released_in_one_run_each_on_its_own()
    {
        var assigned = new List<string> { "auth0|alice" };
        var deletes = new List<List<string>>();
        var tenant = new StubTenant()
            .Paged("/api/v1/users", """{"id":"u1","subject":"auth0|alice","name":"Alice","status":"active"}""")
            .Paged("/api/v1/licenses/consumption", string.Empty)
            .On("GET", "/api/v1/licenses/assignments", (request, body) =>
            {
                lock (assigned) return StubTenant.Json(StubTenant.Page(string.Join(",", assigned.Select(subject => $"{{\"subject\":\"{subject}\",\"type\":\"professional\"}}"))));
            })
            .Batch("delete", subject =>
            {
                lock (assigned) assigned.Remove(subject);
                return CloudTenantLists.Status(204);
            }, deletes);
        using var tenantConnection = CloudTenantLists.Connect(tenant);
        var onTenant = Assert.Single(tenantConnection.SiteApi.ReadAllocations(LicenseAccessType.Professional, new AllocationFilter(), tenant.Call));
        var onSite = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "jdoe"));

        var results = Release(new RecordingHost(approve: true), new[] { onSite, onTenant });

        Assert.Equal(new[] { ("CORP", "jdoe"), (string.Empty, "auth0|alice") }.Order(), results.Select(result => (result.UserDirectory, result.UserId)).Order());
        Assert.All(results, result => Assert.Equal(AllocationOutcome.Released, result.Outcome));
        Assert.Equal(new[] { "auth0|alice" }, Assert.Single(deletes));
        Assert.Empty(site.Allocations);
    }
}
