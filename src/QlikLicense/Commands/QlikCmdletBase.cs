using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The base of every cmdlet: one cancellation token cancelled by Ctrl+C (StopProcessing) and passed to every
    /// HTTP call, one verbose line per call, and QRS failures turned into ErrorRecords with stable ErrorIds.
    /// </summary>
    public abstract partial class QlikCmdletBase : PSCmdlet, IDisposable, IOperationHost
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private ProgressWriter? progress;
        private readonly ConcurrentQueue<string> pendingVerbose = new ConcurrentQueue<string>();
        private readonly int pipelineThreadId = Environment.CurrentManagedThreadId;

        protected CancellationToken CancellationToken => cancellation.Token;

        /// <summary>Token and trace for QRS calls. Calls made off the pipeline thread queue their verbose lines for FlushVerbose.</summary>
        protected SiteCall Call => new SiteCall(cancellation.Token, WriteVerboseFromAnyThread);

        /// <summary>A call with another token, e.g. one that lets in-flight changes finish after Ctrl+C.</summary>
        protected SiteCall CallWith(CancellationToken token) => new SiteCall(token, WriteVerboseFromAnyThread);

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose() => cancellation.Dispose();

        /// <summary>Waits for a QRS call on the pipeline thread, turning Ctrl+C into a pipeline stop.</summary>
        protected T Wait<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                FlushVerbose();
            }
        }

        /// <summary>
        /// Runs one unit of work: a QRS failure becomes a non-terminating error about the target and the
        /// pipeline goes on; Ctrl+C stops it.
        /// </summary>
        protected void Guard(object? target, Action work)
        {
            try
            {
                work();
            }
            catch (SiteException error)
            {
                WriteError(ErrorFor(error, target));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                FlushVerbose();
            }
        }

        /// <summary>Writes the verbose lines queued by calls on other threads; call it on the pipeline thread.</summary>
        protected void FlushVerbose()
        {
            while (pendingVerbose.TryDequeue(out var line)) WriteVerbose(line);
        }

        /// <summary>The journal a user named with -JournalPath (a PowerShell path), else the site's default journal.</summary>
        protected string JournalPathOrDefault(string? path, QlikConnection connection) =>
            path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : LicenseJournal.DefaultPath(connection.Site);

        /// <summary>The maintenance history a user named with -HistoryPath (a PowerShell path), else the default one beside the routine's state.</summary>
        protected string HistoryPathOrDefault(string? path) =>
            path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : MaintenanceHistory.DefaultPath;

        /// <summary>
        /// Opens a journal to write; the record must exist before the change it describes, so when the journal
        /// cannot be written the command stops, saying what was not done.
        /// </summary>
        /// <param name="path">A PowerShell path given by the user, or null for <paramref name="defaultPath"/>.</param>
        protected LicenseJournal OpenJournal(string? path, string defaultPath, string nothingDone)
        {
            try
            {
                return OpenOperationJournal(path, defaultPath, nothingDone);
            }
            catch (OperationException error)
            {
                throw Terminate(ErrorFor(error.Problem));
            }
        }

        /// <summary>
        /// Opens a journal for an engine operation: when it cannot be written, an <see cref="OperationException"/>
        /// stops the operation (the routine reports it as a problem of its step; <see cref="RunOperation"/> stops the command).
        /// </summary>
        protected LicenseJournal OpenOperationJournal(string? path, string defaultPath, string nothingDone)
        {
            var journal = LicenseJournal.Open(path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : defaultPath, nothingDone);
            WriteVerbose($"Journal: {journal.Path}");
            if (path == null) WarnOfDefaultJournal(journal.Path);
            return journal;
        }

        /// <summary>
        /// A scheduled run's journal sits in its account's profile unless chosen: say where, so an administrator can
        /// find what the task changed.
        /// </summary>
        protected void WarnOfDefaultJournal(string journalPath)
        {
            if (NonInteractiveSession.IsCurrent && LicenseJournal.IsDefaultPath(journalPath))
                WriteWarning(Messages.Journals.DefaultInScheduledRun(journalPath, LicenseJournal.DataFolderVariable));
        }

        /// <summary>
        /// Runs an engine operation: a problem that stops the whole operation becomes a terminating error, Ctrl+C a
        /// pipeline stop, and a site failure outside any item a non-terminating error about <paramref name="target"/>.
        /// </summary>
        protected void RunOperation(object? target, Action work)
        {
            try
            {
                Guard(target, work);
            }
            catch (OperationException error)
            {
                FlushVerbose();
                throw Terminate(ErrorFor(error.Problem));
            }
        }

        /// <summary>
        /// Stops the command with <paramref name="record"/> (ThrowTerminatingError), written <c>throw Terminate(record)</c>
        /// so that the compiler knows nothing after it runs: PowerShellStandard.Library does not say ThrowTerminatingError
        /// never returns.
        /// </summary>
        protected Exception Terminate(ErrorRecord record)
        {
            ThrowTerminatingError(record);
            // Not reached: ThrowTerminatingError always throws.
            return new InvalidOperationException("ThrowTerminatingError returned.");
        }

        /// <summary>The error record of a license rule problem, the same from every cmdlet that changes rules.</summary>
        protected static ErrorRecord ErrorFor(LicenseRuleException error, object? target)
        {
            ErrorRecord record;
            switch (error.Problem)
            {
                case LicenseRuleProblem.NotFound:
                    record = new ErrorRecord(error, ErrorIds.LicenseRuleNotFound, ErrorCategory.ObjectNotFound, target);
                    break;
                case LicenseRuleProblem.NotALicenseRule:
                    record = new ErrorRecord(error, ErrorIds.NotALicenseRule, ErrorCategory.InvalidArgument, target);
                    break;
                case LicenseRuleProblem.Changed:
                    // Not "busy": retrying cannot help, the caller must read the other change first.
                    record = new ErrorRecord(error, ErrorIds.LicenseRuleChanged, ErrorCategory.InvalidOperation, target);
                    record.ErrorDetails = new ErrorDetails(error.Message)
                    {
                        RecommendedAction = Messages.Rules.ReadChangedRuleAgain,
                    };
                    break;
                case LicenseRuleProblem.InvalidRuleText:
                    record = new ErrorRecord(error, ErrorIds.LicenseRuleInvalid, ErrorCategory.InvalidArgument, target);
                    break;
                default:
                    record = new ErrorRecord(error, ErrorIds.LicenseRuleAccessGroupLeft, ErrorCategory.ResourceUnavailable, target);
                    break;
            }
            return record;
        }

        /// <summary>The error record of a problem an engine operation reported.</summary>
        protected ErrorRecord ErrorFor(OperationProblem problem)
        {
            if (problem.Exception is SiteException failure) return ErrorFor(failure, problem.Target);
            var (errorId, category) = OperationErrors.Of(problem.Kind);
            // "Not found" reads as PowerShell's own ItemNotFoundException, as Get-Item's does.
            var exception = problem.Kind == ProblemKind.UserNotFound ? new ItemNotFoundException(problem.Message) : problem.Exception;
            var record = new ErrorRecord(exception, errorId, category, problem.Target);
            if (problem.Details != null) record.ErrorDetails = new ErrorDetails(problem.Details);
            return record;
        }

        /// <summary>
        /// ShouldProcess for a change of the given impact, also in a command of higher ConfirmImpact (the routine asks
        /// about allocations as Add-QlikLicenseAllocation would: without a prompt unless $ConfirmPreference or -Confirm
        /// asks for one). Tells whether -WhatIf answered.
        /// </summary>
        protected bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf)
        {
            var description = string.Format(CultureInfo.InvariantCulture, "Performing the operation \"{0}\" on target \"{1}\".", action, target);
            whatIf = false;
            if (!WhatIfInEffect() && DeclaredImpact > ToConfirmImpact(impact) && !Prompts(ToConfirmImpact(impact)))
            {
                // What ShouldProcess itself does when it needs no answer.
                WriteVerbose(description);
                return true;
            }
            var confirmed = ShouldProcess(description, "Are you sure you want to perform this action?" + Environment.NewLine + description, "Confirm", out var reason);
            whatIf = reason == ShouldProcessReason.WhatIf;
            return confirmed;
        }

        /// <summary>Whether ShouldProcess will show -WhatIf text or ask for confirmation at this impact, so a preview is worth its request.</summary>
        protected bool PreviewWanted(ConfirmImpact impact) => WhatIfInEffect() || Prompts(impact);

        private bool WhatIfInEffect() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? LanguagePrimitives.IsTrue(whatIf)
                : LanguagePrimitives.IsTrue(Unwrap(GetVariableValue("WhatIfPreference")));

        /// <summary>Whether ShouldProcess asks the user about a change of this impact (-Confirm, else $ConfirmPreference).</summary>
        private bool Prompts(ConfirmImpact impact)
        {
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)) return LanguagePrimitives.IsTrue(confirm);
            return Unwrap(GetVariableValue("ConfirmPreference")) is ConfirmImpact level && level != ConfirmImpact.None && level <= impact;
        }

        private ConfirmImpact DeclaredImpact =>
            ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium;

        private static ConfirmImpact ToConfirmImpact(ChangeImpact impact) =>
            impact == ChangeImpact.High ? ConfirmImpact.High : impact == ChangeImpact.Medium ? ConfirmImpact.Medium : ConfirmImpact.Low;

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>"N of M" progress, throttled for long activities.</summary>
        private protected ProgressWriter Progress => progress ??= new ProgressWriter(WriteProgress);

        bool IOperationHost.ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf) => ShouldChange(target, action, impact, out whatIf);

        void IOperationHost.Output(object result)
        {
            FlushVerbose();
            WriteObject(result);
        }

        void IOperationHost.Warning(string message)
        {
            FlushVerbose();
            WriteWarning(message);
        }

        void IOperationHost.Verbose(string message)
        {
            FlushVerbose();
            WriteVerbose(message);
        }

        void IOperationHost.Problem(OperationProblem problem)
        {
            FlushVerbose();
            WriteError(ErrorFor(problem));
        }

        void IOperationHost.Progress(int activityId, string activity, string status, int done, int total, string? currentOperation) =>
            Progress.Step(activityId, activity, status, done, total, currentOperation);

        void IOperationHost.ProgressCompleted(int activityId, string activity) => Progress.Completed(activityId, activity);

        /// <summary>
        /// For a command that acts on the journal records piped in, or else on a whole journal: whether it may act on the
        /// records piped in alone (when it has pipeline input at all, even none). Input that bound another parameter by
        /// property name (such as -Connection) instead of the records stops the command before any change: acting on
        /// the whole journal would ignore what the user selected.
        /// </summary>
        protected bool PipedRecordsOnly(bool inputBoundElsewhere, string nothingDone)
        {
            if (!MyInvocation.ExpectingInput) return false;
            if (inputBoundElsewhere)
                throw Terminate(new ErrorRecord(new ArgumentException(Messages.Journals.RecordsExpected(MyInvocation.MyCommand.Name, nothingDone)),
                    ErrorIds.JournalRecordExpected, ErrorCategory.InvalidArgument, null));
            return true;
        }

        /// <summary>Reads a whole journal as operations, warning about unreadable lines; stops the command when it cannot be read.</summary>
        protected IReadOnlyList<JournalRecord> ReadJournalOrStop(string path, string nothingDone) => ReadJournal(path, nothingDone, ThrowTerminatingError);

        /// <summary>Reads a whole journal as operations, warning about unreadable lines; none (after <paramref name="fail"/>) when it cannot be read.</summary>
        protected IReadOnlyList<JournalRecord> ReadJournal(string path, string nothingDone, Action<ErrorRecord> fail)
        {
            JournalContent content;
            try
            {
                content = JournalOperations.Read(path, CancellationToken);
            }
            catch (Exception error) when (error is System.IO.FileNotFoundException || error is System.IO.DirectoryNotFoundException)
            {
                fail(new ErrorRecord(new System.IO.FileNotFoundException(Messages.Journals.NotFound(path, nothingDone), path, error),
                    ErrorIds.JournalNotFound, ErrorCategory.ObjectNotFound, path));
                return Array.Empty<JournalRecord>();
            }
            catch (Exception error) when (error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                fail(new ErrorRecord(new System.IO.IOException(Messages.Journals.NotReadable(path, error.Message, nothingDone), error),
                    ErrorIds.JournalNotReadable, ErrorCategory.ReadError, path));
                return Array.Empty<JournalRecord>();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            if (content.Warning != null) WriteWarning(content.Warning);
            foreach (var problem in content.Problems) WriteVerbose(problem.ToString());
            return content.Operations;
        }

        protected ErrorRecord ErrorFor(SiteException error, object? target)
        {
            var record = new ErrorRecord(error, ErrorIds.OfSite(error), CategoryFor(error.ErrorKind), target);
            if (error.ResponseBody is string body && body.Length > 0)
                record.ErrorDetails = new ErrorDetails(Messages.Connections.ServerSaid(error.Message, body));
            return record;
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

        private void WriteVerboseFromAnyThread(string line)
        {
            if (Environment.CurrentManagedThreadId != pipelineThreadId)
            {
                pendingVerbose.Enqueue(line);
                return;
            }
            // Lines queued by other threads happened first.
            FlushVerbose();
            WriteVerbose(line);
        }
    }
}
