using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>What each pool of the history takes from one run's figures (<see cref="LicensePools"/>), and the trend's edges (<see cref="PoolTrends"/>).</summary>
public sealed class LicensePoolTests
{
    private static readonly DateTime First = new(2026, 1, 15, 6, 0, 0, DateTimeKind.Utc);

    private static LicenseHistoryEntry Run(DateTime time, params LicenseHistorySeats[] seats) => new() { Format = 1, Site = "site", Time = time, Seats = seats };

    /// <summary>"taken of total" as the pool reads one run, "?" for an unknown total; "not read" when the run has no figures for it.</summary>
    private static string Read(string pool, params LicenseHistorySeats[] seats) =>
        LicensePools.All.Single(candidate => candidate.Name == pool).Read(Run(First, seats)) is { } figures
            ? $"{figures.InUse} of {figures.Total?.ToString() ?? "?"}"
            : "not read";

    [Fact]
    public void Seats_taken_are_those_not_available_else_those_held_and_quarantined()
    {
        Assert.Equal("15 of 25", Read("Professional seats", new LicenseHistorySeats { Type = LicenseAccessType.Professional, Total = 25, Available = 10, Allocated = 3 }));
        Assert.Equal("0 of 25", Read("Professional seats", new LicenseHistorySeats { Type = LicenseAccessType.Professional, Total = 25, Available = 30 }));
        Assert.Equal("7 of 25", Read("Analyzer seats", new LicenseHistorySeats { Type = LicenseAccessType.Analyzer, Total = 25, Allocated = 5, Quarantined = 2 }));
        Assert.Equal("5 of ?", Read("Analyzer seats", new LicenseHistorySeats { Type = LicenseAccessType.Analyzer, Allocated = 5, Available = 4 }));
        Assert.Equal("not read", Read("Analyzer seats", new LicenseHistorySeats { Type = LicenseAccessType.Analyzer, Total = 25 }));
        Assert.Equal("not read", Read("Analyzer seats", new LicenseHistorySeats { Type = LicenseAccessType.Professional, Total = 25, Available = 1 }));
        Assert.Equal(("seats", "seats"), (LicensePools.All[0].Unit, LicensePools.All[1].Unit));
    }

    [Fact]
    public void Tokens_are_read_from_the_user_access_row_else_the_login_access_row_and_minutes_from_capacity()
    {
        Assert.Equal("50 of 60", Read("Tokens", new LicenseHistorySeats { Type = LicenseAccessType.LoginAccess, Total = 60, Available = 20 },
            new LicenseHistorySeats { Type = LicenseAccessType.UserAccess, Total = 60, Available = 10 }));
        Assert.Equal("52 of 60", Read("Tokens", new LicenseHistorySeats { Type = LicenseAccessType.LoginAccess, Total = 60, Available = 8 }));
        Assert.Equal("0 of 60", Read("Tokens", new LicenseHistorySeats { Type = LicenseAccessType.LoginAccess, Total = 60, Available = 70 }));
        Assert.Equal("not read", Read("Tokens", new LicenseHistorySeats { Type = LicenseAccessType.UserAccess, Total = 60 }));
        Assert.Equal("not read", Read("Tokens", new LicenseHistorySeats { Type = LicenseAccessType.UserAccess, Available = 60 }));
        Assert.Equal("1234 of 5000", Read("Analyzer capacity minutes", new LicenseHistorySeats { Type = LicenseAccessType.AnalyzerCapacity, Total = 5000, Used = 1234 }));
        Assert.Equal("not read", Read("Analyzer capacity minutes", new LicenseHistorySeats { Type = LicenseAccessType.AnalyzerCapacity, Total = 5000 }));
        Assert.Equal(("tokens", "minutes"), (LicensePools.All[2].Unit, LicensePools.All[3].Unit));
    }

