using System;

namespace QlikLicense.Model
{
    /// <summary>Where a site is and how a connection reaches it; never a secret.</summary>
    public sealed class SiteAddress
    {
        public SiteAddress(string server, int port, string? virtualProxyPrefix, Uri baseUri, string authentication, bool certificateCheckSkipped)
        {
            Server = server;
            Port = port;
            VirtualProxyPrefix = virtualProxyPrefix;
            BaseUri = baseUri;
            Authentication = authentication;
            CertificateCheckSkipped = certificateCheckSkipped;
        }

        public string Server { get; }
        public int Port { get; }
        public string? VirtualProxyPrefix { get; }
        public Uri BaseUri { get; }

        /// <summary>A short description of how the connection authenticates.</summary>
        public string Authentication { get; }
        public bool CertificateCheckSkipped { get; }

        /// <summary>The name journals and reports use for this site.</summary>
        public string Name => Server + ":" + Port + (VirtualProxyPrefix is { Length: > 0 } prefix ? "/" + prefix.Trim('/') : string.Empty);
    }
}
