using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Cloud;
using Xunit;

namespace QlikLicense.Simulator.Tests.Cloud;

/// <summary>An HTTP client for a simulated tenant that trusts its CA only and sends a bearer token.</summary>
internal sealed class TenantClient : IDisposable
{
    /// <summary>A users filter naming every status: without one the list answers only active users (its documented default).</summary>
    public const string EveryStatus = "(status eq \"active\" or status eq \"invited\" or status eq \"disabled\" or status eq \"deleted\" or status eq \"provisioned\")";

    private readonly HttpClient _http;

    public TenantClient(SimulatedTenant tenant, string bearer = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => SiteClient.TrustsOnly(tenant.LoadCaCertificate, certificate, errors),
            },
        };
        _http = new HttpClient(handler) { BaseAddress = tenant.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Bearer = bearer ?? tenant.Credentials.ApiKey;
    }

    public string Bearer { get; set; }

    public async Task<TenantAnswer> SendAsync(HttpMethod method, string pathAndQuery, JToken body = null, bool authorize = true)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (authorize && Bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        if (body is not null) request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JToken json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);
        }

        return new TenantAnswer(response.StatusCode, json, response.Headers.RetryAfter?.Delta);
    }

    public Task<TenantAnswer> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    public Task<TenantAnswer> PostAsync(string path, JToken body) => SendAsync(HttpMethod.Post, path, body);

    /// <summary>Every item of a list, following next links the way a client must: only their query string, sent
    /// to the tenant's own path. Returns the items and the next hrefs seen.</summary>
    public async Task<(List<JObject> Items, List<string> NextLinks)> GetAllAsync(string path, string query)
    {
        var items = new List<JObject>();
        var links = new List<string>();
        var next = path + query;
        while (next is not null)
        {
            var answer = await GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            items.AddRange(answer.Body["data"]!.Cast<JObject>());
            var href = answer.Body.SelectToken("links.next.href")?.Value<string>();
            if (href is null) break;
            links.Add(href);
            next = path + new Uri(href).Query;
        }

        return (items, links);
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record TenantAnswer(HttpStatusCode Status, JToken Body, TimeSpan? RetryAfter);
