using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Tests.Maintenance;

/// <summary>When each pool runs out, from a site's runs in the maintenance history.</summary>
public class PoolTrendTests
{
    private static readonly DateTime First = new(2026, 1, 15, 6, 0, 0, DateTimeKind.Utc);

    private static LicenseHistoryEntry Run(int monthsLater, int professionalTaken, int professionalTotal = 25, int analyzerTaken = 10) => new()
    {
        Format = LicenseHistoryEntry.CurrentFormat,
        Site = "qlik.corp.example:4242",
        Time = First.AddMonths(monthsLater),
        Seats = new[]
        {
            new LicenseHistorySeats { Type = LicenseAccessType.Professional, Total = professionalTotal, Allocated = professionalTaken, Quarantined = 0, Available = professionalTotal - professionalTaken },
            new LicenseHistorySeats { Type = LicenseAccessType.Analyzer, Total = 50, Allocated = analyzerTaken, Quarantined = 0, Available = 50 - analyzerTaken },
        },
    };

    private static PoolTrend Professional(params LicenseHistoryEntry[] runs) => PoolTrends.Of(runs, "site").Single(trend => trend.Pool == "Professional seats");

    [Fact]
    public void Fewer_than_three_runs_are_not_enough_history()
    {
        var trend = Professional(Run(0, 10), Run(1, 12));

        Assert.Equal(PoolTrendStatus.NotEnoughHistory, trend.Status);
        Assert.Equal(2, trend.Runs);
        Assert.Null(trend.RunsOutMonth);
        Assert.Equal("Not enough history: 2 run(s) so far, a trend needs 3.", trend.Summary);
    }

    [Fact]
    public void A_growing_pool_runs_out_in_the_month_its_line_reaches_the_seats()
    {
        // Two more seats a month from 15 of 25: the last run (March) leaves 6, so three months on, in June.
        var trend = Professional(Run(0, 15), Run(1, 17), Run(2, 19));

        Assert.Equal(PoolTrendStatus.Growing, trend.Status);
        Assert.InRange(trend.ChangePerMonth!.Value, 1.9, 2.1);
        Assert.Equal(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), trend.RunsOutMonth);
        Assert.Equal((19, 25), (trend.InUse!.Value, trend.Total!.Value));
        Assert.Contains("runs out in June 2026", trend.Summary);
    }

    [Fact]
    public void A_level_or_shrinking_pool_does_not_run_out_and_a_full_one_has_run_out()
    {
        Assert.Equal(PoolTrendStatus.NotGrowing, Professional(Run(0, 20), Run(1, 18), Run(2, 16)).Status);
        Assert.Equal(PoolTrendStatus.NotGrowing, Professional(Run(0, 20), Run(1, 20), Run(2, 20)).Status);
        var full = Professional(Run(0, 20), Run(1, 25));
        Assert.Equal(PoolTrendStatus.Full, full.Status);
        Assert.Null(full.RunsOutMonth);
    }

    [Fact]
    public void Each_pool_is_a_series_of_its_own_and_a_new_pool_plugs_in_as_one_more()
    {
        var runs = new[] { Run(0, 15), Run(1, 17), Run(2, 19) };
        var minutes = new LicensePool("Analyzer capacity minutes", "minutes", run => (run.DeniedUsers * 100, 1000));
        foreach (var (run, denied) in runs.Zip(new[] { 1, 3, 5 })) run.DeniedUsers = denied;

        var trends = PoolTrends.Of(runs, "site", LicensePools.All.Append(minutes).ToList());

        Assert.Equal(new[] { "Professional seats", "Analyzer seats", "Analyzer capacity minutes" }, trends.Select(trend => trend.Pool));
        Assert.Equal(PoolTrendStatus.NotGrowing, trends[1].Status);
        Assert.Equal(PoolTrendStatus.Growing, trends[2].Status);
    }

    [Fact]
    public void A_pool_no_run_holds_anything_of_is_left_out()
    {
        var runs = new[] { Run(0, 15, analyzerTaken: 0), Run(1, 17, analyzerTaken: 0), Run(2, 19, analyzerTaken: 0) };
        foreach (var run in runs) run.Seats[1].Total = 0;

        Assert.Equal(new[] { "Professional seats" }, PoolTrends.Of(runs, "site").Select(trend => trend.Pool));
    }
}
