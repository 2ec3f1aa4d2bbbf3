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
    public sealed class ConnectQlikSenseCommand : QlikCmdletBase
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

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TrustedCertificateThumbprint { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CaCertificatePath { get; set; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

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
                settings.Trust = new ServerCertificateTrust(ConnectionSetup.LoadCaCertificate(CaCertificatePath == null ? null : ResolvePath(CaCertificatePath)),
                    TrustedCertificateThumbprint, SkipCertificateCheck);
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
            catch (QrsException error)
            {
                throw Terminate(ErrorFor(error, Server));
            }

            var replaced = ConnectionRegistry.Default;
            ConnectionRegistry.Default = connection;
            WriteVerbose($"Connected to {connection.Site} (Qlik Sense {connection.ServerVersion}) with {connection.Authentication}.");
            // Connecting again to the same site as the same account replaces that connection: close it rather than leak
            // it. A default to another site stays open, since scripts that work with several sites keep theirs.
            if (replaced != null && replaced.Site == connection.Site && replaced.Authentication == connection.Authentication)
            {
                replaced.Dispose();
                WriteVerbose($"Closed the previous connection to {replaced.Site}.");
            }
            if (PassThru) WriteObject(connection);
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
                    return new CertificateAuthentication(ConnectionSetup.LoadCertificateFile(ResolvePath(CertificatePath), CertificatePassword), UserDirectory, UserId, ownsCertificate: true);
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

        private string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    }
}
