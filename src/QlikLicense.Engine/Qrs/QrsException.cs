using System;

namespace QlikLicense.Qrs
{
    public class QrsException : Exception
    {
        public QrsException(QrsErrorKind kind, string method, string? path, int? statusCode, string message, string? responseBody = null, Exception? inner = null)
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
        public string? Path { get; }
        public int? StatusCode { get; }

        /// <summary>The server's error text (trimmed), for ErrorDetails.</summary>
        public string? ResponseBody { get; }

        /// <summary>How many times the request was sent; above 1, an earlier try may have acted (its answer was lost).</summary>
        public int Attempts { get; internal set; } = 1;
    }
}
