using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>A QRS request failed: a <see cref="SiteException"/> of a Qlik Sense site, its <see cref="SiteException.ErrorKind"/> naming the failure.</summary>
    public class QrsException : SiteException
    {
        public QrsException(SiteErrorKind kind, string method, string? path, int? statusCode, string message, string? responseBody = null, System.Exception? inner = null)
            : base(SiteKind.QlikSense, kind, method, path, statusCode, message, responseBody, inner)
        {
        }
    }
}
