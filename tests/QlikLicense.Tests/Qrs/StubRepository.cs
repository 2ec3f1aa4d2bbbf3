using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Tests.Qrs;

/// <summary>
/// A handler that answers QRS requests from routes the test gives (method and path below the virtual proxy, query
/// left out), recording every request with its decoded filter and body; an unknown route answers 404. In memory:
/// no network, no HTTPS.
/// </summary>
internal sealed class StubRepository : HttpMessageHandler
{
    public const string Server = "qlik.example";
    public const string Prefix = "hdr";

    private readonly ConcurrentDictionary<string, Func<StubRequest, HttpResponseMessage>> routes = new();
    private readonly HeldAnswers held = new();

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public List<string> Trace { get; } = new();

    public StubRepository On(string method, string path, Func<StubRequest, HttpResponseMessage> answer)
    {
        routes[method + " " + path] = answer;
        return this;
    }

    public StubRepository OnJson(string method, string path, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, path, request => Json(json, status));

    /// <summary>Holds the answers of a route (path below the virtual proxy) until the test sets the returned gate (<see cref="HeldAnswers"/>).</summary>
    public TaskCompletionSource Hold(string method, string path) => held.Hold(method, path);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>An allocation as QRS answers it, of a user in ACME or, without a user key, of a deleted user.</summary>
    public static string Allocation(Guid id, Guid? userKey, string userId = "alice", bool quarantined = false) =>
        new JObject
        {
            ["id"] = id.ToString("D"),
            ["lastUsed"] = "2026-03-01T10:00:00.000Z",
            ["quarantined"] = quarantined,
            ["user"] = userKey == null ? null : new JObject { ["id"] = userKey.Value.ToString("D"), ["userId"] = userId, ["userDirectory"] = "ACME", ["name"] = userId },
        }.ToString();

    public SiteCall Call => new(CancellationToken.None, line => { lock (Trace) Trace.Add(line); });

    /// <summary>Settings that send through this handler, with header authentication unless the test gives another, and no retry.</summary>
    public QrsConnectionSettings Settings(QrsAuthentication authentication = null) => new()
    {
        Server = Server,
        VirtualProxyPrefix = Prefix,
        Authentication = authentication ?? new HeaderAuthentication("X-Qlik-User", "UserDirectory=INTERNAL;UserId=sa_api"),
        Handler = this,
        MaxRetries = 0,
    };

    /// <summary>A site over this handler, as Connect-QlikSite gives one after /qrs/about answered.</summary>
    public QrsSite Site()
    {
        var connection = QrsSite.Wrap(new QrsClient(Settings()), "14.0.0", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return (QrsSite)connection.SiteApi;
    }

    /// <summary>The filters of the requests to a path, in the order sent (null for a request without one).</summary>
    public List<string> FiltersOf(string method, string path) =>
        Requests.Where(request => request.Method == method && request.Path == path).Select(request => request.Filter).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var path = request.RequestUri.AbsolutePath.Substring(("/" + Prefix + "/").Length);
        var filter = request.RequestUri.Query.TrimStart('?').Split('&')
            .Where(part => part.StartsWith("filter=", StringComparison.Ordinal))
            .Select(part => Uri.UnescapeDataString(part.Substring("filter=".Length)))
            .SingleOrDefault();
        var recorded = new StubRequest(request.Method.Method, path, filter, body);
        Requests.Enqueue(recorded);
        await held.Released(recorded.Method, path).ConfigureAwait(false);
        return routes.TryGetValue(recorded.Method + " " + path, out var answer)
            ? answer(recorded)
            : Json("\"not found\"", HttpStatusCode.NotFound);
    }
}

internal sealed record StubRequest(string Method, string Path, string Filter, string Body);
