using System;

namespace QlikLicense.Qrs
{
    /// <summary>What went wrong talking to QRS; the cmdlets map each kind to a stable ErrorId and category.</summary>
    public enum QrsErrorKind
    {
        /// <summary>401 or 403: the certificate, user header or virtual proxy did not let us in.</summary>
        AccessDenied,
        /// <summary>A 200 with an HTML body: the request landed on a login page.</summary>
        LoginPage,
        BadRequest,
        NotFound,
        Conflict,
        ServerError,
        /// <summary>Malformed or truncated JSON, or a shape we cannot read.</summary>
        InvalidResponse,
        /// <summary>The server's certificate was not trusted.</summary>
        UntrustedCertificate,
        Timeout,
        ConnectionFailed,
    }

    public class QrsException : Exception
    {
        public QrsException(QrsErrorKind kind, string method, string path, int? statusCode, string message, string responseBody = null, Exception inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Method = method;
            Path = path;
            StatusCode = statusCode;
            ResponseBody = responseBody;
        }

        public QrsErrorKind Kind { get; }
        public string Method { get; }

        /// <summary>The path without query string: the query carries the Xrfkey.</summary>
        public string Path { get; }
        public int? StatusCode { get; }

        /// <summary>The server's error text (trimmed), for ErrorDetails.</summary>
        public string ResponseBody { get; }

        /// <summary>How many times the request was sent; above 1, an earlier try may have acted (its answer was lost).</summary>
        public int Attempts { get; internal set; } = 1;
    }

    /// <summary>The server presented a certificate nobody told us to trust.</summary>
    public sealed class QrsUntrustedCertificateException : QrsException
    {
        public QrsUntrustedCertificateException(string method, string path, ServerCertificateInfo seen, Exception inner)
            : base(QrsErrorKind.UntrustedCertificate, method, path, null, BuildMessage(seen), null, inner)
        {
            Certificate = seen;
        }

        public ServerCertificateInfo Certificate { get; }

        private static string BuildMessage(ServerCertificateInfo seen) => seen == null
            ? "The TLS handshake with the server failed. " + TransportSettings.TlsHint
            : $"The server's certificate is not trusted: subject '{seen.Subject}', issued by '{seen.Issuer}', thumbprint {seen.Thumbprint} ({seen.Problem}). " +
              $"Trust the site's CA with -CaCertificatePath (the root.cer exported from the site), or pin this certificate with -TrustedCertificateThumbprint {seen.Thumbprint}" +
              (seen.IssuerThumbprint != null ? $" (or its CA: {seen.IssuerThumbprint})." : ".");
    }

    /// <summary>The certificate a server presented, as far as our trust check saw it.</summary>
    public sealed class ServerCertificateInfo
    {
        public string Subject { get; set; }
        public string Issuer { get; set; }
        public string Thumbprint { get; set; }
        public string IssuerThumbprint { get; set; }
        public string Problem { get; set; }
    }
}
