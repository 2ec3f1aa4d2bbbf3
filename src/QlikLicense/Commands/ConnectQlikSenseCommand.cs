using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "QlikSense", DefaultParameterSetName = CertificateStoreSet)]
    [OutputType(typeof(QlikConnection))]
    public sealed class ConnectQlikSenseCommand : ConnectCmdletBase
    {
        private const string CertificateSet = "Certificate";
        private const string CertificateFileSet = "CertificateFile";
        private const string CertificateStoreSet = "CertificateStore";
        private const string WindowsCredentialSet = "WindowsCredential";
        private const string WindowsDefaultSet = "WindowsDefault";
        private const string HeaderSet = "Header";
        private const string JwtSet = "Jwt";

        /// <summary>The subject of the client certificate a Qlik Sense node keeps in its certificate store.</summary>
        private const string QlikClientSubject = "CN=QlikClient";

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("ComputerName", "HostName")]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; } = string.Empty;

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter]
        [Alias("Prefix")]
        public string? VirtualProxyPrefix { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; } = string.Empty;

        [Parameter(ParameterSetName = CertificateFileSet)]
        public SecureString? CertificatePassword { get; set; }

        [Parameter(ParameterSetName = CertificateStoreSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = CertificateFileSet)]
        [Parameter(ParameterSetName = CertificateStoreSet)]
        [ValidateNotNullOrEmpty]
        public string UserDirectory { get; set; } = "INTERNAL";

        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = CertificateFileSet)]
        [Parameter(ParameterSetName = CertificateStoreSet)]
        [ValidateNotNullOrEmpty]
        public string UserId { get; set; } = "sa_repository";

        [Parameter(Mandatory = true, ParameterSetName = WindowsCredentialSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WindowsDefaultSet)]
        public SwitchParameter UseDefaultCredentials { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = HeaderSet)]
        [ValidateNotNullOrEmpty]
        [ValidateHeaderName]
        public string HeaderName { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = HeaderSet)]
        [ValidateNotNullOrEmpty]
        [ValidateHeaderValue]
        public string HeaderUserId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = JwtSet)]
        [ValidateNotNull]
        [ValidateHeaderValue(AllowSpaces = false)]
        public SecureString? Jwt { get; set; }

        protected override void EndProcessing()
        {
            var settings = new QrsConnectionSettings
            {
                Server = Server,
                Port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : (int?)null,
                VirtualProxyPrefix = VirtualProxyPrefix,
                Authentication = BuildAuthentication(),
                Trust = BuildTrust(),
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            if (Uri.CheckHostName(Server) == UriHostNameType.Unknown)
                throw Fail(new ArgumentException(Messages.Connections.InvalidServerName(Server)), ErrorIds.InvalidServerName, ErrorCategory.InvalidArgument, Server);
            if (SkipCertificateCheck)
                WriteWarning(Messages.Connections.CertificateNotChecked(Server));

            QlikConnection connection;
            try
            {
                connection = Wait(QrsSite.ConnectAsync(settings, Call));
            }
            catch (SiteException error)
            {
                throw Terminate(ErrorFor(error, Server));
            }

            MakeDefault(connection, "Qlik Sense " + connection.ServerVersion);
        }

        private QrsAuthentication BuildAuthentication()
        {
            // The parameters a set makes mandatory are bound whenever ParameterSetName names it.
            switch (ParameterSetName)
            {
                case CertificateSet:
                    return CertificateAuthentication(RequirePrivateKey(Certificate!));
                case CertificateFileSet:
                    // Loaded here, so disposed with the connection.
                    return new CertificateAuthentication(LoadCertificateFile(), UserDirectory, UserId, ownsCertificate: true);
                case CertificateStoreSet:
                    return CertificateAuthentication(FindStoreCertificate());
                case WindowsCredentialSet:
                    return new WindowsAuthentication(Credential!.GetNetworkCredential());
                case WindowsDefaultSet:
                    return new WindowsAuthentication(null);
                case HeaderSet:
                    return new HeaderAuthentication(HeaderName, HeaderUserId);
                default:
                    return new JwtAuthentication(Jwt!);
            }
        }

        private QrsAuthentication CertificateAuthentication(X509Certificate2 certificate) =>
            new CertificateAuthentication(certificate, UserDirectory, UserId);

        private X509Certificate2 LoadCertificateFile()
        {
            var path = ResolvePath(CertificatePath, ErrorIds.CertificateFileNotFound);
            try
            {
                var password = CertificatePassword ?? new SecureString();
                return RequirePrivateKey(ClientCertificates.LoadPfx(flags => new X509Certificate2(path, password, flags)));
            }
            catch (CryptographicException error)
            {
                throw Fail(new CryptographicException(Messages.Connections.CertificateFileUnreadable(path), error),
                    ErrorIds.CertificateFileUnreadable, ErrorCategory.InvalidData, path);
            }
        }

        private X509Certificate2 FindStoreCertificate()
        {
            var wanted = ServerCertificateTrust.NormalizeThumbprint(CertificateThumbprint);
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
                ErrorIds.CertificateNotFound, ErrorCategory.ObjectNotFound, CertificateThumbprint);
        }

        private X509Certificate2 RequirePrivateKey(X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
                throw Fail(new ArgumentException(Messages.Connections.CertificateHasNoPrivateKey(certificate.Thumbprint, certificate.Subject)),
                    ErrorIds.CertificateHasNoPrivateKey, ErrorCategory.InvalidArgument, certificate.Thumbprint);
            return certificate;
        }

        /// <summary>A store key this account cannot open fails here, not later as a TLS handshake error.</summary>
        private X509Certificate2 RequireAccessiblePrivateKey(X509Certificate2 certificate, string storeName)
        {
            var problem = ClientCertificates.PrivateKeyProblem(certificate, storeName);
            if (problem != null)
                throw Fail(new UnauthorizedAccessException(problem), ErrorIds.CertificatePrivateKeyInaccessible, ErrorCategory.PermissionDenied, certificate.Thumbprint);
            return certificate;
        }
    }
}
