using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

public class TenantAuthenticationTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

    private static async Task<TenantAnswer> TokenAsync(TenantClient client, string clientId, string secret, string grantType = "client_credentials") =>
        await client.SendAsync(HttpMethod.Post, "/oauth/token",
            new JObject { ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = grantType }, authorize: false);

    [Fact]
    public async Task Requests_without_a_valid_bearer_answer_401()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var none = await client.SendAsync(HttpMethod.Get, "/api/v1/licenses/status", authorize: false);
        client.Bearer = "not-a-key";
        var wrong = await client.GetAsync("/api/v1/licenses/status");
        client.Bearer = tenant.Credentials.ApiKey;
        var right = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("HTTP-401", (string)wrong.Body.SelectToken("errors[0].code"));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal(TenantSeed.AdminSubject, (string)right.Body["subject"]);
        Assert.Equal("apikey:" + TenantSeed.AdminSubject, tenant.Requests.Snapshot()[^1].QlikUser);
        Assert.DoesNotContain(tenant.Requests.Snapshot(), entry => entry.RawQuery.Contains(tenant.Credentials.ApiKey));
    }

    [Fact]
    public async Task An_expired_api_key_answers_401()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);
        tenant.Credentials.ApiKeyExpiresUtc = Now.AddMinutes(1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/licenses/status")).Status);

        tenant.Store.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.GetAsync("/api/v1/licenses/status");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("expired", (string)expired.Body.SelectToken("errors[0].detail"));
    }

    [Fact]
    public async Task Client_credentials_give_a_six_hour_token_that_then_answers_401()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant, bearer: "");

        var token = await TokenAsync(client, tenant.Credentials.ClientId, tenant.Credentials.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("bearer", (string)token.Body["token_type"]);
        Assert.Equal(21600, (int)token.Body["expires_in"]);
        client.Bearer = (string)token.Body["access_token"];
        var before = await client.GetAsync("/api/v1/licenses/overview");

        tenant.Store.Clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        var justBefore = await client.GetAsync("/api/v1/licenses/overview");
        tenant.Store.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await client.GetAsync("/api/v1/licenses/overview");
        var renewed = await TokenAsync(client, tenant.Credentials.ClientId, tenant.Credentials.ClientSecret);
        client.Bearer = (string)renewed.Body["access_token"];
        var again = await client.GetAsync("/api/v1/licenses/overview");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.OK, justBefore.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("client:" + tenant.Credentials.ClientId, tenant.Requests.Snapshot()[^1].QlikUser);
    }

    [Fact]
    public async Task Short_lived_and_expired_tokens_can_be_set_up()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant, bearer: "");
        tenant.Credentials.TokenLifetime = TimeSpan.FromSeconds(30);

        var token = await TokenAsync(client, tenant.Credentials.ClientId, tenant.Credentials.ClientSecret);
        client.Bearer = (string)token.Body["access_token"];
        var fresh = await client.GetAsync("/api/v1/licenses/status");
        tenant.Credentials.ExpireTokens();
        var expired = await client.GetAsync("/api/v1/licenses/status");

        Assert.Equal(30, (int)token.Body["expires_in"]);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_wrong_secrets_and_grants_and_takes_form_posts_too()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now });
        using var client = new TenantClient(tenant);

        var wrongSecret = await TokenAsync(client, tenant.Credentials.ClientId, "guess");
        var wrongGrant = await TokenAsync(client, tenant.Credentials.ClientId, tenant.Credentials.ClientSecret, "password");
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { BaseAddress = tenant.BaseAddress };
        using var form = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = tenant.Credentials.ClientId,
            ["client_secret"] = tenant.Credentials.ClientSecret,
            ["grant_type"] = "client_credentials",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.Status);
        Assert.Equal("invalid_client", (string)wrongSecret.Body["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongGrant.Status);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(1, tenant.Credentials.IssuedTokenCount);
        Assert.Contains("\"access_token\":\"qliksim-token-", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Clients_that_trust_another_ca_reject_an_untrusted_server_certificate()
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions { Now = Now, UntrustedServerCertificate = true });
        using var client = new TenantClient(tenant);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/api/v1/licenses/status"));
        Assert.True(File.Exists(tenant.CaCertificatePath));
        Assert.NotEqual(tenant.CaCertificateThumbprint, tenant.ServerCertificateThumbprint);
    }
}
