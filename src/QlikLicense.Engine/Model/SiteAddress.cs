using System;

namespace QlikLicense.Model
{
    /// <summary>Where a site is and how a connection reaches it; never a secret.</summary>
    public sealed class SiteAddress
    {
        public SiteAddress(string server, int port, string? virtualProxyPrefix, Uri baseUri, string authentication, bool certificateCheckSkipped,
            SiteKind kind = SiteKind.QlikSense)
        {
            Kind = kind;
            Server = server;
            Port = port;
            VirtualProxyPrefix = virtualProxyPrefix;
            BaseUri = baseUri;
            Authentication = authentication;
            CertificateCheckSkipped = certificateCheckSkipped;
        }

        public SiteKind Kind { get; }
        public string Server { get; }
        public int Port { get; }
        public string? VirtualProxyPrefix { get; }
        public Uri BaseUri { get; }

        /// <summary>A short description of how the connection authenticates.</summary>
        public string Authentication { get; }
        public bool CertificateCheckSkipped { get; }

        /// <summary>The name journals and reports use for this site: a tenant's host name, a site's server, port and prefix.</summary>
        public string Name => Kind == SiteKind.QlikCloud ? Server : Server + ":" + Port + (VirtualProxyPrefix is { Length: > 0 } prefix ? "/" + prefix.Trim('/') : string.Empty);
    }
}
