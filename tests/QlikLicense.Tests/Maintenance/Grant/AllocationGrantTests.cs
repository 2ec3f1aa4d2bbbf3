using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>Allocating (<see cref="AllocationGrant"/>) on a site in memory: one plan in a few reads, seats counted, each change journaled.</summary>
public sealed class AllocationGrantTests : InMemorySiteTest
{
    private IReadOnlyList<AllocationChangeResult> Grant(RecordingHost host, params GrantRequest[] requests) =>
        new AllocationGrant(connection, () => site.UtcNow).Run(requests, new GrantOptions { JournalPath = Journal }, host, Call);

    private static GrantRequest Analyzer(QlikUser user) => GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user);

    [Fact]
    public void A_user_without_the_type_gets_a_seat_journaled_before_it_is_sent()
    {
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Grant(host, Analyzer(site.AddUser("CORP", "jdoe"))));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(result.AllocationId, Assert.Single(site.Allocations).Id);
        Assert.Equal(("CORP\\jdoe", "Allocate Analyzer access"), (host.Asked.Single().Target, host.Asked.Single().Action));
        var lines = File.ReadAllLines(Journal).Select(JObject.Parse).ToList();
        Assert.Equal(new[] { null, "Allocated" }, lines.Select(line => (string)line["outcome"]));
    }

    [Fact]
    public void A_user_who_holds_the_type_is_AlreadyAllocated_without_a_question_or_a_change()
    {
        var user = site.AddUser("CORP", "jdoe");
        site.AddAllocation(LicenseAccessType.Analyzer, user);
        var host = new RecordingHost(approve: true);

        Assert.Equal(AllocationOutcome.AlreadyAllocated, Assert.Single(Grant(host, Analyzer(user))).Outcome);

        Assert.Empty(host.Asked);
        Assert.DoesNotContain(nameof(ISite.AllocateAsync), site.Calls);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void A_quarantined_allocation_is_given_back_with_its_own_id_whichever_way_the_site_takes(bool reinstateAccepted, int allocations)
    {
        var user = site.AddUser("CORP", "jdoe");
        var quarantined = site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        site.ReinstateAccepted = reinstateAccepted;

        var result = Assert.Single(Grant(new RecordingHost(approve: true), Analyzer(user)));

        Assert.Equal(AllocationOutcome.Reinstated, result.Outcome);
        Assert.Equal(quarantined.Id, result.AllocationId);
        Assert.False(Assert.Single(site.Allocations).Quarantined);
        Assert.Equal(allocations, site.Calls.Count(call => call == nameof(ISite.AllocateAsync)));
    }

    [Fact]
    public void Seats_are_counted_down_under_WhatIf_too_so_the_preview_shows_who_would_not_fit()
    {
        site.Seats[LicenseAccessType.Analyzer] = 1;
        var host = new RecordingHost(approve: false, whatIf: true);

        var results = Grant(host, Analyzer(site.AddUser("CORP", "first")), Analyzer(site.AddUser("CORP", "second")));

        Assert.Empty(results);
        Assert.Single(host.Asked);
        var problem = Assert.Single(host.Problems);
        Assert.Equal(ProblemKind.NoSeatAvailable, problem.Kind);
        Assert.Contains("CORP\\second", problem.Message);
        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void An_unknown_user_is_a_problem_about_what_the_caller_gave_and_the_others_are_allocated()
    {
        var unknown = new object();
        var host = new RecordingHost(approve: true);

        var results = Grant(host, GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "nobody", unknown), Analyzer(site.AddUser("CORP", "jdoe")));

        Assert.Equal("jdoe", Assert.Single(results).UserId);
        Assert.Same(unknown, Assert.Single(host.Problems, problem => problem.Kind == ProblemKind.UserNotFound).Target);
    }

    [Fact]
    public void Many_users_are_planned_in_one_look_up_each_of_users_allocations_and_seats()
    {
        site.Seats[LicenseAccessType.Analyzer] = 20;
        var requests = Enumerable.Range(0, 20).Select(index => Analyzer(site.AddUser("CORP", "user" + index))).ToArray();

        Assert.Equal(20, Grant(new RecordingHost(approve: true), requests).Count);

        Assert.Equal(new[] { nameof(ISite.LookUpUsersInBatches), nameof(ISite.LookUpAllocationsInBatches), nameof(ISite.ReadSummaryAsync) },
            site.Calls.Where(call => call != nameof(ISite.AllocateAsync)));
    }
}
