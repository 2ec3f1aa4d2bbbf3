using System;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Transport;

namespace QlikLicense.Commands
{
    /// <summary>
    /// What Connect-QlikSense and Connect-QlikCloud share: the server-certificate options, the timeout, -PassThru, and
    /// making the new connection the session's default.
    /// </summary>
    public abstract class ConnectCmdletBase : QlikCmdletBase
    {
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

        /// <summary>The server-certificate check these parameters ask for.</summary>
        protected ServerCertificateTrust BuildTrust()
        {
            try
            {
                return new ServerCertificateTrust(ConnectionSetup.LoadCaCertificate(CaCertificatePath == null ? null : ProviderPath(CaCertificatePath)),
                    TrustedCertificateThumbprint, SkipCertificateCheck);
            }
            catch (ConnectionSetupException error)
            {
                throw Terminate(error.Record);
            }
        }

        /// <summary>
        /// Makes <paramref name="connection"/> the session's default. Connecting again to the same site as the same account
        /// replaces that connection: close it rather than leak it. A default to another site stays open, since scripts
        /// that work with several sites keep theirs.
        /// </summary>
        protected void MakeDefault(QlikConnection connection, string product)
        {
            var replaced = ConnectionRegistry.Default;
            ConnectionRegistry.Default = connection;
            WriteVerbose($"Connected to {connection.Site} ({product}) with {connection.Authentication}.");
            if (replaced != null && replaced.Site == connection.Site && replaced.Authentication == connection.Authentication)
            {
                replaced.Dispose();
                WriteVerbose($"Closed the previous connection to {replaced.Site}.");
            }
            if (PassThru) WriteObject(connection);
        }

        /// <summary>A path as PowerShell resolves it (relative to the current location, any provider drive), for .NET.</summary>
        protected string ProviderPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        protected Exception Fail(Exception error, string errorId, ErrorCategory category, object? target) =>
            Terminate(new ErrorRecord(error, errorId, category, target));
    }
}
