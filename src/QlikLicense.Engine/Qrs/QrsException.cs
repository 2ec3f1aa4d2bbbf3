using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>A QRS request failed; <see cref="Kind"/> names the failure in QRS terms, <see cref="SiteException.ErrorKind"/> in the site seam's.</summary>
    public class QrsException : SiteException
    {
        public QrsException(QrsErrorKind kind, string method, string? path, int? statusCode, string message, string? responseBody = null, System.Exception? inner = null)
            : base(SiteKind.QlikSense, (SiteErrorKind)kind, method, path, statusCode, message, responseBody, inner)
        {
            Kind = kind;
        }

        public QrsErrorKind Kind { get; }
    }
}
