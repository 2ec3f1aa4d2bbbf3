using System.Diagnostics;
using System.Net;
using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Cloud;

public sealed class CloudClientTests
{
    [Fact]
    public void Pages_are_read_to_the_end_following_the_next_links_query_on_the_tenants_own_url()
    {
        var tenant = new StubTenant().On("GET", "/api/v1/licenses/assignments", (request, body) =>
            StubTenant.Json(request.RequestUri.Query.Contains("page=2")
                ? StubTenant.Page("""{"subject":"c","type":"analyzer"}""")
                : StubTenant.Page("""{"subject":"a","type":"professional"},{"subject":"b","type":"analyzer"}""", "?limit=100&page=2")));
        using var client = new CloudClient(tenant.Settings());

        var subjects = client.ReadAll("/api/v1/licenses/assignments", "?limit=100", tenant.Call).Select(item => (string)item["subject"]).ToList();

        Assert.Equal(new[] { "a", "b", "c" }, subjects);
        Assert.All(tenant.Requests, request => Assert.Equal("acme.eu.qlikcloud.com", request.Uri.Host));
        Assert.Equal("/api/v1/licenses/assignments?limit=100&page=2", tenant.Requests.Last().Uri.PathAndQuery);
    }

    [Fact]
    public void A_429_blocks_the_tier_for_Retry_After_and_the_request_goes_on()
    {
        var answered = 0;
        var tenant = new StubTenant().On("GET", "/api/v1/licenses/status", (request, body) =>
        {
            if (Interlocked.Increment(ref answered) > 1) return StubTenant.Json("""{"status":"Ok"}""");
            var busy = StubTenant.Json("{}", (HttpStatusCode)429);
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return busy;
        });
        using var client = new CloudClient(tenant.Settings());
        var watch = Stopwatch.StartNew();

        var status = client.GetObjectAsync("/api/v1/licenses/status", tenant.Call).GetAwaiter().GetResult();

        Assert.Equal("Ok", (string)status["status"]);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited {watch.Elapsed}");
        Assert.Contains(tenant.Trace, line => line.Contains("429") && line.Contains("Read tier waits 1 s"));
    }

    [Fact]
    public void Writes_are_paced_under_the_write_tier()
    {
        var tenant = new StubTenant().OnJson("POST", "/api/v1/licenses/settings", "{}");
        var settings = tenant.Settings();
        settings.WriteInterval = TimeSpan.FromMilliseconds(300);
        using var client = new CloudClient(settings);
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < 3; i++) client.WriteAsync(HttpMethod.Post, "/api/v1/licenses/settings", new Newtonsoft.Json.Linq.JObject(), tenant.Call).GetAwaiter().GetResult();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"three writes took {watch.Elapsed}");
    }

    [Fact]
    public void The_OAuth_token_is_fetched_once_and_renewed_before_it_expires_and_no_secret_is_traced()
    {
        var now = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var tokens = 0;
        var tenant = new StubTenant()
            .On("POST", "/oauth/token", (request, body) =>
            {
                var n = Interlocked.Increment(ref tokens);
                return StubTenant.Json("{\"access_token\":\"token-" + n + "\",\"token_type\":\"bearer\",\"expires_in\":21600}");
            })
            .OnJson("GET", "/api/v1/licenses/status", """{"status":"Ok"}""");
        using var client = new CloudClient(tenant.Settings(CloudCredentials.OAuthClient("client-1", StubTenant.Secure("client-SECRET-9"))), () => now);

        client.GetObjectAsync("/api/v1/licenses/status", tenant.Call).GetAwaiter().GetResult();
        client.GetObjectAsync("/api/v1/licenses/status", tenant.Call).GetAwaiter().GetResult();
        now = now.AddHours(5).AddMinutes(56);
        client.GetObjectAsync("/api/v1/licenses/status", tenant.Call).GetAwaiter().GetResult();

        Assert.Equal(2, tokens);
        var bearers = tenant.Requests.Where(request => request.Uri.AbsolutePath == "/api/v1/licenses/status").Select(request => request.Bearer).ToList();
        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, bearers);
        var tokenRequest = StubTenant.BodyOf(tenant.Requests.First().Body);
        Assert.Equal(("client-1", "client_credentials"), ((string)tokenRequest["client_id"], (string)tokenRequest["grant_type"]));
        Assert.DoesNotContain(tenant.Trace, line => line.Contains("SECRET") || line.Contains("token-"));
    }

    [Fact]
    public void Failures_name_the_tenant_kind_and_never_the_api_key()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/status", """{"errors":[{"title":"Unauthorized"}]}""", HttpStatusCode.Unauthorized);
        using var client = new CloudClient(tenant.Settings());

        var error = Assert.ThrowsAny<SiteException>(() => client.GetObjectAsync("/api/v1/licenses/status", tenant.Call).GetAwaiter().GetResult());

        Assert.Equal((SiteKind.QlikCloud, SiteErrorKind.AccessDenied, 401), (error.Site, error.ErrorKind, error.StatusCode));
        Assert.Contains("API key", error.Message);
        Assert.DoesNotContain(StubTenant.ApiKey, error.Message + error.ResponseBody + string.Join("\n", tenant.Trace));
        Assert.Equal(StubTenant.ApiKey, tenant.Requests.Single().Bearer);
    }
}
