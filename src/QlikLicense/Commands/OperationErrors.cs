using System.Management.Automation;
using QlikLicense.Maintenance;

namespace QlikLicense.Commands
{
    /// <summary>The ErrorId and category of each problem the engine's operations report, in one place.</summary>
    internal static class OperationErrors
    {
        public static (string? ErrorId, ErrorCategory Category) Of(ProblemKind kind)
        {
            switch (kind)
            {
                case ProblemKind.UserNotFound: return (ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound);
                case ProblemKind.NoSeatAvailable: return (ErrorIds.NoSeatAvailable, ErrorCategory.LimitsExceeded);
                case ProblemKind.AllocationQuarantined: return (ErrorIds.AllocationQuarantined, ErrorCategory.InvalidOperation);
                case ProblemKind.MaximumCountExceeded: return (ErrorIds.MaximumCountExceeded, ErrorCategory.LimitsExceeded);
                case ProblemKind.ConnectionClosed: return (ErrorIds.ConnectionClosed, ErrorCategory.ConnectionError);
                case ProblemKind.JournalNotWritable: return (ErrorIds.JournalNotWritable, ErrorCategory.WriteError);
                case ProblemKind.LogPathNotFound: return (ErrorIds.LogPathNotFound, ErrorCategory.ObjectNotFound);
                case ProblemKind.HistoryNotWritable: return (ErrorIds.HistoryNotWritable, ErrorCategory.WriteError);
                case ProblemKind.HistoryNotReadable: return (ErrorIds.HistoryNotReadable, ErrorCategory.ReadError);
                case ProblemKind.NotSupportedOnSite: return (ErrorIds.NotSupportedOnQlikCloud, ErrorCategory.NotImplemented);
                default: return (null, ErrorCategory.NotSpecified);
            }
        }
    }
}
