namespace QlikLicense.Transport
{
    /// <summary>The certificate a server presented, as far as our trust check saw it.</summary>
    public sealed class ServerCertificateInfo
    {
        public string? Subject { get; set; }
        public string? Issuer { get; set; }
        public string? Thumbprint { get; set; }
        public string? IssuerThumbprint { get; set; }
        public string Problem { get; set; } = string.Empty;
    }
}
