using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Release;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Release;

/// <summary>Which allocations <see cref="InactiveLicensedUserFinder"/> offers for release, in a constant number of questions to the site.</summary>
public sealed class InactiveLicensedUserFinderTests : InMemorySiteTest
{
    private List<InactiveLicensedUser> Find(InactiveCriteria criteria, RecordingHost host = null) =>
        new InactiveLicensedUserFinder(connection, host ?? new RecordingHost(approve: false)).Find(criteria, Call).ToList();

    [Fact]
    public void Users_removed_from_the_directory_are_offered_with_their_groups_and_the_rules_that_grant_them_back()
    {
        var left = site.AddUser("CORP", "left", removedExternally: true, groups: "Sales");
        var active = site.AddUser("CORP", "active", groups: "Sales");
        site.AddAllocation(LicenseAccessType.Analyzer, left);
        site.AddAllocation(LicenseAccessType.Analyzer, active);
        site.AddRule("Sales analyzers", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");

        var found = Assert.Single(Find(new InactiveCriteria()));

        Assert.Equal(("left", InactiveReason.RemovedFromDirectory), (found.UserId, found.Reason));
        Assert.Equal(new[] { "Sales" }, found.Groups);
        Assert.Equal(new[] { "Sales analyzers" }, found.GrantingRules);
    }

    [Fact]
    public void Blocked_users_count_only_when_asked_unused_ones_by_the_cutoff_and_excluded_and_quarantined_ones_never()
    {
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "blocked", blocked: true));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "idle"), lastUsed: site.UtcNow.AddDays(-200));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "busy"), lastUsed: site.UtcNow.AddDays(-1));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "svc_reload", removedExternally: true));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "leaving", removedExternally: true), quarantined: true);
        var criteria = new InactiveCriteria
        {
            IncludeBlocked = true,
            UnusedSinceUtc = site.UtcNow.AddDays(-90),
            IsExcluded = (directory, userId) => userId?.StartsWith("svc_", StringComparison.Ordinal) == true,
        };

        var found = Find(criteria).ToDictionary(candidate => candidate.UserId, candidate => candidate.Reason);

        Assert.Equal(new Dictionary<string, InactiveReason> { ["blocked"] = InactiveReason.Blocked, ["idle"] = InactiveReason.NotUsedSince }, found);
        Assert.Equal(new[] { "svc_reload" }, Find(new InactiveCriteria()).Select(candidate => candidate.UserId));
    }

    [Fact]
    public void An_allocation_whose_user_is_gone_is_offered_only_with_IncludeOrphaned()
    {
        var user = site.AddUser("CORP", "deleted");
        site.AddAllocation(LicenseAccessType.Analyzer, user);
        site.DeleteUser(user);

        Assert.Empty(Find(new InactiveCriteria()));
        Assert.Equal(InactiveReason.Orphaned, Assert.Single(Find(new InactiveCriteria { IncludeOrphaned = true })).Reason);
    }

    [Fact]
    public void The_questions_to_the_site_do_not_grow_with_the_users()
    {
        foreach (var index in Enumerable.Range(0, 50))
            site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "user" + index, removedExternally: index % 2 == 0));

        Assert.Equal(25, Find(new InactiveCriteria()).Count);

        // No type named: the licence overview says which the site runs (one read), then per type a rule audit and a read.
        Assert.Equal(new[] { "ReadUsers", "ReadSummaryAsync", "FindGrantingRulesAsync", "ReadAllocations", "FindGrantingRulesAsync", "ReadAllocations" }, site.Calls);
    }

    [Fact]
    public void A_failed_rule_check_is_a_problem_and_the_candidates_are_still_found()
    {
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "left", removedExternally: true));
        site.FailWhen = call => call == nameof(site.FindGrantingRulesAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "POST", "/audit", 503, "down") : null;
        var host = new RecordingHost(approve: false);

        var found = Assert.Single(Find(new InactiveCriteria(), host));

        Assert.Empty(found.GrantingRules);
        Assert.All(host.Problems, problem => Assert.Equal(ProblemKind.RuleCheckFailed, problem.Kind));
        Assert.Contains(host.Problems, problem => problem.Target is LicenseAccessType.Analyzer);
    }

    [Fact]
    public void An_allocation_last_used_exactly_at_the_cutoff_is_not_offered_and_one_used_just_before_is()
    {
        var cutoff = site.UtcNow.AddDays(-90);
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "atcutoff"), lastUsed: cutoff);
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "before"), lastUsed: cutoff.AddTicks(-1));

        var found = Find(new InactiveCriteria { UnusedSinceUtc = cutoff });

        Assert.Equal(("before", InactiveReason.NotUsedSince), (Assert.Single(found).UserId, found[0].Reason));
    }

    [Fact]
    public void A_never_used_allocation_counts_as_unused_when_it_was_created_before_the_cutoff()
    {
        var now = site.UtcNow;
        site.UtcNow = now.AddDays(-200);
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "old"));
        site.UtcNow = now.AddDays(-10);
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "new"));
        site.UtcNow = now;

        Assert.Equal(new[] { "old" }, Find(new InactiveCriteria { UnusedSinceUtc = now.AddDays(-90) }).Select(candidate => candidate.UserId));
    }

    [Fact]
    public void A_user_removed_from_the_directory_and_blocked_is_offered_as_removed()
    {
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "both", removedExternally: true, blocked: true));

        Assert.Equal(InactiveReason.RemovedFromDirectory, Assert.Single(Find(new InactiveCriteria { IncludeBlocked = true })).Reason);
    }

    [Fact]
    public void Without_the_rule_check_no_rule_is_asked_about()
    {
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "left", removedExternally: true, groups: "Sales"));
        site.AddRule("Sales analyzers", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");

        var found = Assert.Single(Find(new InactiveCriteria { CheckRules = false }));

        Assert.Empty(found.GrantingRules);
        Assert.DoesNotContain(nameof(site.FindGrantingRulesAsync), site.Calls);
    }

    [Fact]
    public void Unused_allocations_of_active_users_are_checked_against_the_rules_too()
    {
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "idle", groups: "Sales"), lastUsed: site.UtcNow.AddDays(-200));
        site.AddRule("Sales analyzers", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");

        var found = Assert.Single(Find(new InactiveCriteria { UnusedSinceUtc = site.UtcNow.AddDays(-90), Types = new[] { LicenseAccessType.Analyzer } }));

        Assert.Equal(new[] { "Sales analyzers" }, found.GrantingRules);
    }

    [Fact]
    public void The_site_is_asked_for_the_allocations_of_inactive_users_only_unless_unused_or_orphaned_ones_are_wanted()
    {
        var types = new[] { LicenseAccessType.Analyzer, LicenseAccessType.Analyzer };

        Find(new InactiveCriteria { Types = types, IncludeBlocked = true });
        Find(new InactiveCriteria { Types = types, UnusedSinceUtc = site.UtcNow.AddDays(-90) });
        Find(new InactiveCriteria { Types = types, IncludeOrphaned = true });

        Assert.Equal(3, site.AllocationFilters.Count);
        Assert.All(site.AllocationFilters, filter => Assert.False(filter.Quarantined));
        var heldBy = site.AllocationFilters[0].HeldBy;
        Assert.Equal((true, true), (heldBy.RemovedFromDirectoryOnly, heldBy.IncludeBlocked));
        Assert.Null(site.AllocationFilters[1].HeldBy);
        Assert.Null(site.AllocationFilters[2].HeldBy);
    }

    [Fact]
    public void Marks_on_a_site_without_tags_or_custom_properties_stop_the_search_before_anything_is_offered()
    {
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "left", removedExternally: true));
        var marks = new UserMarks(new[] { TextPattern.Exactly("Keep") }, Array.Empty<CustomPropertyMark>());

        var error = Assert.Throws<OperationException>(() => Find(new InactiveCriteria { Marks = marks }));

        Assert.Equal((ProblemKind.NotSupportedOnSite, "memory.example:4242"), (error.Problem.Kind, (string)error.Problem.Target));
        Assert.Empty(site.Calls);
    }

    [Fact]
    public void An_allocation_unused_here_but_used_on_a_site_sharing_the_license_is_kept_and_traced()
    {
        var cutoff = site.UtcNow.AddDays(-90);
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "travelling"), lastUsed: cutoff.AddDays(-1));
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "idle"), lastUsed: cutoff.AddDays(-1));
        site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "gone", removedExternally: true));
        var criteria = new InactiveCriteria { UnusedSinceUtc = cutoff, Types = new[] { LicenseAccessType.Analyzer } }
            .WithUsedOnSharedSite((directory, userId) => userId is "travelling" or "gone");
        var trace = new List<string>();

        var found = new InactiveLicensedUserFinder(connection, new RecordingHost(approve: false)).Find(criteria, new SiteCall(CancellationToken.None, trace.Add)).ToList();

        Assert.Equal(new[] { "gone", "idle" }, found.Select(candidate => candidate.UserId).Order());
        Assert.Equal("Analyzer access of CORP\\travelling is unused here but was used on a site with the same license: not offered.", Assert.Single(trace));
    }

    [Fact]
    public void Criteria_for_other_types_or_shared_use_are_copies_and_leave_the_shared_criteria_as_they_were()
    {
        Func<string, string, bool> sharedUse = (directory, userId) => true;
        var criteria = new InactiveCriteria { IncludeBlocked = true, UnusedSinceUtc = site.UtcNow };

        var typed = criteria.WithTypes(new[] { LicenseAccessType.Professional });
        var shared = criteria.WithUsedOnSharedSite(sharedUse);

        Assert.Null(criteria.Types);
        Assert.False(criteria.UsedOnSharedSite("CORP", "jdoe"));
        Assert.Equal(new[] { LicenseAccessType.Professional }, typed.Types);
        Assert.Same(sharedUse, shared.UsedOnSharedSite);
        Assert.Null(shared.Types);
        Assert.All(new[] { typed, shared }, copy => Assert.Equal((true, site.UtcNow), (copy.IncludeBlocked, copy.UnusedSinceUtc)));
    }
}
