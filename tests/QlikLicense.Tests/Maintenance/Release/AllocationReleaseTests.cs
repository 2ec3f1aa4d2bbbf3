using Newtonsoft.Json.Linq;
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

    private AllocationRelease Release() => new(connection, journal, () => site.UtcNow);

    private List<JObject> JournalLines() => File.ReadAllLines(Journal).Select(JObject.Parse).ToList();

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

        Assert.Equal((AllocationOutcome.Failed, "refused"), (result.Outcome, result.Message));
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

    [Fact]
    public async Task A_DELETE_the_site_answered_while_keeping_the_allocation_is_Failed_as_an_invalid_response()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        site.KeepsReleased = true;

        var (result, error) = await Release().ReleaseAsync(allocation, Call);

        Assert.Equal((AllocationOutcome.Failed, "QRS answered the DELETE, but the allocation is still there."), (result.Outcome, result.Message));
        Assert.Equal((SiteKind.QlikSense, SiteErrorKind.InvalidResponse, "DELETE", result.Message), (error.Site, error.ErrorKind, error.Method, error.Message));
    }

    [Fact]
    public async Task An_allocation_gone_after_a_retried_or_failed_DELETE_was_released_by_it()
    {
        var retried = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "retried"));
        await site.ReleaseAsync(retried, Call);
        site.ReleaseAttempts = 2;

        Assert.Equal(AllocationOutcome.Released, (await Release().ReleaseAsync(retried, Call)).Result.Outcome);

        var failed = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "failed"));
        await site.ReleaseAsync(failed, Call);
        site.ReleaseAttempts = 1;
        site.FailWhen = call => call == nameof(ISite.ReleaseAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.Timeout, "DELETE", "/allocation", null, "slow") : null;

        var (result, error) = await Release().ReleaseAsync(failed, Call);

        Assert.Equal(AllocationOutcome.Released, result.Outcome);
        Assert.Null(error);
    }

    [Fact]
    public async Task When_both_the_DELETE_and_the_read_back_fail_the_outcome_is_Unknown_and_the_error_is_the_DELETEs()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        var refusal = new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "DELETE", "/allocation", 500, "delete down");
        site.FailWhen = call => call switch
        {
            nameof(ISite.ReleaseAsync) => refusal,
            nameof(ISite.FindAllocationAsync) => new SiteException(SiteKind.QlikSense, SiteErrorKind.Timeout, "GET", "/allocation", null, "read slow"),
            _ => null,
        };

        var (result, error) = await Release().ReleaseAsync(allocation, Call);

        Assert.Equal((AllocationOutcome.Unknown, "The DELETE may or may not have happened; reading the allocation back failed: read slow"), (result.Outcome, result.Message));
        Assert.Same(refusal, error);
        Assert.Equal(new[] { null, "Unknown" }, JournalLines().Select(line => (string)line["outcome"]));
    }

    [Fact]
    public async Task An_allocation_used_this_week_goes_into_quarantine_and_the_result_says_until_when()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"), lastUsed: site.UtcNow.AddDays(-2));

        var (result, error) = await Release().ReleaseAsync(allocation, Call);

        Assert.Equal((AllocationOutcome.Quarantined, site.UtcNow.AddDays(site.QuarantineDays)), (result.Outcome, result.QuarantineEnd));
        Assert.Equal("Used in the last 7 days: in quarantine until QuarantineEnd, then released.", result.Message);
        Assert.Null(error);
        Assert.Equal(site.UtcNow.AddDays(site.QuarantineDays), (DateTime)JournalLines()[1]["quarantineEnd"]);
    }

    [Fact]
    public async Task The_intent_and_the_outcome_are_journaled_at_the_operations_time_with_what_the_release_undoes()
    {
        var allocation = site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "jdoe", name: "John Doe"));
        var undone = Guid.NewGuid();
        site.UtcNow = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc);

        var (result, _) = await Release().ReleaseAsync(allocation, Call, undone);

        var lines = JournalLines();
        Assert.Equal(2, lines.Count);
        Assert.Equal(new[] { "Release", "Result" }, lines.Select(line => (string)line["event"]));
        Assert.All(lines, line => Assert.Equal((allocation.Id, undone, site.UtcNow, "memory.example:4242"),
            ((Guid)line["allocationId"], (Guid)line["undoes"], (DateTime)line["time"], (string)line["site"])));
        Assert.Equal((AllocationOutcome.Released, Journal, site.UtcNow, allocation.Id, "John Doe"), (result.Outcome, result.JournalPath, result.Time, result.AllocationId, result.UserName));
    }

    // A caller that blocks on the release in a single-threaded context (an undo run from a pipeline thread) would
    // otherwise wait for itself: the DELETE's and the read-back's answers come later, on another thread.
    [Theory]
    [InlineData(nameof(ISite.ReleaseAsync))]
    [InlineData(nameof(ISite.FindAllocationAsync))]
    public async Task Releasing_goes_on_outside_the_callers_context_when_the_DELETE_or_the_read_back_answers(string heldCall)
    {
        var allocation = site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "jdoe"));
        var answer = site.HeldAnswers.Hold(heldCall, nameof(LicenseAccessType.Analyzer));

        var (result, _) = await CallersContext.AnswerOutsideTheCallersContext(() => Release().ReleaseAsync(allocation, Call), answer);

        Assert.Equal(AllocationOutcome.Released, result.Outcome);
    }
}
