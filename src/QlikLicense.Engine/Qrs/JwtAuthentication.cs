using System;
using System.Net;
using System.Net.Http.Headers;
using System.Security;

namespace QlikLicense.Qrs
{
    /// <summary>A JWT through a JWT virtual proxy, sent as a bearer token (header form unconfirmed on live sites).</summary>
    public sealed class JwtAuthentication : QrsAuthentication
    {
        private readonly SecureString token;

        public JwtAuthentication(SecureString token) => this.token = token ?? throw new ArgumentNullException(nameof(token));

        public override bool ThroughProxy => true;
        public override string Description => "JWT";

        internal override void Apply(HttpRequestHeaders headers) =>
            headers.Authorization = new AuthenticationHeaderValue("Bearer", new NetworkCredential(string.Empty, token).Password);
    }
}
