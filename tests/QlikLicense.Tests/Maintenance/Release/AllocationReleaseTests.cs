using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Release;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Release;

/// <summary>One release (<see cref="AllocationRelease"/>): what the read-back says happened, whatever the site answered.</summary>
public sealed class AllocationReleaseTests : InMemorySiteTest
{
    private readonly LicenseJournal journal;

    public AllocationReleaseTests() => journal = new LicenseJournal(Journal);

    public override void Dispose()
    {
        journal.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task An_allocation_someone_else_removed_first_is_AlreadyGone_and_nothing_is_failed()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "jdoe"));
        await site.ReleaseAsync(allocation, Call);

        var (result, error) = await new AllocationRelease(connection, journal).ReleaseAsync(allocation, Call);

        Assert.Equal(AllocationOutcome.AlreadyGone, result.Outcome);
        Assert.Null(error);
    }

    [Fact]
    public async Task A_refused_release_of_an_allocation_still_there_is_Failed_with_the_sites_error_and_journaled()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        var refusal = new SiteException(SiteKind.QlikSense, SiteErrorKind.AccessDenied, "DELETE", "/allocation", 403, "refused");
        site.FailWhen = call => call == nameof(ISite.ReleaseAsync) ? refusal : null;

        var (result, error) = await new AllocationRelease(connection, journal).ReleaseAsync(allocation, Call);

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Same(refusal, error);
        Assert.Single(site.Allocations);
        Assert.Equal(2, File.ReadAllLines(journal.Path).Length);
    }

    [Fact]
    public async Task A_read_back_that_fails_leaves_the_outcome_Unknown_so_an_undo_still_takes_it()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        site.FailWhen = call => call == nameof(ISite.FindAllocationAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.Timeout, "GET", "/allocation", null, "slow") : null;

        var (result, error) = await new AllocationRelease(connection, journal).ReleaseAsync(allocation, Call);

        Assert.Equal(AllocationOutcome.Unknown, result.Outcome);
        Assert.Equal(SiteErrorKind.Timeout, error.ErrorKind);
        Assert.Empty(site.Allocations);
    }
}
