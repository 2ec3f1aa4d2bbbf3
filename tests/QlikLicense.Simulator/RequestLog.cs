using Microsoft.AspNetCore.Http;

namespace QlikLicense.Simulator;

/// <summary>One request the site served.</summary>
/// <param name="TimeUtc">When the request arrived (wall clock, UTC).</param>
/// <param name="Path">The request path as sent (with any virtual proxy prefix).</param>
/// <param name="Filter">The decoded <c>filter</c> query parameter, or null.</param>
/// <param name="Status">The status code sent, or 0 when the connection was aborted without a response.</param>
/// <param name="QlikUser">DIRECTORY\userId from X-Qlik-User or from the proxy authentication, or null.</param>
/// <param name="RawQuery">The query string as sent (still URL-encoded, with its leading '?').</param>
/// <param name="Body">The body of a request that had one (writes), as text; else null.</param>
/// <param name="UserAgent">The User-Agent header: the module's requests say "QlikLicense/&lt;version&gt;".</param>
public sealed record RequestLogEntry(DateTime TimeUtc, string Method, string Path, string Filter, int Status, string QlikUser, string RawQuery,
    string Body = null, string UserAgent = null);

/// <summary>Every request the site served, in order of completion, also written to the request trail when one is kept. Thread-safe.</summary>
/// <param name="api">Which API the requests are of ("qrs", "cloud"): the trail keeps each API's requests in files of their own.</param>
public sealed class RequestLog(string api)
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = new();

    public string Api { get; } = api;

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate) return _entries.ToArray();
    }

    /// <summary>Requests with this method (any if null) whose path starts with <paramref name="pathPrefix"/>
    /// (any if null); both case-insensitive.</summary>
    public int Count(string method = null, string pathPrefix = null)
    {
        lock (_gate)
        {
            return _entries.Count(entry =>
                (method is null || string.Equals(entry.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                (pathPrefix is null || entry.Path.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate) _entries.Add(entry);
    }

    /// <summary>Serves a request and logs it, with status 0 when the client went away or the connection was aborted.</summary>
    internal async Task ServeAndRecordAsync(HttpContext context, Func<HttpContext, Task<(int Status, string User)>> serve)
    {
        var request = context.Request;
        var received = DateTime.UtcNow;
        var status = 0;
        string user = null;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        try
        {
            (status, user) = await serve(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 0;
        }
        catch (IOException)
        {
            // The client went away mid-answer; the log says so with status 0.
            status = 0;
        }
        finally
        {
            string filter = request.Query.TryGetValue("filter", out var values) ? values.ToString() : null;
            var entry = new RequestLogEntry(received, request.Method, request.Path.Value ?? "/", filter, status, user, request.QueryString.Value ?? "",
                body, request.Headers.UserAgent.ToString());
            Add(entry);
            RequestTrail.Write(Api, entry);
        }
    }

    /// <summary>The body's text, read ahead of the endpoint, which reads it again from the start; null without one.</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding")) return null;
        request.EnableBuffering();
        try
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, false, 4096, leaveOpen: true);
            var text = await reader.ReadToEndAsync(cancellation);
            return text.Length == 0 ? null : text;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client went away while sending: the endpoint sees the same, the log has no body.
            return null;
        }
        finally
        {
            if (request.Body.CanSeek) request.Body.Position = 0;
        }
    }
}
