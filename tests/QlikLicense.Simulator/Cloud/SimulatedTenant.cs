using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// A simulated Qlik Cloud tenant on 127.0.0.1: the REST API below /api/v1/ and the OAuth token endpoint over HTTPS,
/// with a server certificate made for it (like <see cref="SimulatedSite"/>: clients trust root.cer).
/// </summary>
public sealed class SimulatedTenant : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly SiteCertificates _certificates;
    private readonly bool _ownsCertificateDirectory;
    private int _disposed;

    private SimulatedTenant(WebApplication app, SiteCertificates certificates, string certificateDirectory, bool ownsCertificateDirectory,
        TenantStore store, TenantCredentials credentials, TenantRateLimits rateLimits, FaultInjection faults, RequestLog requests,
        WriteAheadCheck writeAhead, int port)
    {
        _app = app;
        _certificates = certificates;
        _ownsCertificateDirectory = ownsCertificateDirectory;
        CertificateDirectory = certificateDirectory;
        Store = store;
        Credentials = credentials;
        RateLimits = rateLimits;
        Faults = faults;
        Requests = requests;
        WriteAhead = writeAhead;
        Port = port;
    }

    public string HostName => "localhost";

    public int Port { get; }

    /// <summary>https://localhost:{Port}/ (stands for https://&lt;tenant&gt;.&lt;region&gt;.qlikcloud.com).</summary>
    public Uri BaseAddress => new($"https://{HostName}:{Port}/");

    /// <summary>Holds root.cer, the CA that signed the server certificate (PEM).</summary>
    public string CertificateDirectory { get; }

    public string CaCertificatePath => Path.Combine(CertificateDirectory, SiteCertificates.RootFileName);

    public string CaCertificateThumbprint => _certificates.CertificateAuthority.Thumbprint;

    public string ServerCertificateThumbprint => _certificates.Server.Thumbprint;

    public TenantStore Store { get; }

    /// <summary>The API key, the OAuth client id and secret, token lifetime and expiry.</summary>
    public TenantCredentials Credentials { get; }

    /// <summary>429 answers: budgets per tier, or on demand.</summary>
    public TenantRateLimits RateLimits { get; }

    /// <summary>503, resets, truncated JSON, delays (the site's <see cref="FaultInjection"/>).</summary>
    public FaultInjection Faults { get; }

    /// <summary>Every request served; the user column holds "apikey:&lt;subject&gt;" or "client:&lt;client id&gt;".</summary>
    public RequestLog Requests { get; }

    /// <summary>Checks that each batch action and settings change is journaled before it arrives (each item's subject,
    /// each setting's name); off until its JournalPath is set. A request that fails it answers 500.</summary>
    public WriteAheadCheck WriteAhead { get; }

    /// <summary>The CA as a certificate object, for clients that trust it explicitly.</summary>
    public X509Certificate2 LoadCaCertificate() => X509CertificateLoader.LoadCertificate(_certificates.CertificateAuthority.RawData);

    public static async Task<SimulatedTenant> StartAsync(TenantOptions options = null, CancellationToken ct = default)
    {
        options ??= new TenantOptions();
        var clock = new SiteClock(options.Now);
        var store = new TenantStore(clock, options.Subscription, options.RandomSeed);
        var owner = options.LoadSeed
            ? TenantSeed.Load(store)
            // An API key belongs to a user: without the seed, its owner is the tenant's only user to start with.
            : store.AddUser(TenantSeed.AdminSubject, "Tenant Admin", "admin@qliksim.example", roles: ["TenantAdmin"]);
        TenantGenerator.Populate(store, options.GeneratedUsers, options.RandomSeed);

        var ownsDirectory = string.IsNullOrEmpty(options.CertificateDirectory);
        var directory = ownsDirectory
            ? Directory.CreateTempSubdirectory("qliksim-tenant-").FullName
            : Path.GetFullPath(options.CertificateDirectory);
        var certificates = SiteCertificates.Create("localhost", options.UntrustedServerCertificate);
        WebApplication app = null;
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, SiteCertificates.RootFileName), certificates.CertificateAuthority.ExportCertificatePem() + "\n", ct);
            var credentials = new TenantCredentials(clock, owner);
            var rateLimits = new TenantRateLimits();
            var faults = new FaultInjection(options.RandomSeed);
            var requests = new RequestLog("cloud");
            var writeAhead = new WriteAheadCheck();
            ListenOptions listen = null;

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatedTenant).Assembly.GetName().Name });
            builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
            // A library component must not take over the process's Ctrl+C/SIGTERM handling.
            builder.Services.AddSingleton<IHostLifetime, SimulatedSite.PassiveHostLifetime>();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Loopback, 0, options =>
                {
                    listen = options;
                    options.Protocols = HttpProtocols.Http1AndHttp2;
                    options.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificates.Server,
                        ServerCertificateChain = new X509Certificate2Collection(certificates.ServerIssuer),
                        ClientCertificateMode = ClientCertificateMode.NoCertificate,
                        CheckCertificateRevocation = false,
                    });
                });
            });
            app = builder.Build();
            var handler = new TenantRequestHandler(new TenantApi(store), credentials, rateLimits, faults, requests, writeAhead);
            app.Run(handler.InvokeAsync);
            await app.StartAsync(ct);
            return new SimulatedTenant(app, certificates, directory, ownsDirectory, store, credentials, rateLimits, faults, requests, writeAhead,
                listen.IPEndPoint!.Port);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            certificates.Dispose();
            if (ownsDirectory) SimulatedSite.TryDeleteDirectory(directory);
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
            if (_ownsCertificateDirectory) SimulatedSite.TryDeleteDirectory(CertificateDirectory);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
