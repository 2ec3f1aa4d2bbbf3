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
}
