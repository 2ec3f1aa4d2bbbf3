using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// A request to a site failed, whatever kind of site it is: the operations and cmdlets catch this, so a tenant's
    /// failures are handled like a site's. <c>QlikLicense.Qrs.QrsException</c> derives from it.
    /// </summary>
    public class SiteException : Exception
    {
        public SiteException(SiteKind site, SiteErrorKind kind, string method, string? path, int? statusCode, string message,
            string? responseBody = null, Exception? inner = null)
            : base(message, inner)
        {
            Site = site;
            ErrorKind = kind;
            Method = method;
            Path = path;
            StatusCode = statusCode;
            ResponseBody = responseBody;
        }

        /// <summary>The kind of site that failed, which names the ErrorId (QrsNotFound, QlikCloudNotFound).</summary>
        public SiteKind Site { get; }
        public SiteErrorKind ErrorKind { get; }
        public string Method { get; }

        /// <summary>The path without query string (on a site the query carries the Xrfkey).</summary>
        public string? Path { get; }
        public int? StatusCode { get; }

        /// <summary>The server's error text (trimmed), for ErrorDetails.</summary>
        public string? ResponseBody { get; }

        /// <summary>How many times the request was sent; above 1, an earlier try may have acted (its answer was lost).</summary>
        public int Attempts { get; internal set; } = 1;
    }
}
