using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>
/// A QRS site call never goes on in its caller's synchronization context once the answer comes (<see cref="CallersContext"/>):
/// each answer is held by <see cref="StubRepository.Hold"/> until the call has returned its task.
/// </summary>
public sealed class QrsSiteContextTests
{
    private const string Professional = "qrs/license/professionalaccesstype";
    private static readonly Guid AllocationId = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly string AllocationJson = StubRepository.Allocation(AllocationId, Guid.Empty, quarantined: true);

    [Fact]
    public async Task Connecting_goes_on_outside_the_callers_context()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/about", """{"buildVersion":"31.42.3.0"}""");
        var about = stub.Hold("GET", "qrs/about");

        using var connection = await CallersContext.AnswerOutsideTheCallersContext(() => QrsSite.ConnectAsync(stub.Settings(), stub.Call), about);

        Assert.Equal("31.42.3.0", connection.ServerVersion);
    }

    [Fact]
    public async Task Finding_an_allocation_goes_on_outside_the_callers_context()
    {
        var stub = new StubRepository().OnJson("GET", $"{Professional}/{AllocationId:D}", AllocationJson);
        var answer = stub.Hold("GET", $"{Professional}/{AllocationId:D}");
        using var site = stub.Site();

        Assert.Equal(0, await CallersContext.WorkPostedBack(() => site.FindAllocationAsync(LicenseAccessType.Professional, AllocationId, stub.Call), answer));
    }

    [Fact]
    public async Task Reading_the_overview_goes_on_outside_the_callers_context()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/license/accesstypeoverview", "{}");
        var answer = stub.Hold("GET", "qrs/license/accesstypeoverview");
        using var site = stub.Site();

        Assert.Equal(0, await CallersContext.WorkPostedBack(() => site.ReadSummaryAsync(stub.Call), answer));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Reinstating_goes_on_outside_the_callers_context_after_the_read_and_after_the_write(string held)
    {
        var path = $"{Professional}/{AllocationId:D}";
        var stub = new StubRepository().OnJson("GET", path, AllocationJson).OnJson("PUT", path, "{}");
        var answer = stub.Hold(held, path);
        using var site = stub.Site();

        Assert.Equal(0, await CallersContext.WorkPostedBack(() => site.ReinstateAsync(new LicenseAllocation { Id = AllocationId, Type = LicenseAccessType.Professional }, stub.Call), answer));
        Assert.Contains(stub.Requests, request => request.Method == "PUT");
    }

    [Fact]
    public async Task Allocating_goes_on_outside_the_callers_context()
    {
        var stub = new StubRepository().OnJson("POST", Professional, AllocationJson);
        var answer = stub.Hold("POST", Professional);
        using var site = stub.Site();

        Assert.Equal(0, await CallersContext.WorkPostedBack(() => site.AllocateAsync(LicenseAccessType.Professional,
            new QlikUser { Id = Guid.Empty, UserId = "alice", UserDirectory = "ACME" }, stub.Call), answer));
    }
}
