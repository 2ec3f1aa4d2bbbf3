using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Http;

/// <summary>
/// Serves both ports: authentication (X-Qlik-User on the QRS port; header, JWT or Windows on the proxy port),
/// the Xrfkey check, fault injection, then the QRS endpoints; every request lands in the request log.
/// </summary>
internal sealed partial class SiteRequestHandler(QrsApi api, RequestLog log, FaultInjection faults, ProxyAuthentication proxyAuth, WriteAheadCheck writeAhead, Func<int> qrsPort)
{
    private const string LoginPage =
        "<!DOCTYPE html><html><head><title>Qlik Sense</title></head><body><form method=\"post\" action=\"/internal_forms_authentication/\">" +
        "<h1>Log in to Qlik Sense</h1><input name=\"username\"/><input name=\"pwd\" type=\"password\"/><button>Log in</button></form></body></html>";

    public Task InvokeAsync(HttpContext context) => log.ServeAndRecordAsync(context, ServeAsync);

    private async Task<(int Status, string User)> ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string user;
        if (context.Connection.LocalPort == qrsPort())
        {
            if (!XrfkeyMatches(request)) return (await WriteTextAsync(context, 400, "XSRF prevention check failed. Possible XSRF discovered."), null);
            user = QlikUser(request.Headers["X-Qlik-User"].ToString());
            if (user is null) return (await WriteTextAsync(context, 403, "Forbidden: X-Qlik-User header missing or invalid."), null);
        }
        else
        {
            user = ProxyUser(context, out var challenged);
            if (user is null)
            {
                if (challenged)
                {
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"QlikSim\"";
                    return (await WriteTextAsync(context, 401, "Authentication required."), null);
                }

                return (await WriteTextAsync(context, 200, LoginPage, "text/html; charset=utf-8"), null);
            }

            if (!XrfkeyMatches(request)) return (await WriteTextAsync(context, 400, "XSRF prevention check failed. Possible XSRF discovered."), user);
            path = StripVirtualProxyPrefix(path);
        }

        if (!path.StartsWith("/qrs/", StringComparison.OrdinalIgnoreCase))
            return (await WriteTextAsync(context, 404, "Not found."), user);

        var decision = faults.Decide(request.Method, path);
        if (decision.Delay > TimeSpan.Zero) await Task.Delay(decision.Delay, context.RequestAborted);
        switch (decision.Kind)
        {
            case FaultKind.ResetBefore:
                context.Abort();
                return (0, user);
            case FaultKind.ServiceUnavailable:
                return (await WriteTextAsync(context, 503, "Service Unavailable"), user);
            case FaultKind.Forbidden:
                // A plain-text 403, as for a user the security rules do not allow (the body of a live QRS 403 is unconfirmed).
                return (await WriteTextAsync(context, 403, "Forbidden"), user);
        }

        var response = await ActAsync(context, path[5..].Trim('/'), user);
        switch (decision.Kind)
        {
            case FaultKind.ResetAfter:
                context.Abort();
                return (0, user);
            case FaultKind.TruncatedJson when response.IsJson:
                // A complete HTTP answer whose JSON stops halfway: deterministic, unlike a reset that may lose bytes in flight.
                var whole = new MemoryStream();
                await JsonBodyWriter.WriteAsync(response, whole, context.RequestAborted);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.Body.WriteAsync(whole.GetBuffer().AsMemory(0, (int)(whole.Length / 2)), context.RequestAborted);
                return (response.Status, user);
        }

