using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// What the tenant accepts as <c>Authorization: Bearer</c>: one API key (owned by the tenant admin user, with an
/// expiry) and access tokens from <c>POST /oauth/token</c> for one OAuth client (client credentials). Keys, client
/// id and secret are random per tenant; expiry follows the tenant clock.
/// </summary>
public sealed class TenantCredentials
{
    private readonly ConcurrentDictionary<string, (DateTime ExpiresUtc, string ClientId)> _tokens = new(StringComparer.Ordinal);
    private readonly SiteClock _clock;

    internal TenantCredentials(SiteClock clock, TenantUser apiKeyOwner)
    {
        _clock = clock;
        ApiKeyOwner = apiKeyOwner;
        ApiKey = "qliksim-key-" + RandomToken(40);
        ApiKeyExpiresUtc = clock.UtcNow.AddYears(1);
        ClientId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        ClientSecret = RandomToken(64);
    }

    /// <summary>The API key (a user's key: it acts as <see cref="ApiKeyOwner"/>).</summary>
    public string ApiKey { get; }

    public TenantUser ApiKeyOwner { get; }

    /// <summary>After this time (tenant clock) the API key answers 401.</summary>
    public DateTime ApiKeyExpiresUtc { get; set; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The lifetime of the access tokens the token endpoint issues (expires_in); 6 hours like Qlik Cloud.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Access tokens issued so far.</summary>
    public int IssuedTokenCount => _tokens.Count;

    /// <summary>Every access token issued so far expires now (the API key is not affected).</summary>
    public void ExpireTokens()
    {
        foreach (var token in _tokens.Keys) _tokens[token] = (DateTime.MinValue, _tokens[token].ClientId);
    }

    internal string IssueToken(string clientId)
    {
        var token = "qliksim-token-" + RandomToken(48);
        _tokens[token] = (_clock.UtcNow + TokenLifetime, clientId);
        return token;
    }

    internal bool ClientValid(string clientId, string clientSecret) =>
        FixedTimeEquals(clientId, ClientId) & FixedTimeEquals(clientSecret, ClientSecret);

    /// <summary>The caller behind a bearer token; null with the reason when it is unknown or expired.</summary>
    internal TenantCaller Authenticate(string bearer, out string problem)
    {
        problem = null;
        if (FixedTimeEquals(bearer, ApiKey))
        {
            if (_clock.UtcNow < ApiKeyExpiresUtc) return new TenantCaller("user:" + ApiKeyOwner.Id, ApiKeyOwner.Id, "apikey:" + ApiKeyOwner.Subject);
            problem = "The API key has expired.";
            return null;
        }

        if (bearer is not null && _tokens.TryGetValue(bearer, out var issued))
        {
            if (_clock.UtcNow < issued.ExpiresUtc) return new TenantCaller("client:" + issued.ClientId, null, "client:" + issued.ClientId);
            problem = "The access token has expired.";
            return null;
        }

        problem = "The token is not valid.";
        return null;
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(actual), System.Text.Encoding.UTF8.GetBytes(expected));

    private static string RandomToken(int length) =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", length);
}
