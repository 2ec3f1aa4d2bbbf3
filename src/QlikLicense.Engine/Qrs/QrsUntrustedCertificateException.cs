using System;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>The server presented a certificate nobody told us to trust.</summary>
    public sealed class QrsUntrustedCertificateException : QrsException
    {
        public QrsUntrustedCertificateException(string method, string path, ServerCertificateInfo? seen, Exception inner)
            : base(SiteErrorKind.UntrustedCertificate, method, path, null, QrsMessages.Certificates.Untrusted(seen), null, inner)
        {
            Certificate = seen;
        }

        public ServerCertificateInfo? Certificate { get; }
    }
}
