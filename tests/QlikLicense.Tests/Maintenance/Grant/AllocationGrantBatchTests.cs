using QlikLicense.Cloud;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using QlikLicense.Tests.Cloud;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>
/// Allocating on a site whose changes travel in batches (a tenant answered by <see cref="StubTenant"/>): each batch of
/// the approved allocations is one request, no larger than the site's largest batch or the one the caller asked for.
/// </summary>
public sealed class AllocationGrantBatchTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(null, new[] { 3, 2 })]
    [InlineData(2, new[] { 2, 2, 1 })]
    [InlineData(10, new[] { 3, 2 })]
    [InlineData(0, new[] { 1, 1, 1, 1, 1 })]
    public void Each_batch_of_allocations_is_one_request_of_at_most_the_smaller_of_the_asked_and_the_sites_largest_batch(int? asked, int[] batchSizes)
    {
        var batches = new List<List<string>>();
        var tenant = new StubTenant()
            .Paged("/api/v1/users", string.Empty)
            .Paged("/api/v1/licenses/consumption", string.Empty)
            .Paged("/api/v1/licenses/assignments", string.Empty)
            .Batch("add", subject => CloudTenantLists.Status(201), batches);
        using var connection = CloudTenantLists.Connect(tenant, batchSize: 3);
        var subjects = Enumerable.Range(0, 5).Select(index => "auth0|user" + index).ToList();
        var requests = subjects.Select(subject => GrantRequest.ForUser(LicenseAccessType.Analyzer,
            new QlikUser { Id = CloudKeys.User(subject), UserDirectory = string.Empty, UserId = subject, Name = subject }, subject)).ToList();

        var results = new AllocationGrant(connection).Run(requests, new GrantOptions { JournalPath = folder.File("journal.jsonl"), BatchSize = asked },
            new RecordingHost(approve: true), tenant.Call);

        Assert.Equal(subjects, results.Select(result => result.UserId));
        Assert.All(results, result => Assert.Equal(AllocationOutcome.Allocated, result.Outcome));
        Assert.Equal(batchSizes, batches.Select(batch => batch.Count));
        Assert.Equal(subjects, batches.SelectMany(batch => batch));
    }
}
