using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace QlikLicense.Simulator;

/// <summary>
/// How the proxy-style endpoint authenticates, like a set of virtual proxies: header authentication, JWT
/// (Bearer) and Windows authentication (simulated with Basic credentials, then a session cookie).
/// The token and the Windows password are random per site.
/// </summary>
public sealed class ProxyAuthentication
{
    public const string SessionCookieName = "X-Qlik-Session";
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);

    internal ProxyAuthentication()
    {
        ValidJwt = RandomToken(32);
        WindowsUser = "winuser";
        WindowsPassword = RandomToken(16);
    }

    /// <summary>The header that carries the user id for header authentication.</summary>
    public string HeaderName { get; set; } = "X-Qlik-HeaderUser";

    /// <summary>The user directory a header-authenticated user belongs to (a static-directory header proxy).</summary>
    public string HeaderUserDirectory { get; set; } = "CORP";

    /// <summary>The only bearer token the JWT virtual proxy accepts.</summary>
    public string ValidJwt { get; }

    /// <summary>The user the valid JWT stands for, as DIRECTORY\userId.</summary>
    public string JwtUser { get; set; } = @"CORP\jwtuser";

    public string WindowsDomain { get; set; } = "CORP";
    public string WindowsUser { get; set; }
    public string WindowsPassword { get; set; }

    /// <summary>Sessions opened by Windows logins.</summary>
    public int SessionCount => _sessions.Count;

    internal string OpenSession(string user)
    {
        var session = RandomToken(24);
        _sessions[session] = user;
        return session;
    }

    internal string SessionUser(string session) =>
        session is not null && _sessions.TryGetValue(session, out var user) ? user : null;

    private static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
