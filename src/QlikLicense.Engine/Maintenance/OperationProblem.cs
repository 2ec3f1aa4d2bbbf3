using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>One thing an operation could not do, about one target; the operation goes on with the rest.</summary>
    public sealed class OperationProblem
    {
        public OperationProblem(ProblemKind kind, Exception exception, object? target)
        {
            Kind = kind;
            Exception = exception;
            Target = target;
        }

        public ProblemKind Kind { get; }
        public Exception Exception { get; }
        public object? Target { get; }

        /// <summary>What to tell the user beyond the exception's message; null when the message says it all.</summary>
        public string? Details { get; set; }
        public string Message => Exception.Message;
    }
}