    private static PoolTrend Trend(params (DateTime Time, int InUse, int? Total)[] points)
    {
        var pool = new LicensePool("Pool", "things", run => run.DeniedUsers < 0 ? null : (run.DeniedUsers, run.Problems < 0 ? null : run.Problems));
        var runs = points.Select(point => new LicenseHistoryEntry { Site = "site", Time = point.Time, DeniedUsers = point.InUse, Problems = point.Total ?? -1 }).ToList();
        return PoolTrends.Of(runs, "site", new[] { pool }).SingleOrDefault();
    }

    [Fact]
    public void A_pool_at_its_size_has_run_out_and_runs_are_taken_in_time_order_whatever_order_they_come_in()
    {
        var full = Trend((First, 10, 20), (First.AddMonths(2), 20, 20), (First.AddMonths(1), 15, 20));
        var wasFull = Trend((First.AddMonths(2), 10, 20), (First, 20, 20), (First.AddMonths(1), 15, 20));

        Assert.Equal((PoolTrendStatus.Full, 20, "Run out now: 20 of 20 things taken."), (full.Status, full.InUse!.Value, full.Summary));
        Assert.Equal((PoolTrendStatus.NotGrowing, 10, 3), (wasFull.Status, wasFull.InUse!.Value, wasFull.Runs));
        Assert.Equal("site", full.Site);
    }

    [Fact]
    public void Growth_that_rounds_to_nothing_a_month_is_not_growing_and_runs_at_one_time_have_no_slope()
    {
        var slow = Trend((First, 10, 100), (First.AddYears(5), 11, 100), (First.AddYears(10), 12, 100));
        var sameTime = Trend((First, 10, 100), (First, 12, 100), (First, 14, 100));

        Assert.Equal((PoolTrendStatus.NotGrowing, 0.0), (slow.Status, slow.ChangePerMonth!.Value));
        Assert.Equal((PoolTrendStatus.NotGrowing, 0.0), (sameTime.Status, sameTime.ChangePerMonth!.Value));
        Assert.Equal("Not growing (0 things a month).", sameTime.Summary);
        Assert.Null(slow.RunsOutMonth);
    }

    [Fact]
    public void A_growing_pool_of_unknown_size_has_no_month_and_one_far_from_its_size_runs_out_within_a_hundred_years()
    {
        var unknown = Trend((First, 10, null), (First.AddMonths(1), 12, null), (First.AddMonths(2), 14, null));
        // A tenth of a seat a month with 100,000 left: a hundred years at most.
        var far = Trend((First, 0, 100_000), (First.AddMonths(10), 1, 100_000), (First.AddMonths(20), 2, 100_000));

        Assert.Equal((PoolTrendStatus.Growing, (DateTime?)null), (unknown.Status, unknown.RunsOutMonth));
        Assert.StartsWith("Growing by +", unknown.Summary);
        Assert.EndsWith(" things a month; the pool's size is unknown.", unknown.Summary);
        var last = First.AddMonths(20).AddDays(36500);
        Assert.Equal(new DateTime(last.Year, last.Month, 1, 0, 0, 0, DateTimeKind.Utc), far.RunsOutMonth);
        Assert.Equal(PoolTrendStatus.Growing, far.Status);
    }

    [Fact]
    public void Runs_without_the_pool_s_figures_are_not_points_and_a_pool_with_none_is_left_out()
    {
        var some = Trend((First, -1, null), (First.AddMonths(1), 5, 10), (First.AddMonths(2), -1, null));

        Assert.Equal((1, PoolTrendStatus.NotEnoughHistory), (some.Runs, some.Status));
        Assert.Null(Trend((First, -1, null)));
        Assert.Null(Trend((First, 0, null), (First.AddMonths(1), 0, 0)));
        Assert.NotNull(Trend((First, 0, 5)));
        Assert.NotNull(Trend((First, 1, null)));
        // Only a pool empty in every run is left out: one that was empty once and is used since is charted.
        var usedSince = Trend((First, 0, null), (First.AddMonths(1), 3, 10));
        Assert.Equal((2, 3), (usedSince.Runs, usedSince.InUse!.Value));
    }
}
