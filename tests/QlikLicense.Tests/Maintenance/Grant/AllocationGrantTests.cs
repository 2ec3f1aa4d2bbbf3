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
        Assert.Empty(host.Warnings);
        Assert.Empty(host.Problems);
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
    public void Many_users_are_planned_in_one_look_up_each_of_users_allocations_their_other_seat_and_seats()
    {
        site.Seats[LicenseAccessType.Analyzer] = 20;
        var requests = Enumerable.Range(0, 20).Select(index => Analyzer(site.AddUser("CORP", "user" + index))).ToArray();

        Assert.Equal(20, Grant(new RecordingHost(approve: true), requests).Count);

        Assert.Equal(new[] { nameof(ISite.LookUpUsersInBatches), nameof(ISite.LookUpAllocationsInBatches), nameof(ISite.LookUpAllocationsInBatches), nameof(ISite.ReadSummaryAsync) },
            site.Calls.Where(call => call != nameof(ISite.AllocateAsync)));
    }

    [Fact]
    public void A_seat_beside_the_other_seat_type_is_allocated_with_a_warning_that_one_of_them_is_spare()
    {
        site.Seats[LicenseAccessType.Professional] = 5;
        var professional = site.AddUser("CORP", "pro");
        var analyzer = site.AddUser("CORP", "ana");
        var fresh = site.AddUser("CORP", "fresh");
        var leaving = site.AddUser("CORP", "leaving");
        site.AddAllocation(LicenseAccessType.Professional, professional);
        var analyzerSeat = site.AddAllocation(LicenseAccessType.Analyzer, analyzer);
        site.AddAllocation(LicenseAccessType.Professional, leaving, quarantined: true);
        var host = new RecordingHost(approve: true);

        var results = Grant(host, Analyzer(professional), Analyzer(fresh), Analyzer(leaving),
            GrantRequest.ForUser(LicenseAccessType.Professional, analyzer, analyzer));

        Assert.All(results, result => Assert.Equal(AllocationOutcome.Allocated, result.Outcome));
        Assert.Equal(new[]
        {
            "CORP\\pro holds Professional access, which gives everything Analyzer does: an Analyzer seat for them would be spare (Get-QlikLicenseFinding reports it as ProfessionalAndAnalyzer).",
            $"CORP\\ana holds Analyzer access, which Professional makes spare: release it afterwards with Remove-QlikLicenseAllocation -Type Analyzer -Id {analyzerSeat.Id}.",
        }, host.Warnings);
    }

    [Fact]
    public void On_a_tenant_the_other_seat_type_is_not_read()
    {
        var tenant = new InMemorySite(kind: SiteKind.QlikCloud);
        var user = tenant.AddUser("CORP", "pro");
        tenant.AddAllocation(LicenseAccessType.Professional, user);
        var host = new RecordingHost(approve: true);

        new AllocationGrant(tenant.Connect(), () => tenant.UtcNow).Run(new[] { Analyzer(user) }, new GrantOptions { JournalPath = Journal }, host, Call);

        Assert.Empty(host.Warnings);
        Assert.Single(tenant.Calls, call => call == nameof(ISite.LookUpAllocationsInBatches));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_user_holding_the_type_both_active_and_in_quarantine_holds_it_already_whichever_the_site_lists_first(bool quarantinedFirst)
    {
        var user = site.AddUser("CORP", "jdoe");
        var active = quarantinedFirst ? null : site.AddAllocation(LicenseAccessType.Analyzer, user);
        site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        active ??= site.AddAllocation(LicenseAccessType.Analyzer, user);

        var result = Assert.Single(Grant(new RecordingHost(approve: true), Analyzer(user)));

        Assert.Equal((AllocationOutcome.AlreadyAllocated, active.Id), (result.Outcome, result.AllocationId));
    }

    [Fact]
    public void A_user_asked_for_twice_is_planned_once_and_the_second_request_is_said_in_verbose()
    {
        var user = site.AddUser("CORP", "jdoe");
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Grant(host, Analyzer(user), GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "corp", "JDOE", "again")));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Single(host.Asked);
        Assert.Contains("CORP\\jdoe: Analyzer access was asked for more than once; it is allocated once.", host.Verbose);
        Assert.Same(result, Assert.Single(host.Output));
    }

    [Fact]
    public void Nothing_asked_reads_nothing_and_nothing_needing_a_seat_reads_no_seats()
    {
        Assert.Empty(Grant(new RecordingHost(approve: true)));
        Assert.Empty(site.Calls);

        var user = site.AddUser("CORP", "jdoe");
        site.AddAllocation(LicenseAccessType.Analyzer, user);
        var host = new RecordingHost(approve: true);

        var already = Assert.Single(Grant(host, Analyzer(user)));

        Assert.Same(already, Assert.Single(host.Output));
        Assert.DoesNotContain(nameof(ISite.ReadSummaryAsync), site.Calls);
    }

    [Fact]
    public void The_seats_are_counted_when_one_request_of_several_needs_a_seat()
    {
        site.Seats[LicenseAccessType.Analyzer] = 1;
        var holder = site.AddUser("CORP", "holder");
        site.AddAllocation(LicenseAccessType.Analyzer, holder);
        var host = new RecordingHost(approve: true);

        var results = Grant(host, Analyzer(holder), Analyzer(site.AddUser("CORP", "newcomer")));

        Assert.Equal(AllocationOutcome.AlreadyAllocated, Assert.Single(results).Outcome);
        Assert.Equal(ProblemKind.NoSeatAvailable, Assert.Single(host.Problems).Kind);
        Assert.DoesNotContain(nameof(ISite.AllocateAsync), site.Calls);
    }

    [Fact]
    public void A_reinstatement_needs_no_free_seat_and_leaves_the_free_one_to_a_new_user()
    {
        site.Seats[LicenseAccessType.Analyzer] = 2;
        var returning = site.AddUser("CORP", "returning");
        site.AddAllocation(LicenseAccessType.Analyzer, returning, quarantined: true);
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "holder"));
        var host = new RecordingHost(approve: true);

        var results = Grant(host, Analyzer(returning), Analyzer(site.AddUser("CORP", "newcomer")));

        Assert.Equal(new[] { AllocationOutcome.Reinstated }, results.Select(result => result.Outcome));
        Assert.Equal(ProblemKind.NoSeatAvailable, Assert.Single(host.Problems).Kind);

        site.Seats[LicenseAccessType.Analyzer] = 4;
        var other = site.AddUser("CORP", "other");
        site.AddAllocation(LicenseAccessType.Analyzer, other, quarantined: true);
        var both = new RecordingHost(approve: true);

        Assert.Equal(new[] { AllocationOutcome.Reinstated, AllocationOutcome.Allocated },
            Grant(both, Analyzer(other), Analyzer(site.AddUser("CORP", "second"))).Select(result => result.Outcome));
        Assert.Empty(both.Problems);
    }

    [Fact]
    public void A_declined_allocation_takes_no_seat()
    {
        site.Seats[LicenseAccessType.Analyzer] = 1;
        var host = new RecordingHost(approve: false);

        Assert.Empty(Grant(host, Analyzer(site.AddUser("CORP", "first")), Analyzer(site.AddUser("CORP", "second"))));

        Assert.Equal(2, host.Asked.Count);
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void Seats_the_overview_cannot_count_are_a_warning_and_the_site_decides()
    {
        site.UncountedSeats.Add(LicenseAccessType.Analyzer);
        site.UncountedSeats.Add(LicenseAccessType.Professional);
        var host = new RecordingHost(approve: true);

        Assert.Single(Grant(host, Analyzer(site.AddUser("CORP", "jdoe"))));

        Assert.Equal("The license overview of memory.example:4242 does not say how many Professional and Analyzer seats (or tokens) are free; QRS decides for each user.",
            Assert.Single(host.Warnings));
    }

    [Fact]
    public void An_overview_that_cannot_be_read_is_a_warning_and_the_site_decides()
    {
        site.FailWhen = call => call == nameof(ISite.ReadSummaryAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/license/accesstypeoverview", 500, "overview down") : null;
        var host = new RecordingHost(approve: true);

        Assert.Equal(AllocationOutcome.Allocated, Assert.Single(Grant(host, Analyzer(site.AddUser("CORP", "jdoe")))).Outcome);

        Assert.Equal("Could not read the free seats of memory.example:4242 (overview down); QRS decides for each user.", Assert.Single(host.Warnings));
        Assert.Empty(host.Problems);
    }

    [Theory]
    [InlineData(SiteErrorKind.AccessDenied)]
    [InlineData(SiteErrorKind.LoginPage)]
    public void An_overview_refused_to_this_account_stops_the_allocation_as_a_problem_of_the_site(SiteErrorKind refusal)
    {
        var failure = new SiteException(SiteKind.QlikSense, refusal, "GET", "/qrs/license/accesstypeoverview", 403, "refused");
        site.FailWhen = call => call == nameof(ISite.ReadSummaryAsync) ? failure : null;
        var host = new RecordingHost(approve: true);

        Assert.Empty(Grant(host, Analyzer(site.AddUser("CORP", "jdoe"))));

        var problem = Assert.Single(host.Problems);
        Assert.Equal((ProblemKind.SiteRequestFailed, "memory.example:4242"), (problem.Kind, (string)problem.Target));
        Assert.Same(failure, problem.Exception);
        Assert.Empty(host.Asked);
        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void Users_named_by_key_and_by_directory_and_id_in_any_case_are_found_in_one_look_up()
    {
        var byKey = site.AddUser("CORP", "jdoe");
        site.AddUser("CORP", "msmith");
        var host = new RecordingHost(approve: true);

        var results = Grant(host,
            GrantRequest.ForKey(LicenseAccessType.Analyzer, byKey.Id, "OLD", "name", "key"),
            GrantRequest.ForIdentity(LicenseAccessType.Professional, "corp", "MSMITH", "identity"));

        Assert.Equal(new[] { ("jdoe", LicenseAccessType.Analyzer), ("msmith", LicenseAccessType.Professional) }, results.Select(result => (result.UserId, result.Type)));
        Assert.Equal(1, site.Calls.Count(call => call == nameof(ISite.LookUpUsersInBatches)));
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void A_user_not_found_is_a_problem_that_says_how_the_user_was_named()
    {
        var deletedKey = Guid.NewGuid();
        var host = new RecordingHost(approve: true);

        Grant(host,
            GrantRequest.ForKey(LicenseAccessType.Analyzer, deletedKey, "CORP", "gone", "key"),
            GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "nobody", "identity"),
            GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "", "no id"),
            GrantRequest.ForIdentity(LicenseAccessType.Analyzer, null, "nodirectory", "no directory"));

        Assert.All(host.Problems, problem => Assert.Equal(ProblemKind.UserNotFound, problem.Kind));
        Assert.Equal(new[]
        {
            $"The site memory.example:4242 has no user with key {deletedKey:D} (CORP\\gone): it was deleted from the repository, so its Analyzer access cannot be given back.",
            "The site memory.example:4242 has no user CORP\\nobody. Check the user directory and user id (Get-QlikUser).",
            "The Analyzer access to give back names no user (the user was deleted before it was released).",
            "The Analyzer access to give back names no user (the user was deleted before it was released).",
        }, host.Problems.Select(problem => problem.Message));
        Assert.Equal(new object[] { "key", "identity", "no id", "no directory" }, host.Problems.Select(problem => problem.Target));
    }

    [Fact]
    public void A_failed_allocation_is_a_problem_about_what_the_caller_gave_and_its_Failed_result_is_output()
    {
        var user = site.AddUser("CORP", "jdoe");
        var failure = new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "POST", "/qrs/license/analyzeraccesstype", 500, "down");
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? failure : null;
        var source = new object();
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Grant(host, GrantRequest.ForUser(LicenseAccessType.Analyzer, user, source)));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        var problem = Assert.Single(host.Problems);
        Assert.Equal((ProblemKind.SiteRequestFailed, source), (problem.Kind, problem.Target));
        Assert.Same(failure, problem.Exception);
        Assert.Same(result, Assert.Single(host.Output));
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 6)]
    public void More_than_five_allocations_show_progress_one_line_per_user(int users, int progressLines)
    {
        var host = new RecordingHost(approve: true);
        var requests = Enumerable.Range(0, users).Select(index => Analyzer(site.AddUser("CORP", "user" + index))).ToArray();

        Assert.Equal(users, Grant(host, requests).Count);

        Assert.Equal(Enumerable.Range(0, progressLines).Select(index => $"{index + 1} of {users}: CORP\\user{index}"), host.ProgressStatus);
        Assert.Equal(progressLines == 0 ? 0 : 1, host.ProgressEnded);
        Assert.All(host.ProgressActivities, activity => Assert.Equal("Allocating license access", activity));
    }

    [Fact]
    public void Each_result_carries_the_time_of_the_operations_clock()
    {
        site.UtcNow = new DateTime(2026, 12, 1, 7, 30, 0, DateTimeKind.Utc);

        var result = Assert.Single(Grant(new RecordingHost(approve: true), Analyzer(site.AddUser("CORP", "jdoe"))));

        Assert.Equal((site.UtcNow, Journal, "memory.example:4242"), (result.Time, result.JournalPath, result.Site));
    }
}
