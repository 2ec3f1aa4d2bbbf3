using QlikLicense.Maintenance.Decisions;
using QlikLicense.Model;
using QlikLicense.Tests.Cloud;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Decisions;

/// <summary>What <see cref="LicenseDecisionFinder"/> asks a site for its decisions: only what the findings need, once.</summary>
public sealed class LicenseDecisionFinderTests : InMemorySiteTest
{
    private LicenseDenial Denied(QlikUser user, LicenseDenialCause cause = LicenseDenialCause.NoAccessType, params LicenseAccessType[] held) => new()
    {
        UserDirectory = user.UserDirectory, UserId = user.UserId, UserKey = user.Id, Groups = user.Groups, Cause = cause, AllocatedAccessTypes = held, Count = 1,
    };

    private IReadOnlyList<string> Asked(Action find)
    {
        var before = site.Calls.Count;
        find();
        return site.Calls.Skip(before).ToList();
    }

    [Fact]
    public void The_rules_are_audited_once_per_type_the_licence_runs_for_the_people_without_a_license_and_the_seats_read_when_not_given()
    {
        var sales = site.AddUser("CORP", "sales1", groups: "Sales");
        var holder = site.AddUser("CORP", "holder", groups: "Sales");
        site.AddAllocation(LicenseAccessType.Analyzer, holder);
        site.AddRule("Sales analyzers", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))");
        site.AddRule("Other", LicenseAccessType.Professional, "((user.group=\"Other\"))");
        site.Seats.Remove(LicenseAccessType.Professional);
        LicenseDecisions decisions = null;

