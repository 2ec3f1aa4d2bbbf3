using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Tests.Maintenance;

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
}
