using System.Net;
using System.Net.Http;

namespace QlikLicense.Qrs
{
    /// <summary>Windows authentication (NTLM/Kerberos) through a virtual proxy.</summary>
    public sealed class WindowsAuthentication : QrsAuthentication
    {
        /// <param name="credential">Null for the current user's default credentials.</param>
        public WindowsAuthentication(NetworkCredential? credential) => Credential = credential;

        internal NetworkCredential? Credential { get; }
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
}