        var asked = Asked(() => decisions = LicenseDecisionFinder.Find(connection, new[] { Denied(sales), Denied(holder, held: LicenseAccessType.Analyzer) },
            Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), Call));

        // The summary names Analyzer only: the licence runs no other per-user type to audit.
        Assert.Equal(new[] { nameof(ISite.ReadSummaryAsync), "ListRules", "FindGrantingRulesAsync" }, asked);
        var audience = Assert.Single(site.GrantingRuleAudiences);
        Assert.Equal(LicenseAccessType.Analyzer, audience.Type);
        Assert.Equal(new[] { sales.Id }, audience.Users.Keys);
        var group = Assert.Single(decisions.Groups);
        Assert.StartsWith("The rule 'Sales analyzers' grants the group now and seats are left", group.Finding);
        Assert.Equal((2, 1), (group.Denied, group.Licensed));
        Assert.DoesNotContain(decisions.Suggestions, suggestion => suggestion.Kind == SuggestionKind.Allocate);
    }

    [Fact]
    public void Nobody_without_a_license_means_no_audit_and_given_seats_are_not_read_again()
    {
        var holder = site.AddUser("CORP", "holder", groups: "Sales");
        site.AddAllocation(LicenseAccessType.Analyzer, holder);

        var asked = Asked(() => LicenseDecisionFinder.Find(connection, new[] { Denied(holder, held: LicenseAccessType.Analyzer) }, Array.Empty<InactiveLicensedUser>(),
            new LicenseDecisionOptions(), Call, seats: Array.Empty<LicenseSummary>()));

        Assert.Equal(new[] { "ListRules" }, asked);
    }

    [Fact]
    public void The_license_is_read_only_for_people_refused_while_it_was_not_usable_and_the_excess_only_for_people_refused_for_it()
    {
        var late = site.AddUser("CORP", "late");
        var over = site.AddUser("CORP", "over");
        site.AddAllocation(LicenseAccessType.Analyzer, over);
        site.License = new SiteLicense("1", null) { IsExpired = true, ExpiredReason = "ran out" };
        var seats = new[] { new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = true, Total = 0, Available = 0, Excess = 1 } };
        LicenseDecisions decisions = null;

        var asked = Asked(() => decisions = LicenseDecisionFinder.Find(connection,
            new[] { Denied(late, LicenseDenialCause.LicenseNotAvailable), Denied(over, LicenseDenialCause.ExcessAssignment, LicenseAccessType.Analyzer) },
            Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), Call, seats));
        var none = Asked(() => LicenseDecisionFinder.Find(connection, new[] { Denied(late) }, Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), Call, seats));

        Assert.Contains(nameof(ISiteLicenseReader.ReadLicenseAsync), asked);
        Assert.Contains(nameof(ISite.ReadAllocations), asked);
        Assert.DoesNotContain(nameof(ISiteLicenseReader.ReadLicenseAsync), none);
        Assert.DoesNotContain(nameof(ISite.ReadAllocations), none);
        var renew = decisions.Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.RenewLicense);
        Assert.Contains("(QRS says it has expired: ran out)", renew.Reason);
        var release = decisions.Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.ReleaseExcess);
        Assert.Equal($"Remove-QlikLicenseAllocation -Type Analyzer -Id {site.Allocations.Single().Id:D}", release.Command);
    }

    [Fact]
    public void People_refused_for_an_excess_have_only_the_excess_found_without_reading_the_license()
    {
        var over = site.AddUser("CORP", "over");
        site.AddAllocation(LicenseAccessType.Analyzer, over);
        var seats = new[] { new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = true, Total = 0, Available = 0, Excess = 1 } };

        var asked = Asked(() => LicenseDecisionFinder.Find(connection, new[] { Denied(over, LicenseDenialCause.ExcessAssignment, LicenseAccessType.Analyzer) },
            Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), Call, seats));

        Assert.Equal(new[] { nameof(ISite.ReadUsers), nameof(ISite.ReadAllocations), nameof(ISite.ReadAllocations), "ListRules" }, asked);
    }

    [Fact]
    public void A_license_findings_and_capacity_users_given_are_used_as_given()
    {
        var late = site.AddUser("CORP", "late");
        var license = new SiteLicense("1", null) { IsInvalid = true };
        var spender = new AnalyzerCapacityUser { UserDirectory = "CORP", UserId = "late", UserKey = late.Id, Minutes = 900, Since = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };
        LicenseDecisions decisions = null;

        var asked = Asked(() => decisions = LicenseDecisionFinder.Find(connection, new[] { Denied(late, LicenseDenialCause.LicenseNotAvailable), Denied(late, LicenseDenialCause.ExcessAssignment) },
            Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions { AnalyzerSeatMinutes = 600 }, Call, Array.Empty<LicenseSummary>(), license,
            Array.Empty<LicenseFinding>(), new[] { spender }));

        // Without seats, every per-user type is audited.
        Assert.Equal(new[] { "ListRules", "FindGrantingRulesAsync", "FindGrantingRulesAsync", "FindGrantingRulesAsync" }, asked);
        Assert.Contains("(QRS says it is invalid or deny-listed)", decisions.Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.RenewLicense).Reason);
        Assert.Equal(new[] { @"CORP\late" }, decisions.Suggestions.Single(suggestion => suggestion.Kind == SuggestionKind.SeatForCapacity).Users);
    }
}

/// <summary>When <see cref="LicenseDecisionFinder"/> reads who spent analyzer capacity: only for a seat's price in minutes on a site whose licence runs capacity.</summary>
public sealed class LicenseDecisionFinderCapacityTests : IDisposable
{
    private static readonly SiteCall Call = new(CancellationToken.None);
    private readonly InMemoryPoolSite site = new();
    private readonly QlikConnection connection;

    public LicenseDecisionFinderCapacityTests() => connection = site.Connect();

    public void Dispose() => site.Dispose();

    private static LicenseSummary Row(LicenseAccessType type, bool? enabled) => new() { Type = type, Enabled = enabled, Total = 10, Available = 10 };

    [Fact]
    public void With_a_seat_s_price_and_capacity_enabled_a_month_of_use_is_read_and_a_heavy_spender_gets_a_seat()
    {
        var heavy = site.AddUser("CORP", "heavy");
        var start = DateTime.UtcNow.AddDays(-2);
        site.CapacityUses.Add(new AnalyzerCapacityUse { UserKey = heavy.Id, UserDirectory = "CORP", UserId = "heavy", Start = start, Stop = start.AddMinutes(700) });
        var before = DateTime.UtcNow;

        var decisions = LicenseDecisionFinder.Find(connection, Array.Empty<LicenseDenial>(), Array.Empty<InactiveLicensedUser>(),
            new LicenseDecisionOptions { AnalyzerSeatMinutes = 600 }, Call, new[] { Row(LicenseAccessType.Analyzer, true), Row(LicenseAccessType.AnalyzerCapacity, true) });

        var after = DateTime.UtcNow;
        var since = Assert.Single(site.CapacityAskedSince);
        Assert.InRange(since, before - AnalyzerCapacitySpenders.DefaultWindow, after - AnalyzerCapacitySpenders.DefaultWindow);
        var seat = Assert.Single(decisions.Suggestions);
        Assert.Equal((SuggestionKind.SeatForCapacity, @"CORP\heavy"), (seat.Kind, Assert.Single(seat.Users)));
    }

