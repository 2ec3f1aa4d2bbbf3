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
}
