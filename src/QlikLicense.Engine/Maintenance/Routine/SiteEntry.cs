using System.Globalization;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// One site or Qlik Cloud tenant of a sites file, as read: the target of its error records. It holds no secret (a
    /// sites file holds none; the certificate's password, the API key or the client secret stays in its Export-Clixml
    /// file until the entry is connected).
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

        /// <summary>The tenant's https URL: set for a Qlik Cloud tenant's entry, null for a Qlik Sense site's.</summary>
        public System.Uri? Tenant { get; internal set; }

        /// <summary>Full path of the Export-Clixml file holding the tenant's API key (a SecureString or PSCredential).</summary>
        public string? ApiKeyPath { get; internal set; }

        /// <summary>The tenant's OAuth client, with its secret in <see cref="ClientSecretPath"/>.</summary>
        public string? ClientId { get; internal set; }

        /// <summary>Full path of the Export-Clixml file holding the OAuth client's secret (a SecureString or PSCredential).</summary>
        public string? ClientSecretPath { get; internal set; }

        /// <summary>How messages name the site: its name, else its place in the file.</summary>
        public string Label => Name != null ? "'" + Name + "'" : "#" + Position.ToString(CultureInfo.InvariantCulture);

        public override string ToString() => $"{Label} in {SitesFile}";
    }
}
