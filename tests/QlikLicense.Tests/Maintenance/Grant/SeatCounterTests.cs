using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Tests.Maintenance.Grant;

public sealed class SeatCounterTests
{
    [Fact]
    public void Seats_count_down_and_unknown_counts_let_qrs_decide()
    {
        var seats = new SeatCounter(new[]
        {
            new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = true, Total = 10, Available = 1 },
            new LicenseSummary { Type = LicenseAccessType.Professional, Enabled = false },
        });

        Assert.True(seats.HasFree(LicenseAccessType.Analyzer));
        seats.Take(LicenseAccessType.Analyzer);
        Assert.False(seats.HasFree(LicenseAccessType.Analyzer));
        Assert.Contains("1 of 10 seats were free before this command, and it took 1", seats.Shortage(LicenseAccessType.Analyzer, "CORP\\jdoe", "site"));
        Assert.False(seats.HasFree(LicenseAccessType.Professional));
        Assert.Contains("does not offer Professional access", seats.Shortage(LicenseAccessType.Professional, "CORP\\jdoe", "site"));
        Assert.True(new SeatCounter(null).HasFree(LicenseAccessType.Analyzer));
    }

    [Fact]
    public void A_pass_takes_its_token_cost_and_fractions_that_add_up_to_the_free_tokens_still_fit()
    {
        var seats = new SeatCounter(new[] { new LicenseSummary { Type = LicenseAccessType.UserAccess, Enabled = true, Total = 10, Available = 3, TokenCost = 0.1 } });

        for (var pass = 0; pass < 30; pass++)
        {
            Assert.True(seats.HasFree(LicenseAccessType.UserAccess), $"pass {pass + 1}");
            seats.Take(LicenseAccessType.UserAccess);
        }

        Assert.False(seats.HasFree(LicenseAccessType.UserAccess));
        Assert.Equal(30, seats.Taken(LicenseAccessType.UserAccess));
    }

    [Fact]
    public void A_pass_without_a_token_cost_costs_one_token()
    {
        var seats = new SeatCounter(new[] { new LicenseSummary { Type = LicenseAccessType.UserAccess, Enabled = true, Total = 10, Available = 1, TokenCost = 0 } });

        Assert.True(seats.HasFree(LicenseAccessType.UserAccess));
        seats.Take(LicenseAccessType.UserAccess);
        Assert.False(seats.HasFree(LicenseAccessType.UserAccess));
    }

    [Fact]
    public void A_shortage_of_tokens_names_the_cost_the_free_tokens_and_the_passes_this_command_took()
    {
        var seats = new SeatCounter(new[] { new LicenseSummary { Type = LicenseAccessType.UserAccess, Enabled = true, Total = 10, Available = 1, TokenCost = 0.5 } });
        seats.Take(LicenseAccessType.UserAccess);
        seats.Take(LicenseAccessType.UserAccess);

        Assert.False(seats.HasFree(LicenseAccessType.UserAccess));
        Assert.Equal("Not enough tokens for a UserAccess pass for CORP\\jdoe on site: a pass costs 0.5 token(s), and 1 of the license's 10 tokens were free before this command, " +
            "and it took 2 pass(es) for the users before. Release passes (Remove-QlikLicenseAllocation -Type UserAccess; a pass used in the last 7 days frees its tokens only when its quarantine ends) or add tokens to the license.",
            seats.Shortage(LicenseAccessType.UserAccess, "CORP\\jdoe", "site"));
    }

    [Fact]
    public void A_shortage_before_any_seat_was_taken_says_only_what_was_free_and_an_unknown_total_is_a_question_mark()
    {
        var seats = new SeatCounter(new[] { new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = true, Total = null, Available = 0 } });

        Assert.False(seats.HasFree(LicenseAccessType.Analyzer));
        Assert.Equal("No Analyzer access seat is free for CORP\\jdoe on site: 0 of ? seats were free before this command. Release allocations (Remove-QlikLicenseAllocation) or add seats to the license.",
            seats.Shortage(LicenseAccessType.Analyzer, "CORP\\jdoe", "site"));
        Assert.True(seats.HasFree(LicenseAccessType.Professional));
        Assert.Equal(0, seats.Taken(LicenseAccessType.Professional));
    }
}
