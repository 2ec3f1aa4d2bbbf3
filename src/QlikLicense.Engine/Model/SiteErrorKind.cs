namespace QlikLicense.Model
{
    /// <summary>
    /// What went wrong talking to a site, whatever its kind (the one list of site and tenant clients alike); the cmdlets
    /// map each kind to a stable ErrorId and category.
    /// </summary>
    public enum SiteErrorKind
    {
        /// <summary>401 or 403: the site did not let us in.</summary>
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
        /// <summary>The site refused an allocation because no seat of its type is left.</summary>
        NoSeatLeft,
    }
}