    [Theory]
    [InlineData(null, LicenseAccessType.AnalyzerCapacity, true)]
    [InlineData(600, LicenseAccessType.AnalyzerCapacity, false)]
    [InlineData(600, LicenseAccessType.AnalyzerCapacity, null)]
    [InlineData(600, LicenseAccessType.Analyzer, true)]
    public void Without_a_seat_s_price_or_a_licence_running_capacity_no_use_is_read(int? seatMinutes, LicenseAccessType type, bool? enabled)
    {
        var decisions = LicenseDecisionFinder.Find(connection, Array.Empty<LicenseDenial>(), Array.Empty<InactiveLicensedUser>(),
            new LicenseDecisionOptions { AnalyzerSeatMinutes = seatMinutes }, Call, new[] { Row(type, enabled) });

        Assert.Empty(site.CapacityAskedSince);
        Assert.Equal(new[] { "ListRules" }, site.Calls);
        Assert.Empty(decisions.Suggestions);
    }
}

/// <summary>The decisions on a Qlik Cloud tenant, which has no license rules: its automatic assignment is read instead, only when someone was denied.</summary>
public sealed class TenantDecisionTests
{
    private static LicenseDenial Denied(string subject) => new()
    {
        UserId = subject, UserKey = Guid.NewGuid(), Groups = new[] { "Sales" }, Cause = LicenseDenialCause.NoAccessType, Count = 1,
    };

    private static readonly LicenseSummary[] Seats = { new() { Type = LicenseAccessType.Professional, Enabled = true, Total = 10, Available = 5 } };

    [Fact]
    public void The_automatic_assignment_is_read_for_denied_members_and_said_in_their_group()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/settings", """{"autoAssignProfessional":true,"autoAssignAnalyzer":false}""");
        using var site = CloudTenantLists.Site(tenant);

        var decisions = LicenseDecisionFinder.Find(site.Connection, new[] { Denied("auth0|a"), Denied("auth0|b"), Denied("auth0|c") }, Array.Empty<InactiveLicensedUser>(),
            new LicenseDecisionOptions(), tenant.Call, Seats);

        var sales = Assert.Single(decisions.Groups);
        Assert.Contains("automatic assignment, which is on for Professional:", sales.Finding);
        var allocate = Assert.Single(decisions.Suggestions);
        Assert.Equal((SuggestionKind.Allocate, LicenseAccessType.Professional, 3), (allocate.Kind, allocate.Type, allocate.Users.Count));
        Assert.Equal(1, tenant.Gets("/api/v1/licenses/settings"));
    }

    [Fact]
    public void Settings_the_tenant_does_not_answer_are_said_unknown_and_without_denials_they_are_not_asked_for()
    {
        var tenant = new StubTenant();
        using var site = CloudTenantLists.Site(tenant);

        var unknown = LicenseDecisionFinder.Find(site.Connection, new[] { Denied("auth0|a") }, Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), tenant.Call, Seats);
        var asked = tenant.Gets("/api/v1/licenses/settings");
        var none = LicenseDecisionFinder.Find(site.Connection, Array.Empty<LicenseDenial>(), Array.Empty<InactiveLicensedUser>(), new LicenseDecisionOptions(), tenant.Call, Seats);

        Assert.Contains("unknown here (the tenant did not answer its settings)", Assert.Single(unknown.Groups).Finding);
        Assert.Equal(1, asked);
        Assert.Equal(1, tenant.Gets("/api/v1/licenses/settings"));
        Assert.Empty(none.Groups);
    }
}
