using System.Net.Http;
using System.Net.Http.Headers;

namespace QlikLicense.Qrs
{
    /// <summary>How a connection proves who it is. Each kind configures the handler and the headers of every request.</summary>
    public abstract class QrsAuthentication
    {
        /// <summary>A short description for Get-QlikConnection; never a secret.</summary>
        public abstract string Description { get; }

        /// <summary>True when the requests go through a virtual proxy rather than straight to the QRS port.</summary>
        public abstract bool ThroughProxy { get; }

        internal virtual void Configure(HttpClientHandler handler) { }

        internal virtual void Apply(HttpRequestHeaders headers) { }

        /// <summary>Frees what the authentication owns when its connection is disposed.</summary>
        internal virtual void Release() { }
    }
}
