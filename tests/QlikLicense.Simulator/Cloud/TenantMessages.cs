using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>A request to the tenant's REST API, after authentication.</summary>
/// <param name="Path">The path below /api/v1/, without slashes at either end (e.g. "licenses/assignments").</param>
/// <param name="Query">The query parameters in the order sent (decoded).</param>
internal sealed record TenantRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, JToken Body, TenantCaller Caller)
{
    public string Parameter(string name) =>
        Query.Where(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Select(pair => pair.Value).FirstOrDefault();
}

/// <summary>Who sent a request: the owner of an API key, or an OAuth client (machine-to-machine, acts as Tenant Admin).</summary>
/// <param name="RateKey">What rate limits are counted per (the user, or the client).</param>
/// <param name="UserId">The API key owner's user id; null for an OAuth client.</param>
public sealed record TenantCaller(string RateKey, string UserId, string Display);

/// <summary>What the tenant answers: a status, a JSON body (or none) and extra headers.</summary>
internal sealed class TenantResponse(int status, JToken body)
{
    public int Status { get; } = status;
    public JToken Body { get; } = body;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static TenantResponse Json(int status, JToken body) => new(status, body);

    /// <summary>Qlik Cloud's error body: <c>{errors:[{code,title,detail,status}]}</c> plus the deprecated
    /// <c>error</c>/<c>message</c>. The generic codes (HTTP-nnn) are the simulator's; only LICENSES-011 and
    /// LICENSES-016 are documented.</summary>
    public static TenantResponse Error(int status, string code, string title, string detail = null)
    {
        var error = new JObject { ["code"] = code, ["title"] = title, ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (detail is not null) error["detail"] = detail;
        return new TenantResponse(status, new JObject
        {
            ["errors"] = new JArray(error),
            ["error"] = title,
            ["message"] = detail ?? title,
        });
    }

    public static TenantResponse BadRequest(string detail) => Error(400, "HTTP-400", "Bad Request", detail);

    public static TenantResponse NotFound(string detail = "No such resource.") => Error(404, "HTTP-404", "Not Found", detail);
}
