using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace QlikLicense.Qrs
{
    /// <summary>Mutual TLS on the QRS port with the site's exported client certificate, acting as the X-Qlik-User.</summary>
    public sealed class CertificateAuthentication : QrsAuthentication
    {
        private readonly bool ownsCertificate;

        /// <param name="ownsCertificate">True for a certificate loaded for this connection (a file), disposed with it; a caller's stays the caller's.</param>
        public CertificateAuthentication(X509Certificate2 certificate, string userDirectory, string userId, bool ownsCertificate = false)
        {
            Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
            UserDirectory = userDirectory;
            UserId = userId;
            this.ownsCertificate = ownsCertificate;
        }

        public X509Certificate2 Certificate { get; }
        public string UserDirectory { get; }
        public string UserId { get; }
        public override bool ThroughProxy => false;
        public override string Description => $"Certificate {Certificate.Thumbprint} as {UserDirectory}\\{UserId}";

        internal override void Configure(HttpClientHandler handler)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(Certificate);
        }

        internal override void Release()
        {
            if (ownsCertificate) Certificate.Dispose();
        }

        internal override void Apply(HttpRequestHeaders headers)
        {
            headers.TryAddWithoutValidation("X-Qlik-User",
                "UserDirectory=" + Uri.EscapeDataString(UserDirectory) + "; UserId=" + Uri.EscapeDataString(UserId));
        }
    }
}
