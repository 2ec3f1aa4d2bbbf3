using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// Serves the tenant: the token endpoint (POST /oauth/token), then for /api/v1/...: bearer authentication (401),
/// the rate limits (429 with Retry-After), injected faults, the write-ahead check, the endpoint. Every request lands in the request log
/// (its user column holds "apikey:&lt;owner subject&gt;" or "client:&lt;client id&gt;").
/// </summary>
internal sealed class TenantRequestHandler(TenantApi api, TenantCredentials credentials, TenantRateLimits rateLimits, FaultInjection faults, RequestLog log,
    WriteAheadCheck writeAhead)
{
    private const string ApiPrefix = "/api/v1/";

    public Task InvokeAsync(HttpContext context) => log.ServeAndRecordAsync(context, ServeAsync);

    private async Task<(int Status, string Caller)> ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var decision = faults.Decide(request.Method, path);
        if (decision.Delay > TimeSpan.Zero) await Task.Delay(decision.Delay, context.RequestAborted);
        switch (decision.Kind)
        {
            case FaultKind.ResetBefore:
                context.Abort();
                return (0, null);
            case FaultKind.ServiceUnavailable:
                return (await WriteAsync(context, TenantResponse.Error(503, "HTTP-503", "Service Unavailable"), FaultKind.None), null);
        }

        if (string.Equals(path, "/oauth/token", StringComparison.OrdinalIgnoreCase))
        {
            var token = HttpMethods.IsPost(request.Method)
                ? await TokenAsync(request, context.RequestAborted)
                : TenantResponse.Error(405, "HTTP-405", "Method Not Allowed");
            return (await WriteAsync(context, token, decision.Kind), null);
        }

        if (!path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase))
            return (await WriteAsync(context, TenantResponse.NotFound(), decision.Kind), null);

        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        var caller = credentials.Authenticate(bearer, out var problem);
        if (caller is null)
        {
            // Unconfirmed: the live 401 body; ours follows the documented error shape.
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return (await WriteAsync(context, TenantResponse.Error(401, "HTTP-401", "Unauthorized", problem), decision.Kind), null);
        }

        var apiPath = path[ApiPrefix.Length..].Trim('/');
        var wait = rateLimits.Admit(caller.RateKey, TenantApi.TierOf(request.Method, apiPath), DateTime.UtcNow);
        if (wait is not null)
        {
            var limited = TenantResponse.Error(429, "HTTP-429", "Too Many Requests", "Rate limit exceeded for this tier.");
            limited.Headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return (await WriteAsync(context, limited, decision.Kind), caller.Display);
        }

        JToken body = null;
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    body = Parse(text);
                }
                catch (JsonException exception)
                {
                    return (await WriteAsync(context, TenantResponse.BadRequest("The body is not valid JSON: " + exception.Message), decision.Kind), caller.Display);
                }
            }
        }

        var query = request.Query.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? ""))).ToList();
        var tenantRequest = new TenantRequest(request.Method.ToUpperInvariant(), apiPath, query, body, caller);
        if (TenantApi.ChangedNames(tenantRequest) is { } changed &&
            writeAhead.CheckNamed($"{tenantRequest.Method} {path}", changed) is { } violation)
            return (await WriteAsync(context, TenantResponse.Error(500, "HTTP-500", "Write-ahead check", violation), decision.Kind), caller.Display);
        var response = api.Handle(tenantRequest);
        return (await WriteAsync(context, response, decision.Kind), caller.Display);
    }

    /// <summary>POST /oauth/token: client credentials (JSON, or the form encoding OAuth clients also send).</summary>
    private async Task<TenantResponse> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string clientId, clientSecret, grantType;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            (clientId, clientSecret, grantType) = (form["client_id"].ToString(), form["client_secret"].ToString(), form["grant_type"].ToString());
        }
        else
        {
            var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(cancellationToken);
            JObject body;
            try
            {
                body = Parse(text) as JObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body is null) return OAuthError(400, "invalid_request", "The body must be a JSON object.");
            (clientId, clientSecret, grantType) = (body.Value<string>("client_id"), body.Value<string>("client_secret"), body.Value<string>("grant_type"));
        }

        // Unconfirmed: the live error bodies; ours are OAuth 2.0's (RFC 6749 §5.2).
        if (grantType != "client_credentials") return OAuthError(400, "unsupported_grant_type", "Only client_credentials is supported here.");
        if (!credentials.ClientValid(clientId, clientSecret)) return OAuthError(401, "invalid_client", "Unknown client or wrong secret.");
        return TenantResponse.Json(200, new JObject
        {
            ["access_token"] = credentials.IssueToken(clientId),
            ["token_type"] = "bearer",
            ["expires_in"] = (int)credentials.TokenLifetime.TotalSeconds,
            ["scope"] = "user_default",
        });
    }

    private static TenantResponse OAuthError(int status, string error, string description) =>
        TenantResponse.Json(status, new JObject { ["error"] = error, ["error_description"] = description });

    private static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        if (reader.Read()) throw new JsonReaderException("Additional text after the JSON value.");
        return token;
    }

    private static async Task<int> WriteAsync(HttpContext context, TenantResponse response, FaultKind fault)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        var bytes = response.Body is null ? [] : Encoding.UTF8.GetBytes(response.Body.ToString(Formatting.None));
        if (response.Body is not null) context.Response.ContentType = "application/json; charset=utf-8";
        switch (fault)
        {
            case FaultKind.ResetAfter:
                context.Abort();
                return 0;
            case FaultKind.TruncatedJson:
                // A complete HTTP answer whose JSON stops halfway.
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
                return response.Status;
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        return response.Status;
    }
}
