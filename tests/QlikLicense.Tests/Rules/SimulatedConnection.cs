using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Simulator;
using QlikLicense.Transport;

namespace QlikLicense.Tests.Rules;

/// <summary>A connection to a simulated site, as Connect-QlikSense makes it with the site's certificate and CA.</summary>
internal static class SimulatedConnection
{
    public static QlikConnection To(SimulatedSite site) => QrsSite.Wrap(
        new QrsClient(new QrsConnectionSettings
        {
            Server = site.HostName,
            Port = site.QrsPort,
            Authentication = new CertificateAuthentication(site.LoadClientCertificate(), "INTERNAL", "sa_repository"),
            Trust = new ServerCertificateTrust(site.LoadCaCertificate()),
        }),
        "simulated",
        DateTime.UtcNow);

    public static SiteCall Call => new(CancellationToken.None);
}
