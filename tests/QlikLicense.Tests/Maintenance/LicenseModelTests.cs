using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>Every licence model from the overview, token seats, capacity minutes and login access groups, without a site.</summary>
public sealed class LicenseModelTests
{
    /// <summary>The shape of Qlik's AccessTypeOverview (Nov 2022 description): a token licence with login access, no seats.</summary>
    private static readonly JObject TokenOverview = JObject.Parse("""
        {"schemaPath":"AccessTypeOverview","totalTokens":60,"availableTokens":7,"tokensEnabled":true,
         "userAccess":{"enabled":true,"tokenCost":1.0,"allocatedTokens":41,"usedTokens":30,"quarantinedTokens":2},
         "loginAccess":{"enabled":true,"tokenCost":0.1,"allocatedTokens":10,"usedTokens":4,"unavailableTokens":3},
         "professionalAccess":{"enabled":false,"total":0,"allocated":0,"used":0,"quarantined":0,"excess":0,"available":0},
         "analyzerAccess":{"enabled":false,"total":0,"allocated":0,"used":0,"quarantined":0,"excess":0,"available":0},
         "analyzerTimeAccess":{"enabled":true,"allocatedMinutes":5000,"usedMinutes":1234,"unavailableMinutes":100}}
        """);

    [Fact]
    public void Token_rows_share_the_licence_tokens_and_say_what_a_pass_costs()
    {
        var user = QrsEntities.Summary(TokenOverview, LicenseAccessType.UserAccess, "site");
        var login = QrsEntities.Summary(TokenOverview, LicenseAccessType.LoginAccess, "site");

        Assert.Equal((true, 60, 41, 30, 2, 7, 1.0), (user.Enabled, user.Total, user.Allocated, user.Used, user.Quarantined, user.Available, user.TokenCost));
        Assert.Equal((true, 60, 10, 4, 3, 7, 0.1), (login.Enabled, login.Total, login.Allocated, login.Used, login.Unavailable, login.Available, login.TokenCost));
        Assert.Equal((LicenseModel.Token, LicenseUnit.Tokens, LicenseHandling.ReleaseAndAllocate), (user.Model, user.Unit, user.Handling));
        Assert.Equal(LicenseHandling.ReportUse, login.Handling);
    }

    [Fact]
    public void Capacity_is_a_row_of_minutes_left_this_month()
    {
        var capacity = QrsEntities.Summary(TokenOverview, LicenseAccessType.AnalyzerCapacity, "site");

        Assert.Equal((true, 5000, 1234, 100, 3666), (capacity.Enabled, capacity.Total, capacity.Used, capacity.Unavailable, capacity.Available));
        Assert.Equal((LicenseModel.AnalyzerCapacity, LicenseUnit.Minutes), (capacity.Model, capacity.Unit));
        Assert.Equal("AnalyzerCapacity: 3666 of 5000 minutes available", capacity.ToString());
    }

    [Fact]
    public void An_overview_without_token_blocks_falls_back_to_tokensEnabled_and_the_documented_costs()
    {
        var overview = JObject.Parse("""{"totalTokens":5,"availableTokens":5,"tokensEnabled":true}""");

        var user = QrsEntities.Summary(overview, LicenseAccessType.UserAccess, "site");
        var login = QrsEntities.Summary(overview, LicenseAccessType.LoginAccess, "site");
        var capacity = QrsEntities.Summary(overview, LicenseAccessType.AnalyzerCapacity, "site");

        Assert.Equal((true, 1.0, (int?)null), (user.Enabled, user.TokenCost, user.Allocated));
        Assert.Equal(0.1, login.TokenCost);
        Assert.Null(capacity.Enabled);
        Assert.Null(capacity.Available);
    }

