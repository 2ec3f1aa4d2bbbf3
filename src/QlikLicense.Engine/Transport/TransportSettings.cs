using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;

namespace QlikLicense.Transport
{
    /// <summary>
    /// What each connection's own handler needs so Windows PowerShell 5.1 (.NET Framework) behaves like pwsh 7, set per
    /// handler and never process-wide (ServicePointManager stays as the user left it).
    /// </summary>
    internal static class TransportSettings
    {
        /// <summary>Above the largest -ThrottleLimit (32): .NET Framework otherwise allows 2 connections per server.</summary>
        public const int MaxConnectionsPerServer = 64;

        /// <summary>SslProtocols.Tls13, which netstandard2.0 does not name; .NET Framework 4.8 and .NET Core 3.0+ know it.</summary>
        private const SslProtocols Tls13 = (SslProtocols)12288;

        /// <summary>SecurityProtocolType.SystemDefault: the operating system chooses, TLS 1.2 included.</summary>
        private const SecurityProtocolType SystemDefault = 0;

        public static void Apply(HttpClientHandler handler, SecurityProtocolType processDefault)
        {
            handler.MaxConnectionsPerServer = MaxConnectionsPerServer;
            var protocols = ProtocolsFor(processDefault);
            if (protocols != null) handler.SslProtocols = protocols.Value;
        }

        /// <summary>
        /// The protocols to offer when the process default lacks TLS 1.2 (powershell.exe offers SSL 3 and TLS 1.0 unless the
        /// registry says otherwise); null leaves the default, which already includes TLS 1.2.
        /// </summary>
        public static SslProtocols? ProtocolsFor(SecurityProtocolType processDefault)
        {
            if (processDefault == SystemDefault || (processDefault & SecurityProtocolType.Tls12) != 0) return null;
            return Enum.IsDefined(typeof(SslProtocols), Tls13) ? SslProtocols.Tls12 | Tls13 : SslProtocols.Tls12;
        }
    }
}
