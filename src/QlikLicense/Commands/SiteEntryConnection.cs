using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Security;
using QlikLicense.Cloud;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Qrs;
using QlikLicense.Transport;

namespace QlikLicense.Commands
{
    /// <summary>
    /// How a site or tenant of a sites file is connected: its settings with the certificates loaded from the machine and
    /// the PFX password, API key or client secret read from its Export-Clixml file (PowerShell's own format), and its
    /// failures as records about the entry.
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
                    Trust = Trust(entry),
                    Timeout = TimeSpan.FromSeconds(entry.TimeoutSec),
                };
            }
            catch (ConnectionSetupException error)
            {
                throw new ConnectionSetupException(About(entry, error.Record));
            }
        }

        /// <summary>The settings to connect to a tenant's entry with, as Connect-QlikCloud builds them; fails with a <see cref="ConnectionSetupException"/> about the entry.</summary>
        public static CloudConnectionSettings TenantSettings(SiteEntry entry)
        {
            try
            {
                return new CloudConnectionSettings
                {
                    Tenant = entry.Tenant!,
                    Credentials = entry.ApiKeyPath != null
                        ? CloudCredentials.ApiKey(ApiKey(entry, entry.ApiKeyPath))
                        : CloudCredentials.OAuthClient(entry.ClientId!, ReadSecret(entry, nameof(SiteEntry.ClientSecretPath), entry.ClientSecretPath!)),
                    Trust = Trust(entry),
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

        /// <summary>The server-certificate check of an entry: never skipped from a file that runs unattended.</summary>
        private static ServerCertificateTrust Trust(SiteEntry entry) =>
            new ServerCertificateTrust(ConnectionSetup.LoadCaCertificate(entry.CaCertificatePath), entry.TrustedCertificateThumbprint, skipCheck: false);

        private static QrsAuthentication Authentication(SiteEntry entry)
        {
            if (entry.UseDefaultCredentials) return new WindowsAuthentication(null);
            if (entry.CertificatePath != null)
            {
                var password = entry.CertificatePasswordPath != null ? ReadSecret(entry, nameof(SiteEntry.CertificatePasswordPath), entry.CertificatePasswordPath) : null;
                // Loaded here, so disposed with the connection.
                return new CertificateAuthentication(ConnectionSetup.LoadCertificateFile(entry.CertificatePath, password), entry.UserDirectory, entry.UserId, ownsCertificate: true);
            }
            return new CertificateAuthentication(ConnectionSetup.FindStoreCertificate(entry.CertificateThumbprint), entry.UserDirectory, entry.UserId);
        }

        /// <summary>The API key from its file, held to the rule -ApiKey is held to.</summary>
        private static SecureString ApiKey(SiteEntry entry, string path)
        {
            var key = ReadSecret(entry, nameof(SiteEntry.ApiKeyPath), path);
            if (!ValidateHeaderValueAttribute.IsHeaderValue(new NetworkCredential(string.Empty, key).Password, allowSpaces: false))
                throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.ApiKeyNotHeaderValue(entry.Label, path)),
                    ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, entry);
            return key;
        }

        /// <summary>A secret (a PFX's password, an API key, a client secret) from the Export-Clixml file named in <paramref name="setting"/>.</summary>
        private static SecureString ReadSecret(SiteEntry entry, string setting, string path)
        {
            if (!File.Exists(path))
                throw ConnectionSetup.Fail(new FileNotFoundException(Messages.SitesFiles.SecretFileNotFound(entry.Label, setting)),
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
                throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.SecretFileUnreadable(entry.Label, setting, path, error.Message), error),
                    ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, entry);
            }
            if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) value = wrapped.BaseObject;
            switch (value)
            {
                case SecureString secret:
                    return secret;
                case PSCredential credential:
                    return credential.Password;
                case PSObject deserialized when deserialized.Properties["Password"]?.Value is SecureString secret:
                    // A PSCredential comes back from CLIXML as a property bag in some versions.
                    return secret;
                default:
                    throw ConnectionSetup.Fail(new InvalidDataException(Messages.SitesFiles.SecretFileHoldsNoSecret(entry.Label, setting, path, value?.GetType().Name ?? "nothing")),
                        ErrorIds.PasswordFileUnreadable, ErrorCategory.InvalidData, entry);
            }
        }
    }
}