    [Fact]
    public void A_site_runs_the_per_user_types_its_overview_enables()
    {
        var rows = LicenseAccessTypes.All.Select(type => QrsEntities.Summary(TokenOverview, type, "site")).ToList();

        Assert.Equal(new[] { LicenseAccessType.UserAccess }, LicenseAccessTypes.PerUserRunBy(rows));
        Assert.Equal(LicenseAccessType.UserAccess, LicenseAccessTypes.DefaultPerUser(rows));
        Assert.Equal(LicenseAccessTypes.PerUser, LicenseAccessTypes.PerUserRunBy(null));
        Assert.Equal(new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer, LicenseAccessType.UserAccess }, LicenseAccessTypes.PerUser);
    }

    [Theory]
    [InlineData(1.0, 3, 3)]
    [InlineData(2.0, 5, 2)]
    [InlineData(0.1, 1, 10)]
    public void A_pass_takes_its_token_cost_from_the_free_tokens(double cost, int available, int fits)
    {
        var seats = new SeatCounter(new[] { new LicenseSummary { Type = LicenseAccessType.UserAccess, Enabled = true, Total = 60, Available = available, TokenCost = cost } });

        var taken = 0;
        while (seats.HasFree(LicenseAccessType.UserAccess))
        {
            seats.Take(LicenseAccessType.UserAccess);
            taken++;
        }

        Assert.Equal(fits, taken);
        Assert.Contains($"{available} of the license's 60 tokens were free", seats.Shortage(LicenseAccessType.UserAccess, "CORP\\jdoe", "site"));
    }

    [Theory]
    [InlineData(26, 30)]
    [InlineData(0, 6)]
    [InlineData(6, 6)]
    [InlineData(6.5, 12)]
    public void Capacity_is_spent_in_started_six_minute_units(double activeMinutes, int spent)
    {
        var start = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

        var use = new AnalyzerCapacityUse { Start = start, Stop = start.AddMinutes(activeMinutes) };

        Assert.Equal(spent, use.Minutes);
    }

    [Fact]
    public void A_period_still_running_counts_to_its_latest_activity()
    {
        var start = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(18, new AnalyzerCapacityUse { Start = start, LatestActivity = start.AddMinutes(13) }.Minutes);
    }

    [Fact]
    public void Spenders_are_ranked_by_minutes_with_their_share_and_seat_verdict()
    {
        var start = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        var jdoe = Guid.NewGuid();
        AnalyzerCapacityUse Use(Guid? key, string userId, double minutes, int day) =>
            new() { UserKey = key, UserDirectory = "CORP", UserId = userId, Start = start.AddDays(day), Stop = start.AddDays(day).AddMinutes(minutes) };

        var ranked = AnalyzerCapacitySpenders.Rank(new[] { Use(null, "asmith", 10, 0), Use(jdoe, "jdoe", 60, 1), Use(jdoe, "jdoe", 1, 2), Use(null, "ASMITH", 5, 3) },
            start, analyzerSeatMinutes: 50, connection: null);

        Assert.Equal(new[] { "CORP\\jdoe", "CORP\\asmith" }, ranked.Select(person => person.UserIdentity));
        Assert.Equal((66, 2, 78.6, true), (ranked[0].Minutes, ranked[0].Uses, ranked[0].Share, ranked[0].CostsMoreThanSeat));
        Assert.Equal((18, 2, false), (ranked[1].Minutes, ranked[1].Uses, ranked[1].CostsMoreThanSeat));
        Assert.Equal(start.AddDays(3).AddMinutes(5), ranked[1].LastUsed);
        Assert.Null(AnalyzerCapacitySpenders.Rank(new[] { Use(null, "x", 1, 0) }, start, null, null)[0].CostsMoreThanSeat);
    }

    [Theory]
    [InlineData(10, 0, 0, "a", LoginAccessState.RunDry)]
    [InlineData(10, 4, 1, "", LoginAccessState.NoRule)]
    [InlineData(10, 10, 0, "a", LoginAccessState.Unused)]
    [InlineData(10, 6, 2, "a", LoginAccessState.InUse)]
    public void A_login_access_group_is_run_dry_without_a_rule_unused_or_in_use(int passes, int remaining, int people, string rules, LoginAccessState state)
    {
        var group = new LoginAccessGroup
        {
            Passes = passes,
            UsedPasses = passes - remaining,
            RemainingPasses = remaining,
            People = people,
            EnabledRules = rules.Length == 0 ? TextList.Empty : new[] { rules },
        };

        Assert.Equal(state, group.State);
    }
}

/// <summary>The analyzer capacity decision, made from findings alone.</summary>
public sealed class CapacityDecisionTests
{
    private static AnalyzerCapacityUser Spender(string userId, int minutes) => new()
    {
        UserDirectory = "CORP", UserId = userId, UserKey = Guid.NewGuid(), Minutes = minutes, Share = 50, Since = new DateTime(2026, 11, 7, 0, 0, 0, DateTimeKind.Utc),
    };

