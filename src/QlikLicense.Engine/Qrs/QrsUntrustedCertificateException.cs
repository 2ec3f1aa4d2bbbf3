using System;

namespace QlikLicense.Qrs
{
    /// <summary>The server presented a certificate nobody told us to trust.</summary>
    public sealed class QrsUntrustedCertificateException : QrsException
    {
        public QrsUntrustedCertificateException(string method, string path, ServerCertificateInfo? seen, Exception inner)
            : base(QrsErrorKind.UntrustedCertificate, method, path, null, BuildMessage(seen), null, inner)
        {
            Certificate = seen;
        }

        public ServerCertificateInfo? Certificate { get; }

        private static string BuildMessage(ServerCertificateInfo? seen) => seen == null
            ? "The TLS handshake with the server failed. " + TransportSettings.TlsHint
            : $"The server's certificate is not trusted: subject '{seen.Subject}', issued by '{seen.Issuer}', thumbprint {seen.Thumbprint} ({seen.Problem}). " +
              $"Trust the site's CA with -CaCertificatePath (the root.cer exported from the site), or pin this certificate with -TrustedCertificateThumbprint {seen.Thumbprint}" +
              (seen.IssuerThumbprint != null ? $" (or its CA: {seen.IssuerThumbprint})." : ".");
    }
}
