using QlikLicense.Model;

namespace QlikLicense.Transport
{
    /// <summary>What an HTTP status that is not a success means, the same for a site, a tenant and an item of a tenant's batch answer.</summary>
    internal static class HttpStatuses
    {
        /// <summary>401 and 403 refuse us, 404 finds nothing, 409 conflicts, 429 and 5xx are the server's trouble, any other 4xx rejects the request.</summary>
        public static SiteErrorKind KindOf(int status)
        {
            if (status == 401 || status == 403) return SiteErrorKind.AccessDenied;
            if (status == 404) return SiteErrorKind.NotFound;
            if (status == 409) return SiteErrorKind.Conflict;
            return status >= 500 || status == 429 ? SiteErrorKind.ServerError : SiteErrorKind.BadRequest;
        }
    }
}
