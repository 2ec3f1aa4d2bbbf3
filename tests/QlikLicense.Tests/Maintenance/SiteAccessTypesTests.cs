using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>Which per-user access types an operation looks at when none is named (<see cref="SiteAccessTypes"/>).</summary>
public sealed class SiteAccessTypesTests : InMemorySiteTest
{
    private readonly List<string> trace = new();

    private SiteCall Traced => new(CancellationToken.None, trace.Add);

    private static SiteException Failure(SiteErrorKind kind) => new(SiteKind.QlikSense, kind, "GET", "/qrs/license/accesstypeoverview", 500, "The overview failed.");

    [Fact]
    public void The_types_named_are_taken_as_they_are_without_asking_the_site()
    {
        var named = new[] { LicenseAccessType.UserAccess };

        Assert.Same(named, SiteAccessTypes.PerUser(connection, named, Traced));
        Assert.Empty(site.Calls);
    }

    [Fact]
    public void Without_types_named_the_per_user_types_the_licence_overview_lists_are_taken()
    {
        site.Seats.Remove(LicenseAccessType.Professional);

        Assert.Equal(new[] { LicenseAccessType.Analyzer }, SiteAccessTypes.PerUser(connection, null, Traced));
        Assert.Equal(nameof(ISite.ReadSummaryAsync), Assert.Single(site.Calls));
        Assert.Empty(trace);
    }

    [Fact]
    public void An_overview_that_cannot_be_read_gives_every_per_user_type_and_says_why_in_the_trace()
    {
        site.FailWhen = name => name == nameof(ISite.ReadSummaryAsync) ? Failure(SiteErrorKind.ServerError) : null;

        Assert.Equal(LicenseAccessTypes.PerUser, SiteAccessTypes.PerUser(connection, null, Traced));
        Assert.Equal($"Could not read the licence overview of {connection.Site} (The overview failed.); looking at every per-user access type.", Assert.Single(trace));
    }

    [Theory]
    [InlineData(SiteErrorKind.AccessDenied)]
    [InlineData(SiteErrorKind.LoginPage)]
    public void A_site_that_refuses_the_account_stops_the_operation_instead(SiteErrorKind kind)
    {
        site.FailWhen = name => name == nameof(ISite.ReadSummaryAsync) ? Failure(kind) : null;

        Assert.Equal(kind, Assert.Throws<SiteException>(() => SiteAccessTypes.PerUser(connection, null, Traced)).ErrorKind);
        Assert.Empty(trace);
    }
}
