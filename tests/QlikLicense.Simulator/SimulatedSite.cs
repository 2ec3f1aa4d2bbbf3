using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QlikLicense.Simulator.Http;

namespace QlikLicense.Simulator;

/// <summary>
/// A simulated Qlik Sense site on 127.0.0.1: a QRS endpoint with mutual TLS (like port 4242) and a proxy-style
/// endpoint (like 443) with virtual proxy authentication, both HTTPS with certificates made for this site.
/// </summary>
public sealed class SimulatedSite : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly SiteCertificates _certificates;
    private readonly bool _ownsCertificateDirectory;
    private int _disposed;

    private SimulatedSite(WebApplication app, SiteCertificates certificates, string certificateDirectory, bool ownsCertificateDirectory,
        string password, SiteStore store, RequestLog requests, FaultInjection faults, ProxyAuthentication proxyAuth, WriteAheadCheck writeAhead, int qrsPort, int proxyPort)
    {
        _app = app;
        _certificates = certificates;
        _ownsCertificateDirectory = ownsCertificateDirectory;
        CertificateDirectory = certificateDirectory;
        ClientCertificatePassword = password;
        Store = store;
        Requests = requests;
        Faults = faults;
        ProxyAuth = proxyAuth;
        WriteAhead = writeAhead;
        QrsPort = qrsPort;
        ProxyPort = proxyPort;
    }

    public string HostName => "localhost";

    /// <summary>The mutual-TLS QRS endpoint (like 4242).</summary>
    public int QrsPort { get; }

    /// <summary>The proxy-style endpoint (like 443): server TLS only, virtual proxy authentication.</summary>
    public int ProxyPort { get; }

    /// <summary>Holds root.cer (the CA, PEM), client.pfx and client.cer.</summary>
    public string CertificateDirectory { get; }

    public string ClientCertificatePath => Path.Combine(CertificateDirectory, SiteCertificates.ClientPfxFileName);

    /// <summary>The password of client.pfx, random per site.</summary>
    public string ClientCertificatePassword { get; }

    public string CaCertificatePath => Path.Combine(CertificateDirectory, SiteCertificates.RootFileName);

    public string CaCertificateThumbprint => _certificates.CertificateAuthority.Thumbprint;

    public string ServerCertificateThumbprint => _certificates.Server.Thumbprint;

    public SiteStore Store { get; }

    public RequestLog Requests { get; }

    public FaultInjection Faults { get; }

    public ProxyAuthentication ProxyAuth { get; }

    /// <summary>Checks that each change request is journaled before it arrives; off until its JournalPath is set.</summary>
    public WriteAheadCheck WriteAhead { get; }

    /// <summary>https://localhost:{QrsPort}</summary>
    public Uri QrsBaseAddress => new($"https://{HostName}:{QrsPort}/");

    /// <summary>https://localhost:{ProxyPort}</summary>
    public Uri ProxyBaseAddress => new($"https://{HostName}:{ProxyPort}/");

    /// <summary>The site CA as a certificate object, for clients that trust it explicitly.</summary>
    public X509Certificate2 LoadCaCertificate() => X509CertificateLoader.LoadCertificate(_certificates.CertificateAuthority.RawData);

    /// <summary>The client certificate with its private key, as client.pfx holds it.</summary>
    public X509Certificate2 LoadClientCertificate() =>
        X509CertificateLoader.LoadPkcs12FromFile(ClientCertificatePath, ClientCertificatePassword, X509KeyStorageFlags.Exportable);

    public static async Task<SimulatedSite> StartAsync(SiteOptions options = null, CancellationToken ct = default)
    {
        options ??= new SiteOptions();
        var clock = new SiteClock(options.Now);
        var store = new SiteStore(clock);
        if (options.LoadSeed) SeedLoader.Load(store);
        SiteGenerator.Populate(store, options.GeneratedUsers, options.RandomSeed);
        LicenseModelSeed.Apply(store, options.LicenseModel);

        var ownsDirectory = string.IsNullOrEmpty(options.CertificateDirectory);
        var directory = ownsDirectory
            ? Directory.CreateTempSubdirectory("qliksim-certs-").FullName
            : Path.GetFullPath(options.CertificateDirectory);
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
        var certificates = SiteCertificates.Create("localhost", options.UntrustedServerCertificate);
        WebApplication app = null;
        try
        {
            certificates.Export(directory, password);
            var requests = new RequestLog("qrs");
            var faults = new FaultInjection(options.RandomSeed);
            var proxyAuth = new ProxyAuthentication();
            var writeAhead = new WriteAheadCheck();
            ListenOptions qrsListen = null, proxyListen = null;

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatedSite).Assembly.GetName().Name });
            builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
            // A library component must not take over the process's Ctrl+C/SIGTERM handling.
            builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    qrsListen = listen;
                    listen.Protocols = HttpProtocols.Http1;
                    listen.UseHttps(HttpsOptions(certificates, ClientCertificateMode.RequireCertificate));
                });
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    proxyListen = listen;
                    listen.Protocols = HttpProtocols.Http1;
                    listen.UseHttps(HttpsOptions(certificates, ClientCertificateMode.NoCertificate));
                });
            });
            app = builder.Build();
            var qrsPort = 0;
            var handler = new SiteRequestHandler(new QrsApi(store), requests, faults, proxyAuth, writeAhead, () => Volatile.Read(ref qrsPort));
            app.Run(handler.InvokeAsync);
            await app.StartAsync(ct);
            Volatile.Write(ref qrsPort, qrsListen.IPEndPoint!.Port);
            return new SimulatedSite(app, certificates, directory, ownsDirectory, password, store, requests, faults, proxyAuth, writeAhead,
                qrsPort, proxyListen.IPEndPoint!.Port);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            certificates.Dispose();
            if (ownsDirectory) TryDeleteDirectory(directory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _certificates.Dispose();
            if (_ownsCertificateDirectory) TryDeleteDirectory(CertificateDirectory);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static HttpsConnectionAdapterOptions HttpsOptions(SiteCertificates certificates, ClientCertificateMode mode)
    {
        var options = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificates.Server,
            ServerCertificateChain = new X509Certificate2Collection(certificates.ServerIssuer),
            ClientCertificateMode = mode,
            CheckCertificateRevocation = false,
        };
        if (mode == ClientCertificateMode.RequireCertificate)
        {
            // Only certificates issued by this site's CA get in, like a Qlik site trusts only its own CA.
            options.ClientCertificateValidation = (certificate, _, _) => certificates.IsIssuedBySiteAuthority(certificate);
        }

        return options;
    }

    internal static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A host lifetime that leaves process signals to whoever hosts the site.</summary>
    internal sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
