using System;
using QlikLicense.Qrs;

namespace QlikLicense.Model
{
    /// <summary>A working connection to one site, as Connect-QlikSense returns it.</summary>
    public sealed class QlikConnection : IDisposable
    {
        internal QlikConnection(QrsClient client, string serverVersion, DateTime connectedUtc)
        {
            Client = client;
            ServerVersion = serverVersion;
            Connected = connectedUtc;
        }

        internal QrsClient Client { get; }

        public string Server => Client.Settings.Server;
        public int Port => Client.Settings.EffectivePort;
        public string VirtualProxyPrefix => Client.Settings.VirtualProxyPrefix;
        public string Authentication => Client.Settings.Authentication.Description;
        public string ServerVersion { get; }
        public DateTime Connected { get; }
        public bool CertificateCheckSkipped => Client.Settings.Trust.SkipCheck;
        public Uri BaseUri => Client.Settings.BaseUri;

        /// <summary>The name journals and reports use for this site.</summary>
        public string Site => Server + ":" + Port + (string.IsNullOrEmpty(VirtualProxyPrefix) ? string.Empty : "/" + VirtualProxyPrefix.Trim('/'));

        public bool IsDisposed { get; private set; }

        public override string ToString() => Site;

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            Client.Dispose();
        }
    }
}
