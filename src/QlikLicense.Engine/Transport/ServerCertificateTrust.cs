using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace QlikLicense.Transport
{
    /// <summary>
    /// Server certificate validation for one connection. On by default; the user may trust the site's CA,
    /// pin thumbprints, or skip the check, and that choice never leaks into other connections or the process.
    /// </summary>
    public sealed class ServerCertificateTrust
    {
        private readonly string[] pinnedThumbprints;

        public ServerCertificateTrust(X509Certificate2? trustedCa = null, string[]? pinnedThumbprints = null, bool skipCheck = false)
        {
            TrustedCa = trustedCa;
            this.pinnedThumbprints = (pinnedThumbprints ?? Array.Empty<string>()).Select(NormalizeThumbprint).ToArray();
            SkipCheck = skipCheck;
        }

        public X509Certificate2? TrustedCa { get; }
        public bool SkipCheck { get; }

        /// <summary>What the last rejected certificate looked like, to say how to trust it.</summary>
        public ServerCertificateInfo? LastRejected { get; private set; }

        public static string NormalizeThumbprint(string? thumbprint) =>
            new string((thumbprint ?? string.Empty).Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();

        public bool Validate(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (SkipCheck) return true;
            if (certificate == null) return Reject(null, null, TransportMessages.Certificates.NoCertificate);
            if (errors == SslPolicyErrors.None) return true;

            var issuerThumbprint = chain?.ChainElements.Count > 1 ? chain.ChainElements[1].Certificate.Thumbprint : null;
            var chainThumbprints = chain?.ChainElements.Cast<X509ChainElement>().Select(element => element.Certificate.Thumbprint).ToArray()
                                   ?? new[] { certificate.Thumbprint };
            if (pinnedThumbprints.Length > 0 && chainThumbprints.Any(thumbprint => pinnedThumbprints.Contains(NormalizeThumbprint(thumbprint))))
                return true;

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return Reject(certificate, issuerThumbprint, TransportMessages.Certificates.NameMismatch);
            if (TrustedCa != null && ChainsTo(certificate, TrustedCa))
                return true;
            return Reject(certificate, issuerThumbprint, TransportMessages.Certificates.IssuerNotTrusted);
        }

        private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
        {
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                chain.ChainPolicy.ExtraStore.Add(ca);
                if (!chain.Build(certificate)) return false;
                var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
                return string.Equals(root.Thumbprint, ca.Thumbprint, StringComparison.OrdinalIgnoreCase);
            }
        }

        private bool Reject(X509Certificate2? certificate, string? issuerThumbprint, string problem)
        {
            LastRejected = new ServerCertificateInfo
            {
                Subject = certificate?.Subject,
                Issuer = certificate?.Issuer,
                Thumbprint = certificate?.Thumbprint,
                IssuerThumbprint = issuerThumbprint,
                Problem = problem,
            };
            return false;
        }
    }
}
