using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>
/// One allocation (<see cref="AllocationGrant.AllocateAsync"/>): when the site's answer does not say what happened,
/// what the read-back of the user's allocations says, and what the journal keeps of it.
/// </summary>
public sealed class AllocationGrantReadBackTests : InMemorySiteTest
{
    private readonly LicenseJournal journal;
    private readonly AllocationGrant grant;

    public AllocationGrantReadBackTests()
    {
        journal = new LicenseJournal(Journal);
        grant = new AllocationGrant(connection, () => site.UtcNow);
    }

    public override void Dispose()
    {
        journal.Dispose();
        base.Dispose();
    }

    private GrantStep Planned(QlikUser user) => Assert.Single(grant.Plan(new[] { GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user) }, Call).Steps);

    private static SiteException Failure(SiteErrorKind kind) => new(SiteKind.QlikSense, kind, "POST", "/qrs/license/analyzeraccesstype", null, "POST failed: " + kind);

    private List<JObject> JournalLines() => File.ReadAllLines(Journal).Select(JObject.Parse).ToList();

    [Theory]
    [InlineData(SiteErrorKind.BadRequest)]
    [InlineData(SiteErrorKind.Conflict)]
    [InlineData(SiteErrorKind.NotFound)]
    [InlineData(SiteErrorKind.AccessDenied)]
    [InlineData(SiteErrorKind.LoginPage)]
    [InlineData(SiteErrorKind.NoSeatLeft)]
    public async Task A_refused_allocation_to_a_user_who_holds_the_type_by_then_is_AlreadyAllocated_with_that_allocation(SiteErrorKind refusal)
    {
        var user = site.AddUser("CORP", "jdoe");
        var step = Planned(user);
        site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        var someoneElses = site.AddAllocation(LicenseAccessType.Analyzer, user);
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? Failure(refusal) : null;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.AlreadyAllocated, someoneElses.Id, null), (result.Outcome, result.AllocationId, result.Message));
        Assert.Null(error);
        Assert.Equal(someoneElses.Id, (Guid)JournalLines()[1]["allocationId"]);
    }

    [Theory]
    [InlineData(SiteErrorKind.Timeout)]
    [InlineData(SiteErrorKind.ServerError)]
    [InlineData(SiteErrorKind.ConnectionFailed)]
    public async Task An_allocation_whose_answer_was_lost_but_that_the_read_back_shows_is_Allocated_saying_so(SiteErrorKind lost)
    {
        var user = site.AddUser("CORP", "jdoe");
        var step = Planned(user);
        var made = site.AddAllocation(LicenseAccessType.Analyzer, user);
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? Failure(lost) : null;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Allocated, made.Id), (result.Outcome, result.AllocationId));
        Assert.Equal("The answer was lost; reading back shows the allocation.", result.Message);
        Assert.Null(error);
    }

    [Fact]
    public async Task A_failed_allocation_the_user_does_not_hold_is_Failed_with_the_sites_error_and_journaled_without_an_allocation()
    {
        var step = Planned(site.AddUser("CORP", "jdoe"));
        var failure = Failure(SiteErrorKind.ServerError);
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? failure : null;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Failed, null, failure.Message), (result.Outcome, result.AllocationId, result.Message));
        Assert.Same(failure, error);
        var outcome = JournalLines()[1];
        Assert.Equal(("Failed", Guid.Empty), ((string)outcome["outcome"], (Guid)outcome["allocationId"]));
    }

    [Fact]
    public async Task A_read_back_that_fails_leaves_the_outcome_Unknown_with_the_allocations_own_error_first()
    {
        var step = Planned(site.AddUser("CORP", "jdoe"));
        var failure = Failure(SiteErrorKind.Timeout);
        var readError = new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/license/analyzeraccesstype/full", 503, "read failed");
        site.FailWhen = call => call switch
        {
            nameof(ISite.AllocateAsync) => failure,
            nameof(ISite.LookUpAllocationsInBatches) => readError,
            _ => null,
        };

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Unknown, null), (result.Outcome, result.AllocationId));
        Assert.Equal("The allocation may or may not have been made; reading it back failed: read failed", result.Message);
        Assert.Same(failure, error);
    }

    [Fact]
    public async Task A_reinstatement_is_read_back_and_when_that_read_fails_its_error_is_the_reads()
    {
        var user = site.AddUser("CORP", "jdoe");
        site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        var step = Planned(user);
        var readError = new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/license/analyzeraccesstype/full", 503, "read failed");
        site.FailWhen = call => call == nameof(ISite.LookUpAllocationsInBatches) ? readError : null;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal(AllocationOutcome.Unknown, result.Outcome);
        Assert.Same(readError, error);
        Assert.Equal(new[] { nameof(IQuarantineSite.ReinstateAsync), nameof(ISite.LookUpAllocationsInBatches) }, site.Calls.SkipWhile(call => call != nameof(IQuarantineSite.ReinstateAsync)));
    }

    [Fact]
    public async Task A_quarantined_allocation_the_site_neither_reinstates_nor_replaces_is_Failed_saying_when_its_quarantine_ends()
    {
        var user = site.AddUser("CORP", "jdoe");
        var quarantined = site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        var step = Planned(user);
        site.ReinstateAccepted = false;
        var failure = Failure(SiteErrorKind.Conflict);
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? failure : null;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Failed, quarantined.Id), (result.Outcome, result.AllocationId));
        Assert.Equal(failure.Message + $" The user's Analyzer allocation is in quarantine until {quarantined.QuarantineEnd:u}; reinstate it in the QMC.", result.Message);
        Assert.Same(failure, error);
    }

    [Fact]
    public async Task A_quarantined_allocation_given_back_by_allocating_again_is_read_back_as_Reinstated_in_the_journal_under_its_own_id()
    {
        var user = site.AddUser("CORP", "jdoe");
        var quarantined = site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        var step = Planned(user);
        site.ReinstateAccepted = false;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Reinstated, quarantined.Id, null), (result.Outcome, result.AllocationId, result.Message));
        Assert.Null(error);
        Assert.Equal(new[] { nameof(IQuarantineSite.ReinstateAsync), nameof(ISite.AllocateAsync), nameof(ISite.LookUpAllocationsInBatches) },
            site.Calls.SkipWhile(call => call != nameof(IQuarantineSite.ReinstateAsync)));
        var lines = JournalLines();
        Assert.All(lines, line => Assert.Equal(quarantined.Id, (Guid)line["allocationId"]));
        Assert.Equal(new[] { "Allocate", "Allocate" }, lines.Select(line => (string)line["event"]));
    }

    [Fact]
    public async Task Without_a_journal_nothing_is_written_and_the_result_names_none_at_the_sites_time()
    {
        var step = Planned(site.AddUser("CORP", "jdoe"));
        site.UtcNow = site.UtcNow.AddHours(3);

        var (result, error) = await grant.AllocateAsync(step, null, Call);

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Null(result.JournalPath);
        Assert.Equal(site.UtcNow, result.Time);
        Assert.Null(error);
        Assert.True(!File.Exists(Journal) || new FileInfo(Journal).Length == 0);
    }

    [Fact]
    public async Task The_journal_names_the_user_the_time_and_one_operation_for_the_intent_and_its_outcome()
    {
        var user = site.AddUser("CORP", "jdoe", name: "John Doe");
        var step = Planned(user);

        var (result, _) = await grant.AllocateAsync(step, journal, Call);

        var lines = JournalLines();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(("Allocate", "Analyzer", user.Id, "CORP", "jdoe", "John Doe", "memory.example:4242", site.UtcNow),
            ((string)line["event"], (string)line["type"], (Guid)line["userKey"], (string)line["userDirectory"], (string)line["userId"], (string)line["userName"], (string)line["site"], (DateTime)line["time"])));
        Assert.Equal(Guid.Empty, (Guid)lines[0]["allocationId"]);
        Assert.Equal(result.AllocationId, (Guid)lines[1]["allocationId"]);
        Assert.NotEqual(Guid.Empty, (Guid)lines[0]["operationId"]);
        Assert.Equal((Guid)lines[0]["operationId"], (Guid)lines[1]["operationId"]);
        Assert.Equal((Journal, site.UtcNow), (result.JournalPath, result.Time));
    }

    [Fact]
    public async Task Giving_back_a_journaled_release_is_a_restore_that_undoes_it_and_is_Reinstated_when_the_site_gives_back_the_same_allocation()
    {
        var user = site.AddUser("CORP", "jdoe");
        var held = site.AddAllocation(LicenseAccessType.Analyzer, user, lastUsed: site.UtcNow.AddDays(-1));
        var release = JournalRecord.ReleaseOf(held, connection.Site, site.UtcNow);
        await site.ReleaseAsync(held, Call);
        var step = Assert.Single(grant.Plan(new[] { GrantRequest.ForRelease(release) }, Call).Steps);

        var (result, _) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Reinstated, held.Id), (result.Outcome, result.AllocationId));
        var restore = JournalLines()[0];
        Assert.Equal(("Restore", release.OperationId), ((string)restore["event"], (Guid)restore["undoes"]));
        Assert.NotEqual(release.OperationId, (Guid)restore["operationId"]);
    }

    [Fact]
    public async Task A_quarantined_allocation_someone_else_gave_back_meanwhile_is_Reinstated_though_the_site_refused_ours()
    {
        var user = site.AddUser("CORP", "jdoe");
        var quarantined = site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        var step = Planned(user);
        await site.ReinstateAsync(quarantined, Call);
        site.ReinstateAccepted = false;
        site.FailWhen = call => call == nameof(ISite.AllocateAsync) ? Failure(SiteErrorKind.Conflict) : null;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Reinstated, quarantined.Id), (result.Outcome, result.AllocationId));
        Assert.Equal("The answer was lost; reading back shows the allocation.", result.Message);
        Assert.Null(error);
    }

    [Fact]
    public async Task An_answer_without_an_allocation_the_user_then_does_not_hold_is_Failed_as_an_invalid_response()
    {
        var step = Planned(site.AddUser("CORP", "jdoe"));
        site.AnswersWithoutAllocating = true;

        var (result, error) = await grant.AllocateAsync(step, journal, Call);

        Assert.Equal((AllocationOutcome.Failed, "QRS answered, but the user does not hold the access type."), (result.Outcome, result.Message));
        Assert.Equal((SiteKind.QlikSense, SiteErrorKind.InvalidResponse, "POST", result.Message), (error.Site, error.ErrorKind, error.Method, error.Message));
        Assert.Contains(nameof(ISite.LookUpAllocationsInBatches), site.Calls.SkipWhile(call => call != nameof(ISite.AllocateAsync)));
    }

    // A caller that blocks on the grant in a single-threaded context (a pipeline thread) would otherwise wait for
    // itself: the site's answer comes later, on another thread.
    [Fact]
    public async Task Allocating_goes_on_outside_the_callers_context_when_the_site_answers()
    {
        var step = Planned(site.AddUser("CORP", "jdoe"));
        var post = site.HeldAnswers.Hold(nameof(ISite.AllocateAsync), nameof(LicenseAccessType.Analyzer));

        var (result, _) = await CallersContext.AnswerOutsideTheCallersContext(() => grant.AllocateAsync(step, journal, Call), post);

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
    }

    [Fact]
    public async Task Reinstating_goes_on_outside_the_callers_context_when_the_site_answers()
    {
        var user = site.AddUser("CORP", "jdoe");
        var quarantined = site.AddAllocation(LicenseAccessType.Analyzer, user, quarantined: true);
        var step = Planned(user);
        var reinstate = site.HeldAnswers.Hold(nameof(IQuarantineSite.ReinstateAsync), nameof(LicenseAccessType.Analyzer));

        var (result, _) = await CallersContext.AnswerOutsideTheCallersContext(() => grant.AllocateAsync(step, journal, Call), reinstate);

        Assert.Equal((AllocationOutcome.Reinstated, quarantined.Id), (result.Outcome, result.AllocationId));
    }
}
