using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Tests;

/// <summary>HTTP clients for a simulated site that trust its CA only (never the machine's trust store).</summary>
internal static class SiteClient
{
    public const string Xrfkey = "0123456789abcdef";
    public const string AdminUser = "UserDirectory=INTERNAL; UserId=sa_api";

    public static HttpClient Qrs(SimulatedSite site, bool sendClientCertificate = true)
    {
        var clientCertificate = sendClientCertificate ? site.LoadClientCertificate() : null;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustsSiteCa(site, certificate, errors),
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
            },
        };
        var client = new HttpClient(handler) { BaseAddress = site.QrsBaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Qlik-User", AdminUser);
        return client;
    }

    public static HttpClient Proxy(SimulatedSite site, HttpMessageHandler handler = null, string userAgent = null)
    {
        handler ??= ProxyHandler(site);
        var client = new HttpClient(handler) { BaseAddress = site.ProxyBaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    public static SocketsHttpHandler ProxyHandler(SimulatedSite site, ICredentials credentials = null) => new()
    {
        Credentials = credentials,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustsSiteCa(site, certificate, errors),
        },
    };

    /// <summary>A request with a matching Xrfkey in query and header.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, JToken body = null, string filter = null)
    {
        var separator = path.Contains('?') ? "&" : "?";
        var uri = $"{path}{separator}xrfkey={Xrfkey}";
        if (filter is not null) uri += "&filter=" + Uri.EscapeDataString(filter);
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("X-Qlik-Xrfkey", Xrfkey);
        if (body is not null) request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        return request;
    }

    public static async Task<(HttpStatusCode Status, JToken Body, string Text)> QrsSendAsync(this HttpClient client, HttpMethod method, string path,
        JToken body = null, string filter = null)
    {
        using var response = await client.SendAsync(Request(method, path, body, filter));
        var text = await response.Content.ReadAsStringAsync();
        JToken json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);
        }

        return (response.StatusCode, json, text);
    }

    public static Task<(HttpStatusCode Status, JToken Body, string Text)> QrsGetAsync(this HttpClient client, string path, string filter = null) =>
        client.QrsSendAsync(HttpMethod.Get, path, null, filter);

    private static bool TrustsSiteCa(SimulatedSite site, X509Certificate certificate, SslPolicyErrors errors) =>
        TrustsOnly(site.LoadCaCertificate, certificate, errors);

    /// <summary>Whether <paramref name="certificate"/> names the host and chains to the CA <paramref name="loadCa"/> gives (and only to it).</summary>
    internal static bool TrustsOnly(Func<X509Certificate2> loadCa, X509Certificate certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var ca = loadCa();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
