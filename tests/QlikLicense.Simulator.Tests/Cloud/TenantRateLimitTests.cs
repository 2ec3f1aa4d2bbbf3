using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

public class TenantRateLimitTests
{
    [Fact]
    public async Task Over_the_budget_a_tier_answers_429_with_retry_after_and_opens_again()
    {
        await using var tenant = await SimulatedTenant.StartAsync();
        using var client = new TenantClient(tenant);
        // A window long enough that a loaded machine still sends the three writes within it.
        tenant.RateLimits.SetBudget(RateTier.Tier2, 2, TimeSpan.FromSeconds(8));
        var settings = new JObject { ["autoAssignAnalyzer"] = true };

        var first = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", settings);
        var second = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", settings);
        var limited = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", settings);
        // The whole tier is blocked, other tiers are not.
        var otherWrite = await client.PostAsync("/api/v1/licenses/assignments/actions/delete",
            new JObject { ["delete"] = new JArray(new JObject { ["subject"] = "x", ["type"] = "analyzer" }) });
        var read = await client.GetAsync("/api/v1/licenses/settings");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal((HttpStatusCode)429, limited.Status);
        Assert.Equal("HTTP-429", (string)limited.Body.SelectToken("errors[0].code"));
        Assert.NotNull(limited.RetryAfter);
        Assert.InRange(limited.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        Assert.Equal((HttpStatusCode)429, otherWrite.Status);
        Assert.Equal(HttpStatusCode.OK, read.Status);

        await Task.Delay(limited.RetryAfter.Value);
        var afterWaiting = await client.SendAsync(HttpMethod.Put, "/api/v1/licenses/settings", settings);

        Assert.Equal(HttpStatusCode.OK, afterWaiting.Status);
        Assert.Equal(2, tenant.RateLimits.RejectedCount);
        Assert.Equal([200, 200, 429, 429, 200, 200], tenant.Requests.Snapshot().Select(entry => entry.Status));
    }

    [Fact]
    public async Task Limits_count_per_caller()
    {
        await using var tenant = await SimulatedTenant.StartAsync();
        using var keyClient = new TenantClient(tenant);
        using var oauthClient = new TenantClient(tenant);
        var token = await oauthClient.SendAsync(HttpMethod.Post, "/oauth/token", new JObject
        {
            ["client_id"] = tenant.Credentials.ClientId, ["client_secret"] = tenant.Credentials.ClientSecret, ["grant_type"] = "client_credentials",
        }, authorize: false);
        oauthClient.Bearer = (string)token.Body["access_token"];
        tenant.RateLimits.SetBudget(RateTier.Tier1, 1, TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/users")).Status);
        Assert.Equal((HttpStatusCode)429, (await keyClient.GetAsync("/api/v1/users")).Status);
        Assert.Equal(HttpStatusCode.OK, (await oauthClient.GetAsync("/api/v1/users")).Status);
    }

    [Fact]
    public async Task A_429_can_be_asked_for_on_demand_and_audits_have_their_own_tier()
    {
        await using var tenant = await SimulatedTenant.StartAsync();
        using var client = new TenantClient(tenant);
        // Long enough that a loaded machine's next request still finds the tier blocked.
        tenant.RateLimits.RejectNext(RateTier.Audits, TimeSpan.FromSeconds(30));

        var users = await client.GetAsync("/api/v1/users");
        var audits = await client.GetAsync("/api/v1/audits");
        var auditsAgain = await client.GetAsync("/api/v1/audits");

        Assert.Equal(HttpStatusCode.OK, users.Status);
        Assert.Equal((HttpStatusCode)429, audits.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), audits.RetryAfter);
        Assert.Equal((HttpStatusCode)429, auditsAgain.Status);
        Assert.InRange(auditsAgain.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        tenant.RateLimits.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audits")).Status);
    }

    [Fact]
    public void The_documented_limits_are_per_minute_over_five_minutes()
    {
        var limits = new TenantRateLimits();
        limits.UseDocumentedLimits();
        var start = new DateTime(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);

        var admitted = Enumerable.Range(0, 501).Count(i => limits.Admit("user:a", RateTier.Tier2, start.AddMilliseconds(i)) is null);
        var wait = limits.Admit("user:a", RateTier.Tier2, start.AddSeconds(1));
        var later = limits.Admit("user:a", RateTier.Tier2, start.AddMinutes(5).AddSeconds(1));

        Assert.Equal(500, admitted);
        Assert.NotNull(wait);
        Assert.InRange(wait!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.Null(later);
    }

    [Fact]
    public async Task Injected_faults_reach_the_client_and_the_log()
    {
        await using var tenant = await SimulatedTenant.StartAsync();
        using var client = new TenantClient(tenant);
        tenant.Faults.FailNext(FaultKind.ServiceUnavailable);

        var unavailable = await client.GetAsync("/api/v1/licenses/assignments");
        tenant.Faults.FailNext(FaultKind.TruncatedJson);
        await Assert.ThrowsAnyAsync<Newtonsoft.Json.JsonException>(() => client.GetAsync("/api/v1/licenses/assignments"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Equal([503, 200], tenant.Requests.Snapshot().Select(entry => entry.Status));
    }
}
