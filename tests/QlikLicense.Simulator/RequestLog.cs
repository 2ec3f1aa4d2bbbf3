using Microsoft.AspNetCore.Http;

namespace QlikLicense.Simulator;

/// <summary>One request the site served.</summary>
/// <param name="TimeUtc">When the request arrived (wall clock, UTC).</param>
/// <param name="Path">The request path as sent (with any virtual proxy prefix).</param>
/// <param name="Filter">The decoded <c>filter</c> query parameter, or null.</param>
/// <param name="Status">The status code sent, or 0 when the connection was aborted without a response.</param>
/// <param name="QlikUser">DIRECTORY\userId from X-Qlik-User or from the proxy authentication, or null.</param>
/// <param name="RawQuery">The query string as sent (still URL-encoded, with its leading '?').</param>
public sealed record RequestLogEntry(DateTime TimeUtc, string Method, string Path, string Filter, int Status, string QlikUser, string RawQuery);

/// <summary>Every request the site served, in order of completion. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = new();

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
            Add(new RequestLogEntry(received, request.Method, request.Path.Value ?? "/", filter, status, user, request.QueryString.Value ?? ""));
        }
    }
}
