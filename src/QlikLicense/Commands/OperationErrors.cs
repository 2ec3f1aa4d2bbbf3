using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The one place that turns what the engine could not do (<see cref="ProblemKind"/>: operations, license rule changes,
    /// undos, sites files, site requests) into error records: each kind's ErrorId, category and what to do next.
    /// </summary>
    internal static class OperationErrors
    {
        /// <summary>The problems written as warnings: the command went on without what failed, and its results stand.</summary>
        public static bool IsWarning(ProblemKind kind) => kind == ProblemKind.RuleCheckFailed;

        public static ErrorRecord RecordFor(OperationProblem problem)
        {
            if (problem.Exception is SiteException failure) return RecordFor(failure, problem.Target);
            var (errorId, category) = Of(problem.Kind);
            // "Not found" reads as PowerShell's own ItemNotFoundException, as Get-Item's does.
            var exception = problem.Kind == ProblemKind.UserNotFound ? new ItemNotFoundException(problem.Message) : problem.Exception;
            var record = new ErrorRecord(exception, errorId, category, problem.Target);
            if (problem.Kind == ProblemKind.LicenseRuleChanged)
                // Not "busy": retrying cannot help, the caller must read the other change first.
                record.ErrorDetails = new ErrorDetails(problem.Message) { RecommendedAction = Messages.Rules.ReadChangedRuleAgain };
            else if (problem.Details != null)
                record.ErrorDetails = new ErrorDetails(problem.Details);
            return record;
        }

        private static ErrorRecord RecordFor(SiteException error, object? target)
        {
            var record = new ErrorRecord(error, ErrorIds.OfSite(error), CategoryFor(error.ErrorKind), target);
            if (error.ResponseBody is string body && body.Length > 0)
                record.ErrorDetails = new ErrorDetails(Messages.Connections.ServerSaid(error.Message, body));
            return record;
        }

        private static (string ErrorId, ErrorCategory Category) Of(ProblemKind kind)
        {
            switch (kind)
            {
                case ProblemKind.UserNotFound: return (ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound);
                case ProblemKind.NoSeatAvailable: return (ErrorIds.NoSeatAvailable, ErrorCategory.LimitsExceeded);
                case ProblemKind.AllocationQuarantined: return (ErrorIds.AllocationQuarantined, ErrorCategory.InvalidOperation);
                case ProblemKind.MaximumCountExceeded: return (ErrorIds.MaximumCountExceeded, ErrorCategory.LimitsExceeded);
                case ProblemKind.ConnectionClosed: return (ErrorIds.ConnectionClosed, ErrorCategory.ConnectionError);
                case ProblemKind.JournalNotFound: return (ErrorIds.JournalNotFound, ErrorCategory.ObjectNotFound);
                case ProblemKind.JournalNotReadable: return (ErrorIds.JournalNotReadable, ErrorCategory.ReadError);
                case ProblemKind.JournalNotWritable: return (ErrorIds.JournalNotWritable, ErrorCategory.WriteError);
                case ProblemKind.JournalSiteMismatch: return (ErrorIds.JournalSiteMismatch, ErrorCategory.InvalidData);
                case ProblemKind.LogPathNotFound: return (ErrorIds.LogPathNotFound, ErrorCategory.ObjectNotFound);
                case ProblemKind.HistoryNotWritable: return (ErrorIds.HistoryNotWritable, ErrorCategory.WriteError);
                case ProblemKind.HistoryNotReadable: return (ErrorIds.HistoryNotReadable, ErrorCategory.ReadError);
                case ProblemKind.ReportNotWritable: return (ErrorIds.ReportNotWritable, ErrorCategory.WriteError);
                case ProblemKind.ChangeNotUndoable: return (ErrorIds.ChangeNotUndoable, ErrorCategory.InvalidData);
                case ProblemKind.LicenseRuleChangedSince: return (ErrorIds.LicenseRuleChangedSince, ErrorCategory.InvalidOperation);
                case ProblemKind.LicenseRuleNotFound: return (ErrorIds.LicenseRuleNotFound, ErrorCategory.ObjectNotFound);
                case ProblemKind.LicenseRuleExists: return (ErrorIds.LicenseRuleExists, ErrorCategory.ResourceExists);
                case ProblemKind.NotALicenseRule: return (ErrorIds.NotALicenseRule, ErrorCategory.InvalidArgument);
                case ProblemKind.LicenseRuleChanged: return (ErrorIds.LicenseRuleChanged, ErrorCategory.InvalidOperation);
                case ProblemKind.LicenseRuleInvalid: return (ErrorIds.LicenseRuleInvalid, ErrorCategory.InvalidArgument);
                case ProblemKind.LicenseRuleAccessGroupLeft: return (ErrorIds.LicenseRuleAccessGroupLeft, ErrorCategory.ResourceUnavailable);
                case ProblemKind.SiteEntryInvalid: return (ErrorIds.SiteEntryInvalid, ErrorCategory.InvalidData);
                case ProblemKind.SiteSettingUnknown: return (ErrorIds.SiteSettingUnknown, ErrorCategory.InvalidData);
                case ProblemKind.SiteSettingMissing: return (ErrorIds.SiteSettingMissing, ErrorCategory.InvalidData);
                case ProblemKind.SiteSettingInvalid: return (ErrorIds.SiteSettingInvalid, ErrorCategory.InvalidData);
                case ProblemKind.SiteSettingsConflict: return (ErrorIds.SiteSettingsConflict, ErrorCategory.InvalidData);
                case ProblemKind.SiteNameDuplicate: return (ErrorIds.SiteNameDuplicate, ErrorCategory.InvalidData);
                case ProblemKind.SiteSecretInFile: return (ErrorIds.SiteSecretInFile, ErrorCategory.SecurityError);
                case ProblemKind.NotSupportedOnSite: return (ErrorIds.NotSupportedOnQlikCloud, ErrorCategory.NotImplemented);
                default: return (kind.ToString(), ErrorCategory.NotSpecified);
            }
        }

        private static ErrorCategory CategoryFor(SiteErrorKind kind)
        {
            switch (kind)
            {
                case SiteErrorKind.AccessDenied: return ErrorCategory.PermissionDenied;
                case SiteErrorKind.LoginPage: return ErrorCategory.AuthenticationError;
                case SiteErrorKind.BadRequest: return ErrorCategory.InvalidArgument;
                case SiteErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case SiteErrorKind.Conflict: return ErrorCategory.ResourceBusy;
                case SiteErrorKind.ServerError: return ErrorCategory.ResourceUnavailable;
                case SiteErrorKind.InvalidResponse: return ErrorCategory.InvalidResult;
                case SiteErrorKind.UntrustedCertificate: return ErrorCategory.SecurityError;
                case SiteErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case SiteErrorKind.NoSeatLeft: return ErrorCategory.LimitsExceeded;
                default: return ErrorCategory.ConnectionError;
            }
        }
    }
}
