using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The base of every cmdlet: one cancellation token cancelled by Ctrl+C (StopProcessing) and passed to every
    /// HTTP call, one verbose line per call, and QRS failures turned into ErrorRecords with stable ErrorIds.
    /// </summary>
    public abstract class QlikCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> pendingVerbose = new ConcurrentQueue<string>();
        private readonly int pipelineThreadId = Environment.CurrentManagedThreadId;

        protected CancellationToken CancellationToken => cancellation.Token;

        /// <summary>Token and trace for QRS calls. Calls made off the pipeline thread queue their verbose lines for FlushVerbose.</summary>
        protected QrsCall Call => new QrsCall(cancellation.Token, WriteVerboseFromAnyThread);

        /// <summary>A call with another token, e.g. one that lets in-flight changes finish after Ctrl+C.</summary>
        protected QrsCall CallWith(CancellationToken token) => new QrsCall(token, WriteVerboseFromAnyThread);

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose() => cancellation.Dispose();

        /// <summary>The -Connection given, else the session's default; stops the command when there is none.</summary>
        protected QlikConnection ResolveConnection(QlikConnection given)
        {
            var connection = given ?? ConnectionRegistry.Default;
            if (connection == null)
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Not connected to a Qlik Sense site. Run Connect-QlikSense first, or pass -Connection."),
                    "NotConnected", ErrorCategory.ConnectionError, null));
            if (connection.IsDisposed)
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"The connection to {connection.Site} was closed by Disconnect-QlikSense. Connect again."),
                    "ConnectionClosed", ErrorCategory.ConnectionError, connection));
            return connection;
        }

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
        protected void Guard(object target, Action work)
        {
            try
            {
                work();
            }
            catch (QrsException error)
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

        /// <summary>
        /// Opens a journal to write; the record must exist before the change it describes, so when the journal
        /// cannot be written the command stops, saying what was not done.
        /// </summary>
        /// <param name="path">A PowerShell path given by the user, or null for <paramref name="defaultPath"/>.</param>
        protected LicenseJournal OpenJournal(string path, string defaultPath, string nothingDone)
        {
            var resolved = path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : defaultPath;
            try
            {
                var journal = new LicenseJournal(resolved);
                WriteVerbose($"Journal: {journal.Path}");
                if (path == null) WarnOfDefaultJournal(journal.Path);
                return journal;
            }
            catch (Exception error) when (error is System.IO.IOException || error is UnauthorizedAccessException || error is ArgumentException || error is NotSupportedException)
            {
                ThrowTerminatingError(new ErrorRecord(new System.IO.IOException($"Cannot write the journal '{resolved}': {error.Message} {nothingDone}", error),
                    "JournalNotWritable", ErrorCategory.WriteError, resolved));
                return null;
            }
        }

        /// <summary>
        /// A scheduled run's journal sits in its account's profile unless chosen: say where, so an administrator can
        /// find what the task changed.
        /// </summary>
        protected void WarnOfDefaultJournal(string journalPath)
        {
            if (NonInteractiveSession.IsCurrent && LicenseJournal.IsDefaultPath(journalPath))
                WriteWarning($"Changes are journaled in {journalPath}, the default of this account. In scheduled runs choose the journal with -JournalPath or, for every account, with the machine's {LicenseJournal.DataFolderVariable} environment variable.");
        }

        /// <summary>Reads a whole journal as operations, warning about unreadable lines; stops the command when it cannot be read.</summary>
        protected IReadOnlyList<JournalRecord> ReadJournalOrStop(string path, string nothingDone) => ReadJournal(path, nothingDone, ThrowTerminatingError);

        /// <summary>Reads a whole journal as operations, warning about unreadable lines; null (after <paramref name="fail"/>) when it cannot be read.</summary>
        protected IReadOnlyList<JournalRecord> ReadJournal(string path, string nothingDone, Action<ErrorRecord> fail)
        {
            JournalContent content = null;
            try
            {
                content = JournalOperations.Read(path, CancellationToken);
            }
            catch (Exception error) when (error is System.IO.FileNotFoundException || error is System.IO.DirectoryNotFoundException)
            {
                fail(new ErrorRecord(new System.IO.FileNotFoundException($"The journal '{path}' does not exist.{nothingDone}", path, error),
                    "JournalNotFound", ErrorCategory.ObjectNotFound, path));
                return null;
            }
            catch (Exception error) when (error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                fail(new ErrorRecord(new System.IO.IOException($"Cannot read the journal '{path}': {error.Message}{nothingDone}", error),
                    "JournalNotReadable", ErrorCategory.ReadError, path));
                return null;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            if (content.Warning != null) WriteWarning(content.Warning);
            foreach (var problem in content.Problems) WriteVerbose(problem.ToString());
            return content.Operations;
        }

        protected ErrorRecord ErrorFor(QrsException error, object target)
        {
            var record = new ErrorRecord(error, ErrorIdFor(error.Kind), CategoryFor(error.Kind), target);
            if (!string.IsNullOrEmpty(error.ResponseBody))
                record.ErrorDetails = new ErrorDetails(error.Message + Environment.NewLine + "Server said: " + error.ResponseBody);
            return record;
        }

        protected static string ErrorIdFor(QrsErrorKind kind) => "Qrs" + kind;

        private static ErrorCategory CategoryFor(QrsErrorKind kind)
        {
            switch (kind)
            {
                case QrsErrorKind.AccessDenied: return ErrorCategory.PermissionDenied;
                case QrsErrorKind.LoginPage: return ErrorCategory.AuthenticationError;
                case QrsErrorKind.BadRequest: return ErrorCategory.InvalidArgument;
                case QrsErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case QrsErrorKind.Conflict: return ErrorCategory.ResourceBusy;
                case QrsErrorKind.ServerError: return ErrorCategory.ResourceUnavailable;
                case QrsErrorKind.InvalidResponse: return ErrorCategory.InvalidResult;
                case QrsErrorKind.UntrustedCertificate: return ErrorCategory.SecurityError;
                case QrsErrorKind.Timeout: return ErrorCategory.OperationTimeout;
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
