using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

public sealed class AllocationGrantBatchTests
{
    [Fact]
    public void Users_are_looked_up_fifty_at_a_time()
    {
        var keys = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid()).ToList();

        var batches = AllocationGrant.Batches(keys, batch => AllocationGrant.UserKeyFilter("user.id", batch)).ToList();

        Assert.Equal(new[] { 50, 50, 20 }, batches.Select(batch => batch.ToString().Split(" or ").Length));
        Assert.All(batches, batch => Assert.True(batch.ToQueryValue().Length <= AllocationGrant.MaxFilterLength));
        Assert.Equal(keys.Select(key => key.ToString("D")), batches.SelectMany(batch => System.Text.RegularExpressions.Regex.Matches(batch.ToString(), "[0-9a-f-]{36}")).Select(match => match.Value));
    }

    [Fact]
    public void Identities_are_grouped_by_directory_within_a_batch()
    {
        var filter = AllocationGrant.IdentityFilter(new[] { ("CORP", "jdoe"), ("CORP EU", "d'angelo"), ("corp", "o'brien") });

        Assert.Equal("((userDirectory eq 'CORP') and ((userId eq 'jdoe') or (userId eq 'o\\'brien'))) or ((userDirectory eq 'CORP EU') and (userId eq 'd\\'angelo'))", filter.ToString());
    }

    [Fact]
    public void Long_user_ids_make_smaller_batches_so_no_request_line_grows_too_long()
    {
        var identities = Enumerable.Range(0, 120).Select(index => ("CORP EU", $"zoë.müller.from.the.department.of.long.names.{index:000}")).ToList();

        var batches = AllocationGrant.Batches(identities, AllocationGrant.IdentityFilter).ToList();

        Assert.InRange(System.Text.RegularExpressions.Regex.Matches(batches[0].ToString(), "userId eq").Count, 2, AllocationGrant.MaxBatchSize - 1);
        Assert.All(batches, batch => Assert.True(batch.ToQueryValue().Length <= AllocationGrant.MaxFilterLength, $"{batch.ToQueryValue().Length} characters"));
        Assert.Equal(120, batches.Sum(batch => System.Text.RegularExpressions.Regex.Matches(batch.ToString(), "userId eq").Count));
    }

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
