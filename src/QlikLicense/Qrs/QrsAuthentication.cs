using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Security.Cryptography.X509Certificates;

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

    /// <summary>Mutual TLS on the QRS port with the site's exported client certificate, acting as the X-Qlik-User.</summary>
    public sealed class CertificateAuthentication : QrsAuthentication
    {
        private readonly bool ownsCertificate;

        /// <param name="ownsCertificate">True for a certificate loaded for this connection (a file), disposed with it; a caller's stays the caller's.</param>
        public CertificateAuthentication(X509Certificate2 certificate, string userDirectory, string userId, bool ownsCertificate = false)
        {
            Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
            UserDirectory = userDirectory;
            UserId = userId;
            this.ownsCertificate = ownsCertificate;
        }

        public X509Certificate2 Certificate { get; }
        public string UserDirectory { get; }
        public string UserId { get; }
        public override bool ThroughProxy => false;
        public override string Description => $"Certificate {Certificate.Thumbprint} as {UserDirectory}\\{UserId}";

        internal override void Configure(HttpClientHandler handler)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(Certificate);
        }

        internal override void Release()
        {
            if (ownsCertificate) Certificate.Dispose();
        }

        internal override void Apply(HttpRequestHeaders headers)
        {
            headers.TryAddWithoutValidation("X-Qlik-User",
                "UserDirectory=" + Uri.EscapeDataString(UserDirectory) + "; UserId=" + Uri.EscapeDataString(UserId));
        }
    }

    /// <summary>Windows authentication (NTLM/Kerberos) through a virtual proxy.</summary>
    public sealed class WindowsAuthentication : QrsAuthentication
    {
        /// <param name="credential">Null for the current user's default credentials.</param>
        public WindowsAuthentication(NetworkCredential credential) => Credential = credential;

        internal NetworkCredential Credential { get; }
        public override bool ThroughProxy => true;
        public override string Description => Credential == null
            ? "Windows (current user)"
            : "Windows as " + (string.IsNullOrEmpty(Credential.Domain) ? Credential.UserName : Credential.Domain + "\\" + Credential.UserName);

        internal override void Configure(HttpClientHandler handler)
        {
            if (Credential == null) handler.UseDefaultCredentials = true;
            else handler.Credentials = Credential;
        }
    }

    /// <summary>Header authentication through a virtual proxy: the proxy trusts a header naming the user.</summary>
    public sealed class HeaderAuthentication : QrsAuthentication
    {
        public HeaderAuthentication(string headerName, string userId)
        {
            HeaderName = headerName;
            UserId = userId;
        }

        public string HeaderName { get; }
        internal string UserId { get; }
        public override bool ThroughProxy => true;

        // The user id is the credential here: whoever sends it is that user, so it is not shown.
        public override string Description => "Header " + HeaderName;

        internal override void Apply(HttpRequestHeaders headers) => headers.TryAddWithoutValidation(HeaderName, UserId);
    }

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
