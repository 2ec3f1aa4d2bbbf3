using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance.Release;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Release;

/// <summary>
/// How releases are read back (<see cref="ReleaseBatch"/>, through <see cref="ReleaseOperation"/>): 50 of a site and
/// access type in one read, every one of them settled by it, and what is left when a request is cancelled.
/// </summary>
public sealed class ReleaseBatchTests : InMemorySiteTest
{
    private IReadOnlyList<AllocationChangeResult> Release(RecordingHost host, IReadOnlyList<LicenseAllocation> pending, int throttleLimit = 8, CancellationToken stop = default) =>
        new ReleaseOperation(host) { JournalPath = Journal, MaximumCount = 1000, ThrottleLimit = throttleLimit }.Run(pending, Call, stop);

    private List<LicenseAllocation> Allocations(LicenseAccessType type, int count, string prefix = "user") =>
        Enumerable.Range(0, count).Select(index => site.AddAllocation(type, site.AddUser("CORP", prefix + type + index))).ToList();

    private List<JObject> JournalLines() => File.ReadAllLines(Journal).Select(JObject.Parse).ToList();

    [Theory]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    public void Releases_are_read_back_fifty_at_a_time_and_each_is_settled_once(int count, int reads)
    {
        var pending = Allocations(LicenseAccessType.Analyzer, count);

        var results = Release(new RecordingHost(approve: true), pending);

        Assert.Equal(pending.Select(allocation => allocation.Id).Order(), results.Select(result => result.AllocationId.GetValueOrDefault()).Order());
        Assert.All(results, result => Assert.Equal(AllocationOutcome.Released, result.Outcome));
        Assert.Equal(reads, site.Calls.Count(call => call == nameof(ISite.FindAllocationsAsync)));
        Assert.DoesNotContain(nameof(ISite.FindAllocationAsync), site.Calls);
        Assert.Equal(2 * count, JournalLines().Count);
    }

    [Fact]
    public void Each_access_type_is_read_back_on_its_own()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 3).Concat(Allocations(LicenseAccessType.Professional, 2)).ToList();

        var results = Release(new RecordingHost(approve: true), pending);

        Assert.Equal(5, results.Count(result => result.Outcome == AllocationOutcome.Released));
        Assert.Equal(2, site.Calls.Count(call => call == nameof(ISite.FindAllocationsAsync)));
    }

    [Fact]
    public void A_read_back_that_fails_leaves_each_release_of_its_batch_Unknown_and_a_problem()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 3);
        var readError = new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/license/analyzeraccesstype/full", 503, "read down");
        site.FailWhen = call => call == nameof(ISite.FindAllocationsAsync) ? readError : null;
        var host = new RecordingHost(approve: true);

        var results = Release(host, pending);

        Assert.Equal(3, results.Count(result => result.Outcome == AllocationOutcome.Unknown));
        Assert.Equal(3, host.Problems.Count(problem => problem.Kind == ProblemKind.SiteRequestFailed && ReferenceEquals(problem.Exception, readError)));
        Assert.Equal(pending.OrderBy(allocation => allocation.Id), host.Problems.Select(problem => (LicenseAllocation)problem.Target).OrderBy(allocation => allocation.Id));
        Assert.Equal(3, JournalLines().Count(line => (string)line["outcome"] == "Unknown"));
        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void A_refused_DELETE_is_a_problem_about_that_allocation_and_its_Failed_result_is_output()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 1);
        var refusal = new SiteException(SiteKind.QlikSense, SiteErrorKind.AccessDenied, "DELETE", "/qrs/license/analyzeraccesstype", 403, "refused");
        site.FailWhen = call => call == nameof(ISite.ReleaseAsync) ? refusal : null;
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Release(host, pending));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        var problem = Assert.Single(host.Problems);
        Assert.Equal((ProblemKind.SiteRequestFailed, pending[0].Id), (problem.Kind, ((LicenseAllocation)problem.Target).Id));
        Assert.Same(refusal, problem.Exception);
        Assert.Same(result, Assert.Single(host.Output));
    }

    [Fact]
    public void A_DELETE_cancelled_after_its_grace_leaves_only_its_intent_and_frees_its_place_for_the_next()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 2);
        site.FailWhen = call => call == nameof(ISite.ReleaseAsync) ? new OperationCanceledException() : null;
        var host = new RecordingHost(approve: true);

        Assert.Empty(Release(host, pending, throttleLimit: 1));

        Assert.Equal(2, site.Calls.Count(call => call == nameof(ISite.ReleaseAsync)));
        Assert.DoesNotContain(nameof(ISite.FindAllocationsAsync), site.Calls);
        Assert.All(JournalLines(), line => Assert.Null(line["outcome"]));
        Assert.Equal(2, JournalLines().Count);
        Assert.Empty(host.Output);
    }

    [Fact]
    public void A_read_back_cancelled_after_its_grace_leaves_the_intents_without_an_outcome()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 2);
        site.FailWhen = call => call == nameof(ISite.FindAllocationsAsync) ? new OperationCanceledException() : null;
        var host = new RecordingHost(approve: true);

        Assert.Empty(Release(host, pending));

        Assert.Empty(site.Allocations);
        Assert.Equal(new string[] { null, null }, JournalLines().Select(line => (string)line["outcome"]));
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void A_stop_asked_before_the_first_release_releases_nothing_and_ends_the_run_as_cancelled()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 3);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Release(new RecordingHost(approve: true), pending, stop: stop.Token));

        Assert.DoesNotContain(nameof(ISite.ReleaseAsync), site.Calls);
        Assert.Equal(3, site.Allocations.Count);
    }

    [Fact]
    public void An_unexpected_failure_of_a_read_back_ends_the_run_with_it_once_the_releases_are_sent()
    {
        var pending = Allocations(LicenseAccessType.Analyzer, 2);
        var bug = new InvalidOperationException("not a site's failure");
        site.FailWhen = call => call == nameof(ISite.FindAllocationsAsync) ? bug : null;

        Assert.Same(bug, Assert.Throws<InvalidOperationException>(() => Release(new RecordingHost(approve: true), pending)));

        Assert.Empty(site.Allocations);
        Assert.Equal(2, JournalLines().Count);
    }
}
