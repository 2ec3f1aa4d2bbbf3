using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>Connecting proves the repository by /qrs/about; the connection's client is let go when the check fails and when the site is closed.</summary>
public sealed class QrsSiteConnectionTests
{
    /// <summary>Header authentication that counts how often its connection let it go.</summary>
    private sealed class CountedAuthentication : QrsAuthentication
    {
        public int Released { get; private set; }
        public override string Description => "Counted";
        public override bool ThroughProxy => true;
        internal override void Release() => Released++;
    }

    [Fact]
    public async Task Connecting_reads_the_build_version_from_the_about_path()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/about", """{"buildVersion":"31.42.3.0"}""");
        var authentication = new CountedAuthentication();
        var before = DateTime.UtcNow;

        using var connection = await QrsSite.ConnectAsync(stub.Settings(authentication), stub.Call);

        Assert.Equal("31.42.3.0", connection.ServerVersion);
        Assert.InRange(connection.Connected, before, DateTime.UtcNow);
        Assert.Equal("qrs/about", Assert.Single(stub.Requests).Path);
        Assert.Equal(0, authentication.Released);
        connection.Dispose();
        Assert.Equal(1, authentication.Released);
    }

    [Fact]
    public async Task A_server_that_answers_about_with_no_object_is_no_repository_and_its_client_is_let_go()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/about", "[]");
        var authentication = new CountedAuthentication();

        var error = await Assert.ThrowsAsync<QrsException>(() => QrsSite.ConnectAsync(stub.Settings(authentication), stub.Call));

        Assert.Equal(SiteErrorKind.InvalidResponse, error.ErrorKind);
        Assert.Equal(1, authentication.Released);
    }
}
