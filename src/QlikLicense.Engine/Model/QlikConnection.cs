using System;

namespace QlikLicense.Model
{
    /// <summary>A working connection to one site, as Connect-QlikSense and Connect-QlikCloud return it.</summary>
    public sealed class QlikConnection : IDisposable
    {
        /// <param name="siteFor">Makes the site this connection reaches, given the connection, which the objects the site reads carry.</param>
        public QlikConnection(Func<QlikConnection, ISite> siteFor, string? serverVersion, DateTime connectedUtc)
        {
            ServerVersion = serverVersion;
            Connected = connectedUtc;
            Endpoint = siteFor(this) ?? throw new ArgumentNullException(nameof(siteFor));
        }

        /// <summary>The site this connection reaches, through the engine's seam.</summary>
        internal ISite Endpoint { get; }

        /// <summary>A Qlik Sense site or a Qlik Cloud tenant.</summary>
        public SiteKind Kind => Endpoint.Address.Kind;

        /// <summary>What the site offers beyond users, allocations and seats (a tenant has no quarantine, rules or log files).</summary>
        public SiteCapabilities Capabilities => Endpoint.Capabilities;

        public string Server => Endpoint.Address.Server;
        public int Port => Endpoint.Address.Port;
        public string? VirtualProxyPrefix => Endpoint.Address.VirtualProxyPrefix;
        public string Authentication => Endpoint.Address.Authentication;
        public string? ServerVersion { get; }
        public DateTime Connected { get; }
        public bool CertificateCheckSkipped => Endpoint.Address.CertificateCheckSkipped;
        public Uri BaseUri => Endpoint.Address.BaseUri;

        /// <summary>The name journals and reports use for this site.</summary>
        public string Site => Endpoint.Address.Name;

        public bool IsDisposed { get; private set; }

        public override string ToString() => Site;

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            Endpoint.Dispose();
        }
    }
}
