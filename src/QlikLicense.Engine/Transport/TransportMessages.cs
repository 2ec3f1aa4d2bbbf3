namespace QlikLicense.Transport
{
    /// <summary>The wording of what the transport shared by site and tenant clients reports: answers and server certificates.</summary>
    internal static class TransportMessages
    {
        public const string TextAfterValue = "additional text after the JSON value";

        internal static class Certificates
        {
            public const string TlsHint =
                "The server may accept only TLS versions this PowerShell does not offer (it offers TLS 1.2 and, where the runtime has it, 1.3; " +
                "a server that still needs TLS 1.0 or 1.1 is refused by newer Windows), or may not accept this client certificate.";

            public const string NoCertificate = "no certificate presented";
            public const string NameMismatch = "its name does not match the server name";
            public const string IssuerNotTrusted = "its issuer is not trusted";
        }
    }
}
