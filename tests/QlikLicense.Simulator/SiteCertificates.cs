using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QlikLicense.Simulator;

/// <summary>
/// The site's certificates, made in-process like a Qlik Sense install makes its own: a CA ("QlikSim-CA"), a
/// server certificate for localhost/127.0.0.1/::1 and a client certificate ("QlikClient"), both signed by the CA.
/// </summary>
internal sealed class SiteCertificates : IDisposable
{
    public const string RootFileName = "root.cer";
    public const string ClientPfxFileName = "client.pfx";
    public const string ClientCerFileName = "client.cer";

    private SiteCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 serverIssuer, X509Certificate2 client)
    {
        CertificateAuthority = ca;
        Server = server;
        ServerIssuer = serverIssuer;
        Client = client;
    }

    public X509Certificate2 CertificateAuthority { get; }
    public X509Certificate2 Server { get; }

    /// <summary>The CA that signed <see cref="Server"/>: the site CA, or an unrelated one for "untrusted" tests.</summary>
    public X509Certificate2 ServerIssuer { get; }

    public X509Certificate2 Client { get; }

    public static SiteCertificates Create(string hostName, bool untrustedServer)
    {
        var ca = CreateAuthority("QlikSim-CA");
        var serverIssuer = untrustedServer ? CreateAuthority("QlikSim-Untrusted-CA") : ca;
        var server = CreateLeaf(serverIssuer, "CN=" + hostName, serverAuth: true, hostName);
        var client = CreateLeaf(ca, "CN=QlikClient", serverAuth: false, hostName: null);
        return new SiteCertificates(ca, server, serverIssuer, client);
    }

    /// <summary>Writes root.cer (PEM), client.pfx (with <paramref name="password"/>) and client.cer (PEM).</summary>
    public void Export(string directory, string password)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, RootFileName), CertificateAuthority.ExportCertificatePem() + "\n");
        File.WriteAllBytes(Path.Combine(directory, ClientPfxFileName), Client.Export(X509ContentType.Pkcs12, password));
        File.WriteAllText(Path.Combine(directory, ClientCerFileName), Client.ExportCertificatePem() + "\n");
    }

    /// <summary>True when <paramref name="certificate"/> chains to the site CA (and only to it).</summary>
    public bool IsIssuedBySiteAuthority(X509Certificate2 certificate)
    {
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        if (!ReferenceEquals(ServerIssuer, CertificateAuthority)) ServerIssuer.Dispose();
        CertificateAuthority.Dispose();
    }

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        return Reload(certificate);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 issuer, string subject, bool serverAuth, string hostName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(hostName);
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(issuer, now.AddDays(-1), now.AddYears(1), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // An ephemeral key from CertificateRequest cannot serve TLS on Windows; a PKCS#12 round trip gives a usable one.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
