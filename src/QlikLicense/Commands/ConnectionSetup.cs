using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikLicense.Qrs;
using QlikLicense.Transport;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The parts of a connection that come from the machine (client certificates from a file or the store, the
    /// site's CA certificate), shared by Connect-QlikSense and sites files. Failures are <see cref="ConnectionSetupException"/>s
    /// carrying their error record: Connect-QlikSense stops with it, a sites file reports it for its site and goes on.
    /// </summary>
    internal static class ConnectionSetup
    {
        /// <summary>The subject of the client certificate a Qlik Sense node keeps in its certificate store.</summary>
        private const string QlikClientSubject = "CN=QlikClient";

        public static void CheckServerName(string server, object target)
        {
            if (Uri.CheckHostName(server) == UriHostNameType.Unknown)
                throw Fail(new ArgumentException(Messages.Connections.InvalidServerName(server)), ErrorIds.InvalidServerName, ErrorCategory.InvalidArgument, target);
        }

        /// <summary>A file-system path that must exist.</summary>
        public static string RequireFile(string path, string errorId)
        {
            if (!File.Exists(path))
                throw Fail(new FileNotFoundException(Messages.Connections.FileNotFound(path), path), errorId, ErrorCategory.ObjectNotFound, path);
            return path;
        }

        /// <summary>A PFX with its key; <paramref name="path"/> is a file-system path.</summary>
        public static X509Certificate2 LoadCertificateFile(string path, SecureString? password)
        {
            RequireFile(path, ErrorIds.CertificateFileNotFound);
            try
            {
                return RequirePrivateKey(ClientCertificates.LoadPfx(flags => new X509Certificate2(path, password ?? new SecureString(), flags)));
            }
            catch (CryptographicException error)
            {
                throw Fail(new CryptographicException(Messages.Connections.CertificateFileUnreadable(path), error),
                    ErrorIds.CertificateFileUnreadable, ErrorCategory.InvalidData, path);
            }
        }

        /// <summary>The certificate with this thumbprint in a 'My' store, or the newest valid QlikClient certificate when none is given.</summary>
        public static X509Certificate2 FindStoreCertificate(string? thumbprint)
        {
            var wanted = ServerCertificateTrust.NormalizeThumbprint(thumbprint);
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using (var store = new X509Store(StoreName.My, location))
                {
                    try
                    {
                        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    }
                    catch (CryptographicException)
                    {
                        continue;
                    }
                    var certificates = store.Certificates.Cast<X509Certificate2>();
                    var match = wanted.Length > 0
                        ? certificates.FirstOrDefault(certificate => string.Equals(certificate.Thumbprint, wanted, StringComparison.OrdinalIgnoreCase))
                        : ClientCertificates.NewestValid(certificates, QlikClientSubject, DateTime.UtcNow);
                    if (match != null) return RequireAccessiblePrivateKey(RequirePrivateKey(match), location + "\\My");
                }
            }
            throw Fail(new ItemNotFoundException(Messages.Connections.CertificateNotFound(wanted, QlikClientSubject)),
                ErrorIds.CertificateNotFound, ErrorCategory.ObjectNotFound, thumbprint);
        }

        public static X509Certificate2 RequirePrivateKey(X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
                throw Fail(new ArgumentException(Messages.Connections.CertificateHasNoPrivateKey(certificate.Thumbprint, certificate.Subject)),
                    ErrorIds.CertificateHasNoPrivateKey, ErrorCategory.InvalidArgument, certificate.Thumbprint);
            return certificate;
        }

        /// <summary>A store key this account cannot open fails here, not later as a TLS handshake error.</summary>
        private static X509Certificate2 RequireAccessiblePrivateKey(X509Certificate2 certificate, string storeName)
        {
            var problem = ClientCertificates.PrivateKeyProblem(certificate, storeName);
            if (problem != null)
                throw Fail(new UnauthorizedAccessException(problem), ErrorIds.CertificatePrivateKeyInaccessible, ErrorCategory.PermissionDenied, certificate.Thumbprint);
            return certificate;
        }

        /// <summary>The site's CA certificate (DER or PEM); null when no path is given. <paramref name="path"/> is a file-system path.</summary>
        public static X509Certificate2? LoadCaCertificate(string? path)
        {
            if (path == null) return null;
            RequireFile(path, ErrorIds.CaCertificateNotFound);
            try
            {
                return new X509Certificate2(File.ReadAllBytes(path));
            }
            catch (CryptographicException error)
            {
                throw Fail(new CryptographicException(Messages.Connections.CaCertificateUnreadable(path), error),
                    ErrorIds.CaCertificateUnreadable, ErrorCategory.InvalidData, path);
            }
        }

        public static ConnectionSetupException Fail(Exception error, string errorId, ErrorCategory category, object? target) =>
            new ConnectionSetupException(new ErrorRecord(error, errorId, category, target));
    }
}
