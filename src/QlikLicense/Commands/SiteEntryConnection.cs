using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Qrs;
using QlikLicense.Transport;

namespace QlikLicense.Commands
{
    /// <summary>
    /// How a site of a sites file is connected: its settings with the certificates loaded from the machine and the
    /// PFX password read from its Export-Clixml file (PowerShell's own format), and its failures as records about the entry.
    /// </summary>
    internal static class SiteEntryConnection
    {
        /// <summary>The settings to connect with; fails with a <see cref="ConnectionSetupException"/> about the entry.</summary>
        public static QrsConnectionSettings Settings(SiteEntry entry)
        {
            try
            {
                ConnectionSetup.CheckServerName(entry.Server!, entry);
                return new QrsConnectionSettings
                {
                    Server = entry.Server!,
                    Port = entry.Port,
                    VirtualProxyPrefix = entry.VirtualProxyPrefix,
                    Authentication = Authentication(entry),
                    Trust = new ServerCertificateTrust(ConnectionSetup.LoadCaCertificate(entry.CaCertificatePath), entry.TrustedCertificateThumbprint, skipCheck: false),
                    Timeout = TimeSpan.FromSeconds(entry.TimeoutSec),
                };
            }
            catch (ConnectionSetupException error)
            {
                throw new ConnectionSetupException(About(entry, error.Record));
            }
        }

        /// <summary>A record about the entry: the same error, the entry as its target, the site named in its message.</summary>
        public static ErrorRecord About(SiteEntry entry, ErrorRecord record)
        {
            var about = new ErrorRecord(record.Exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, entry);
            var message = record.ErrorDetails?.Message ?? record.Exception.Message;
            about.ErrorDetails = new ErrorDetails(message.StartsWith("Site ", StringComparison.Ordinal) ? message : $"Site {entry.Label}: {message}");
            return about;
        }

        private static QrsAuthentication Authentication(SiteEntry entry)
        {
            if (entry.UseDefaultCredentials) return new WindowsAuthentication(null);
            if (entry.CertificatePath != null)
                // Loaded here, so disposed with the connection.
                return new CertificateAuthentication(ConnectionSetup.LoadCertificateFile(entry.CertificatePath, ReadPassword(entry)), entry.UserDirectory, entry.UserId, ownsCertificate: true);
            return new CertificateAuthentication(ConnectionSetup.FindStoreCertificate(entry.CertificateThumbprint), entry.UserDirectory, entry.UserId);
        }

        /// <summary>The PFX password from its Export-Clixml file; none when no file is named.</summary>
        private static SecureString? ReadPassword(SiteEntry entry)
        {
            var path = entry.CertificatePasswordPath;
            if (path == null) return null;
            if (!File.Exists(path))
                throw ConnectionSetup.Fail(new FileNotFoundException(Messages.SitesFiles.PasswordFileNotFound(entry.Label)),
                    ErrorIds.PasswordFileNotFound, ErrorCategory.ObjectNotFound, entry);
            object? value;
            try
            {
                value = PSSerializer.Deserialize(File.ReadAllText(path));
            }
            // What a file made by another account or machine, or no CLIXML at all, throws depends on the PowerShell
            // version (XML, cryptographic or cast errors); each means the same to the user.
            catch (Exception error) when (!(error is OutOfMemoryException))
            {
                throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.PasswordFileUnreadable(entry.Label, path, error.Message), error),
                    ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, entry);
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
                    throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.PasswordFileHoldsNoPassword(entry.Label, path, value?.GetType().Name ?? "nothing")),
                        ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, entry);
            }
        }
    }
}
