using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    /// <summary>
    /// One site of a sites file, as read: the target of its error records. It holds no secret (a sites file holds
    /// none; the certificate's password stays in its Export-Clixml file until the site is connected).
    /// </summary>
    public sealed class SiteEntry
    {
        internal SiteEntry(string sitesFile, int position)
        {
            SitesFile = sitesFile;
            Position = position;
        }

        /// <summary>The sites file (full path) the entry is in.</summary>
        public string SitesFile { get; }

        /// <summary>1 for the file's first site.</summary>
        public int Position { get; }

        public string? Name { get; internal set; }
        public string? Server { get; internal set; }
        public int? Port { get; internal set; }
        public string? VirtualProxyPrefix { get; internal set; }
        public string? CertificateThumbprint { get; internal set; }

        /// <summary>Full path of the client certificate (PFX).</summary>
        public string? CertificatePath { get; internal set; }

        /// <summary>Full path of the Export-Clixml file holding the PFX password (a SecureString or PSCredential).</summary>
        public string? CertificatePasswordPath { get; internal set; }

        public string UserDirectory { get; internal set; } = "INTERNAL";
        public string UserId { get; internal set; } = "sa_repository";
        public string? CaCertificatePath { get; internal set; }
        public string[]? TrustedCertificateThumbprint { get; internal set; }
        public bool UseDefaultCredentials { get; internal set; }
        public int TimeoutSec { get; internal set; } = 100;

        /// <summary>How messages name the site: its name, else its place in the file.</summary>
        internal string Label => Name != null ? "'" + Name + "'" : "#" + Position.ToString(CultureInfo.InvariantCulture);

        public override string ToString() => $"{Label} in {SitesFile}";

        /// <summary>The settings to connect with; fails with a <see cref="ConnectionSetupException"/> about this entry.</summary>
        internal QrsConnectionSettings Settings()
        {
            try
            {
                ConnectionSetup.CheckServerName(Server!, this);
                return new QrsConnectionSettings
                {
                    Server = Server!,
                    Port = Port,
                    VirtualProxyPrefix = VirtualProxyPrefix,
                    Authentication = Authentication(),
                    Trust = new ServerCertificateTrust(ConnectionSetup.LoadCaCertificate(CaCertificatePath), TrustedCertificateThumbprint, skipCheck: false),
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                };
            }
            catch (ConnectionSetupException error)
            {
                throw new ConnectionSetupException(About(error.Record));
            }
        }

        /// <summary>A record about this site: the same error, this entry as its target, the site named in its message.</summary>
        internal ErrorRecord About(ErrorRecord record)
        {
            var about = new ErrorRecord(record.Exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, this);
            var message = record.ErrorDetails?.Message ?? record.Exception.Message;
            about.ErrorDetails = new ErrorDetails(message.StartsWith("Site ", StringComparison.Ordinal) ? message : $"Site {Label}: {message}");
            return about;
        }

        private QrsAuthentication Authentication()
        {
            if (UseDefaultCredentials) return new WindowsAuthentication(null);
            if (CertificatePath != null)
                // Loaded here, so disposed with the connection.
                return new CertificateAuthentication(ConnectionSetup.LoadCertificateFile(CertificatePath, ReadPassword()), UserDirectory, UserId, ownsCertificate: true);
            return new CertificateAuthentication(ConnectionSetup.FindStoreCertificate(CertificateThumbprint), UserDirectory, UserId);
        }

        /// <summary>The PFX password from its Export-Clixml file; none when no file is named.</summary>
        private SecureString? ReadPassword()
        {
            var path = CertificatePasswordPath;
            if (path == null) return null;
            if (!File.Exists(path))
                throw ConnectionSetup.Fail(new FileNotFoundException(Messages.SitesFiles.PasswordFileNotFound(Label)),
                    ErrorIds.PasswordFileNotFound, ErrorCategory.ObjectNotFound, this);
            object? value;
            try
            {
                value = PSSerializer.Deserialize(File.ReadAllText(path));
            }
            // What a file made by another account or machine, or no CLIXML at all, throws depends on the PowerShell
            // version (XML, cryptographic or cast errors); each means the same to the user.
            catch (Exception error) when (!(error is OutOfMemoryException))
            {
                throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.PasswordFileUnreadable(Label, path, error.Message), error),
                    ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, this);
            }
            if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) value = wrapped.BaseObject;
            switch (value)
            {
                case SecureString password:
                    return password;
                case PSCredential credential:
                    return credential.Password;
                case PSObject deserialized when deserialized.Properties["Password"]?.Value is SecureString password:
                    // A PSCredential comes back from CLIXML as a property bag in some versions.
                    return password;
                default:
                    throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.PasswordFileHoldsNoPassword(Label, path, value?.GetType().Name ?? "nothing")),
                        ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, this);
            }
        }
    }
}