        return (await WriteAsync(context, response), user);
    }

    private async Task<QrsResponse> ActAsync(HttpContext context, string qrsPath, string user)
    {
        try
        {
            JToken body = null;
            if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var text = await reader.ReadToEndAsync(context.RequestAborted);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    try
                    {
                        body = Json.Parse(text);
                    }
                    catch (JsonException exception)
                    {
                        return QrsResponse.Error(400, "The request body is not valid JSON: " + exception.Message);
                    }
                }
            }

            var violation = writeAhead.Check(context.Request.Method.ToUpperInvariant(), qrsPath, body);
            if (violation is not null) return QrsResponse.Error(500, violation);
            var query = context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            return api.Handle(new QrsRequest(context.Request.Method.ToUpperInvariant(), qrsPath, query, body, user));
        }
        catch (QrsException exception)
        {
            return QrsResponse.Error(exception.Status, exception.Message);
        }
    }

    private static async Task<int> WriteAsync(HttpContext context, QrsResponse response)
    {
        if (response.Text is not null) return await WriteTextAsync(context, response.Status, response.Text);
        context.Response.StatusCode = response.Status;
        if (response.IsJson)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonBodyWriter.WriteAsync(response, context.Response.Body, context.RequestAborted);
        }

        return response.Status;
    }

    private static async Task<int> WriteTextAsync(HttpContext context, int status, string text, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(text, context.RequestAborted);
        return status;
    }

    /// <summary>The xrfkey query parameter and the X-Qlik-Xrfkey header: both present, equal, 16 of [0-9a-zA-Z].</summary>
    private static bool XrfkeyMatches(HttpRequest request)
    {
        if (!request.Query.TryGetValue("xrfkey", out var query) || query.Count != 1) return false;
        if (!request.Headers.TryGetValue("X-Qlik-Xrfkey", out var header) || header.Count != 1) return false;
        return string.Equals(query[0], header[0], StringComparison.Ordinal) && XrfkeyPattern().IsMatch(query[0] ?? "");
    }

    /// <summary>"UserDirectory=CORP; UserId=jdoe" (URL-encoded values) → CORP\jdoe, or null.</summary>
    private static string QlikUser(string header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        string directory = null, userId = null;
        foreach (var part in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=');
            if (separator <= 0) return null;
            var value = Uri.UnescapeDataString(part[(separator + 1)..].Trim());
            switch (part[..separator].Trim().ToLowerInvariant())
            {
                case "userdirectory": directory = value; break;
                case "userid": userId = value; break;
            }
        }

        return string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(userId) ? null : directory + "\\" + userId;
    }

    private string ProxyUser(HttpContext context, out bool challenged)
    {
        challenged = false;
        var request = context.Request;
        var sessionUser = proxyAuth.SessionUser(request.Cookies[ProxyAuthentication.SessionCookieName]);
        if (sessionUser is not null) return sessionUser;

        var headerUser = request.Headers[proxyAuth.HeaderName].ToString();
        if (!string.IsNullOrWhiteSpace(headerUser)) return proxyAuth.HeaderUserDirectory + "\\" + headerUser.Trim();

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return string.Equals(authorization[7..].Trim(), proxyAuth.ValidJwt, StringComparison.Ordinal) ? proxyAuth.JwtUser : null;

        if (!request.Headers.UserAgent.ToString().Contains("Windows", StringComparison.OrdinalIgnoreCase)) return null;
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && BasicCredentialsValid(authorization[6..].Trim()))
        {
            var user = proxyAuth.WindowsDomain + "\\" + proxyAuth.WindowsUser;
            context.Response.Cookies.Append(ProxyAuthentication.SessionCookieName, proxyAuth.OpenSession(user),
                new CookieOptions { HttpOnly = true, Secure = true, Path = "/", SameSite = SameSiteMode.None });
            return user;
        }

        challenged = true;
        return null;
    }

    private bool BasicCredentialsValid(string encoded)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = decoded.IndexOf(':');
        if (separator < 0) return false;
        var name = decoded[..separator];
        var slash = name.IndexOf('\\');
        if (slash >= 0)
        {
            if (!name[..slash].Equals(proxyAuth.WindowsDomain, StringComparison.OrdinalIgnoreCase)) return false;
            name = name[(slash + 1)..];
        }

        return name.Equals(proxyAuth.WindowsUser, StringComparison.OrdinalIgnoreCase) &&
               string.Equals(decoded[(separator + 1)..], proxyAuth.WindowsPassword, StringComparison.Ordinal);
    }

    /// <summary>/{prefix}/qrs/... → /qrs/...; the proxy serves any virtual proxy prefix.</summary>
    private static string StripVirtualProxyPrefix(string path)
    {
        if (path.StartsWith("/qrs/", StringComparison.OrdinalIgnoreCase)) return path;
        var second = path.IndexOf('/', 1);
        return second > 0 ? path[second..] : path;
    }

    [GeneratedRegex("^[0-9a-zA-Z]{16}$")]
    private static partial Regex XrfkeyPattern();
}
