using System;
using System.Net.Http;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>Where and how to reach one Qlik Sense site's repository.</summary>
    public sealed class QrsConnectionSettings
    {
        public const int DefaultQrsPort = 4242;
        public const int DefaultProxyPort = 443;

        public string Server { get; set; } = string.Empty;

        /// <summary>Null: 4242 for certificate authentication, 443 through a virtual proxy.</summary>
        public int? Port { get; set; }
        public string? VirtualProxyPrefix { get; set; }
        /// <summary>Required: <see cref="QrsClient"/> refuses settings without it.</summary>
        public QrsAuthentication Authentication { get; set; } = null!;
        public ServerCertificateTrust Trust { get; set; } = new ServerCertificateTrust();
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Further tries of an idempotent call after a transient failure (429, 502, 503, 504, reset, timeout).</summary>
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>A handler to send through instead of the network (unit tests); authentication's handler settings and the certificate trust do not apply to it.</summary>
        internal HttpMessageHandler? Handler { get; set; }

        public int EffectivePort => Port ?? (Authentication != null && Authentication.ThroughProxy ? DefaultProxyPort : DefaultQrsPort);

        public Uri BaseUri
        {
            get
            {
                var prefix = (VirtualProxyPrefix ?? string.Empty).Trim('/');
                var builder = new UriBuilder(Uri.UriSchemeHttps, Server, EffectivePort, prefix.Length == 0 ? "/" : "/" + Uri.EscapeDataString(prefix) + "/");
                return builder.Uri;
            }
        }
    }
}