    private static LicenseDecisions Decide(int? seatMinutes, bool analyzerSeats, params AnalyzerCapacityUser[] spenders) =>
        LicenseDecisions.Make(new LicenseDecisionFacts
        {
            Site = "site",
            CapacityUsers = spenders,
            Seats = new[] { new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = analyzerSeats, Total = 10, Available = analyzerSeats ? 5 : 0 } },
        }, new LicenseDecisionOptions { AnalyzerSeatMinutes = seatMinutes });

    [Fact]
    public void A_person_whose_minutes_cost_more_than_a_seat_gets_the_command_to_allocate_one()
    {
        var suggestion = Assert.Single(Decide(600, true, Spender("heavy", 960), Spender("light", 600)).Suggestions);

        Assert.Equal(SuggestionKind.SeatForCapacity, suggestion.Kind);
        Assert.Equal(LicenseAccessType.Analyzer, suggestion.Type);
        Assert.Equal(new[] { "CORP\\heavy" }, suggestion.Users);
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'heavy'", suggestion.Command);
        Assert.Contains("960 analyzer capacity minutes", suggestion.Reason);
        Assert.DoesNotContain("offers no Analyzer seats", suggestion.Reason);
    }

    [Fact]
    public void Without_a_seat_price_nothing_is_decided_and_without_seats_the_reason_says_so()
    {
        Assert.Empty(Decide(null, true, Spender("heavy", 960)).Suggestions);
        Assert.Contains("offers no Analyzer seats yet", Decide(600, false, Spender("heavy", 960)).Suggestions.Single(s => s.Kind == SuggestionKind.SeatForCapacity).Reason);
    }

    [Fact]
    public void More_capacity_spenders_than_free_seats_ask_to_free_seats()
    {
        var suggestions = LicenseDecisions.Make(new LicenseDecisionFacts
        {
            Site = "site",
            CapacityUsers = new[] { Spender("a", 900), Spender("b", 800) },
            Seats = new[] { new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = true, Total = 10, Available = 1 } },
        }, new LicenseDecisionOptions { AnalyzerSeatMinutes = 600 }).Suggestions;

        Assert.Equal(new[] { SuggestionKind.SeatForCapacity, SuggestionKind.SeatForCapacity, SuggestionKind.FreeSeats }, suggestions.Select(s => s.Kind));
    }
}

/// <summary>Tokens and capacity minutes as pools of the history, with their own trend.</summary>
public sealed class LicenseModelPoolTests
{
    private static readonly DateTime First = new(2026, 1, 15, 6, 0, 0, DateTimeKind.Utc);

    private static LicenseHistoryEntry Run(int monthsLater, int tokensFree, int minutesUsed) => new()
    {
        Format = LicenseHistoryEntry.CurrentFormat,
        Site = "qlik.corp.example:4242",
        Time = First.AddMonths(monthsLater),
        Seats = new[]
        {
            new LicenseHistorySeats { Type = LicenseAccessType.UserAccess, Total = 60, Allocated = 40, Available = tokensFree },
            new LicenseHistorySeats { Type = LicenseAccessType.LoginAccess, Total = 60, Allocated = 10, Available = tokensFree },
            new LicenseHistorySeats { Type = LicenseAccessType.AnalyzerCapacity, Total = 5000, Used = minutesUsed, Available = 5000 - minutesUsed },
        },
    };

    [Fact]
    public void A_token_site_s_tokens_and_capacity_minutes_are_pools_that_run_out_at_their_rate()
    {
        var trends = PoolTrends.Of(new[] { Run(0, 10, 1000), Run(1, 8, 2000), Run(2, 6, 3000) }, "site");

        Assert.Equal(new[] { "Tokens", "Analyzer capacity minutes" }, trends.Select(trend => trend.Pool));
        Assert.Equal((54, 60, PoolTrendStatus.Growing), (trends[0].InUse, trends[0].Total, trends[0].Status));
        // 2 tokens a month, 6 left after the third run (mid-March): gone in mid-June.
        Assert.Equal(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), trends[0].RunsOutMonth);
        Assert.Equal(("minutes", 3000, 5000), (trends[1].Unit, trends[1].InUse, trends[1].Total));
        Assert.Equal(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), trends[1].RunsOutMonth);
    }
}
