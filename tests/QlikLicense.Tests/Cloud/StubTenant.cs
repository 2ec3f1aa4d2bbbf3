using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using Newtonsoft.Json.Linq;
using QlikLicense.Cloud;

namespace QlikLicense.Tests.Cloud;

/// <summary>
/// A handler that answers the tenant API from routes the test gives (method and path, query left out), recording
/// every request with its bearer token; an unknown route answers 404.
/// </summary>
internal sealed class StubTenant : HttpMessageHandler
{
    public const string Tenant = "https://acme.eu.qlikcloud.com";
    public const string ApiKey = "api-key-SECRET-123";

    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, string?, HttpResponseMessage>> routes = new();
    private readonly HeldAnswers held = new();

    public ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Bearer, string? Body)> Requests { get; } = new();

    public List<string> Trace { get; } = new();

    public StubTenant On(string method, string path, Func<HttpRequestMessage, string?, HttpResponseMessage> answer)
    {
        routes[method + " " + path] = answer;
        return this;
    }

    public StubTenant OnJson(string method, string path, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, path, (request, body) => Json(json, status));

    /// <summary>Holds the answers of a route until the test sets the returned gate (<see cref="HeldAnswers"/>).</summary>
    public TaskCompletionSource Hold(string method, string path) => held.Hold(method, path);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text) secure.AppendChar(character);
        return secure;
    }

    public CloudConnectionSettings Settings(CloudCredentials credentials = null) => new()
    {
        Tenant = new Uri(Tenant),
        Credentials = credentials ?? CloudCredentials.ApiKey(Secure(ApiKey)),
        Handler = this,
        WriteInterval = TimeSpan.Zero,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    };

    public SiteCall Call => new(CancellationToken.None, line => { lock (Trace) Trace.Add(line); });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Requests.Enqueue((request.Method, request.RequestUri, request.Headers.Authorization?.Parameter, body));
        await held.Released(request.Method.Method, request.RequestUri.AbsolutePath).ConfigureAwait(false);
        return routes.TryGetValue(request.Method.Method + " " + request.RequestUri.AbsolutePath, out var answer)
            ? answer(request, body)
            : Json("""{"errors":[{"title":"Not found"}]}""", HttpStatusCode.NotFound);
    }

    /// <summary>A list page in the tenant's envelope, with a next link on the service's internal host as Qlik's examples show.</summary>
    public static string Page(string items, string nextQuery = null) =>
        "{\"data\":[" + items + "],\"links\":{" + (nextQuery == null ? string.Empty : "\"next\":{\"href\":\"http://license/v1/licenses/assignments" + nextQuery + "\"}") + "}}";

    public static JObject BodyOf(string body) => JObject.Parse(body);
}
