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
            SiteApi = siteFor(this) ?? throw new ArgumentNullException(nameof(siteFor));
        }

        /// <summary>The site this connection reaches, through the engine's seam (<see cref="ISite"/>); <see cref="Site"/> is its name.</summary>
        internal ISite SiteApi { get; }

        /// <summary>A Qlik Sense site or a Qlik Cloud tenant.</summary>
        public SiteKind Kind => SiteApi.Address.Kind;

        /// <summary>What the site offers beyond users, allocations and seats (a tenant has no quarantine, rules or log files).</summary>
        public SiteCapabilities Capabilities => SiteApi.Capabilities;

        public string Server => SiteApi.Address.Server;
        public int Port => SiteApi.Address.Port;
        public string? VirtualProxyPrefix => SiteApi.Address.VirtualProxyPrefix;
        public string Authentication => SiteApi.Address.Authentication;
        public string? ServerVersion { get; }
        public DateTime Connected { get; }
        public bool CertificateCheckSkipped => SiteApi.Address.CertificateCheckSkipped;
        public Uri BaseUri => SiteApi.Address.BaseUri;

        /// <summary>The site's name, as journals, reports and every object read from it name it (the <c>Site</c> of each).</summary>
        public string Site => SiteApi.Address.Name;

        public bool IsDisposed { get; private set; }

        public override string ToString() => Site;

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            SiteApi.Dispose();
        }
    }
}
