using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using Xunit;

namespace QlikLicense.Simulator.Tests;

public class ProxyAndTlsTests
{
    private const string WindowsUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";

    [Fact]
    public async Task Header_authentication_through_a_virtual_proxy_prefix()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Proxy(site);
        using var request = SiteClient.Request(HttpMethod.Get, "/hdr/qrs/user/count");
        request.Headers.Add(site.ProxyAuth.HeaderName, "jdoe");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var entry = site.Requests.Snapshot().Single();
        Assert.Equal("/hdr/qrs/user/count", entry.Path);
        Assert.Equal(@"CORP\jdoe", entry.QlikUser);
    }

    [Fact]
    public async Task Without_authentication_the_proxy_answers_a_login_page()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Proxy(site);

        using var response = await client.SendAsync(SiteClient.Request(HttpMethod.Get, "/qrs/about"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jwt_bearer_is_accepted_only_with_the_valid_token()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Proxy(site);

        using var valid = SiteClient.Request(HttpMethod.Get, "/jwt/qrs/about");
        valid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", site.ProxyAuth.ValidJwt);
        using var invalid = SiteClient.Request(HttpMethod.Get, "/jwt/qrs/about");
        invalid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        using var validResponse = await client.SendAsync(valid);
        using var invalidResponse = await client.SendAsync(invalid);

        Assert.Equal("application/json", validResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", invalidResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(site.ProxyAuth.JwtUser, site.Requests.Snapshot()[0].QlikUser);
    }

    [Fact]
    public async Task Windows_authentication_challenges_then_keeps_a_session_cookie()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var anonymous = SiteClient.Proxy(site, userAgent: WindowsUserAgent);
        using var challenged = await anonymous.SendAsync(SiteClient.Request(HttpMethod.Get, "/qrs/about"));

        var handler = SiteClient.ProxyHandler(site, new NetworkCredential(site.ProxyAuth.WindowsUser, site.ProxyAuth.WindowsPassword, site.ProxyAuth.WindowsDomain));
        using var client = SiteClient.Proxy(site, handler, WindowsUserAgent);
        using var first = await client.SendAsync(SiteClient.Request(HttpMethod.Get, "/qrs/about"));
        // A second client with the first one's cookies but no credentials: the session cookie alone lets it in.
        var cookieOnly = SiteClient.ProxyHandler(site);
        cookieOnly.CookieContainer = handler.CookieContainer;
        using var sessionClient = SiteClient.Proxy(site, cookieOnly, WindowsUserAgent);
        using var second = await sessionClient.SendAsync(SiteClient.Request(HttpMethod.Get, "/qrs/user/count"));

        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Contains(challenged.Headers.WwwAuthenticate, value => value.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, site.ProxyAuth.SessionCount);
        Assert.Equal(@"CORP\" + site.ProxyAuth.WindowsUser, site.Requests.Snapshot()[^1].QlikUser);
    }

    [Fact]
    public async Task Proxy_checks_the_xrfkey_too()
    {
        await using var site = await SimulatedSite.StartAsync();
        using var client = SiteClient.Proxy(site);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/qrs/about?xrfkey=0123456789abcdef");
        request.Headers.Add(site.ProxyAuth.HeaderName, "jdoe");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Untrusted_server_certificate_fails_validation_against_root_cer()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { UntrustedServerCertificate = true, LoadSeed = false });
        using var client = SiteClient.Qrs(site);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.QrsGetAsync("/qrs/about"));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(exception.InnerException);
    }

    [Fact]
    public async Task Certificate_files_are_written_and_removed_on_dispose()
    {
        var site = await SimulatedSite.StartAsync(new SiteOptions { LoadSeed = false });
        var directory = site.CertificateDirectory;
        Assert.True(File.Exists(site.ClientCertificatePath));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(site.CaCertificatePath));
        using (var client = site.LoadClientCertificate()) Assert.True(client.HasPrivateKey);
        using (var ca = site.LoadCaCertificate()) Assert.Equal(site.CaCertificateThumbprint, ca.Thumbprint);

        await site.DisposeAsync();

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { LoadSeed = false });
        await using var other = await SimulatedSite.StartAsync(new SiteOptions { LoadSeed = false });
        using var foreignCertificate = other.LoadClientCertificate();
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => foreignCertificate,
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = site.QrsBaseAddress };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(SiteClient.Request(HttpMethod.Get, "/qrs/about")));
    }
}
