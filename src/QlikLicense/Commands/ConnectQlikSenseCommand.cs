using System;
using System.Management.Automation;
using System.Security;
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
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            try
            {
                settings.Authentication = BuildAuthentication();
                settings.Trust = BuildTrust();
                ConnectionSetup.CheckServerName(Server, Server);
            }
            catch (ConnectionSetupException error)
            {
                throw Terminate(error.Record);
            }
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
                    return CertificateAuthentication(ConnectionSetup.RequirePrivateKey(Certificate!));
                case CertificateFileSet:
                    // Loaded here, so disposed with the connection.
                    return new CertificateAuthentication(ConnectionSetup.LoadCertificateFile(ProviderPath(CertificatePath), CertificatePassword), UserDirectory, UserId, ownsCertificate: true);
                case CertificateStoreSet:
                    return CertificateAuthentication(ConnectionSetup.FindStoreCertificate(CertificateThumbprint));
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
    }
}
