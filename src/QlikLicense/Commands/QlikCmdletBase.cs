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
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The base of every cmdlet: one cancellation token cancelled by Ctrl+C (StopProcessing) and passed to every
    /// HTTP call, one verbose line per call, and QRS failures turned into ErrorRecords with stable ErrorIds.
    /// </summary>
    public abstract class QlikCmdletBase : PSCmdlet, IDisposable, IOperationHost
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private ProgressWriter? progress;
        private readonly ConcurrentQueue<string> pendingVerbose = new ConcurrentQueue<string>();
        private readonly int pipelineThreadId = Environment.CurrentManagedThreadId;

        /// <summary>The journals this command was told of: each is named once.</summary>
        private readonly HashSet<string> journalsUsed = new HashSet<string>(StringComparer.Ordinal);

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

        /// <summary>A path a user gave (a PowerShell path: relative to the current location, on a drive) as a file-system path; null for none.</summary>
        protected string? FileSystemPath(string? path) => path == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>The maintenance history a user named with -HistoryPath (a PowerShell path), else the default one beside the routine's state.</summary>
        protected string HistoryPathOrDefault(string? path) => FileSystemPath(path) ?? MaintenanceHistory.DefaultPath;

        /// <summary>
        /// Opens the journal of a change the cmdlet makes itself (the one the user chose with -JournalPath, else the site's);
        /// the record must exist before the change it describes, so when the journal cannot be written the command stops,
        /// saying what was not done.
        /// </summary>
        protected LicenseJournal OpenJournalOrStop(string? journalPath, QlikConnection connection, string nothingDone)
        {
            try
            {
                return LicenseJournal.Open(this, FileSystemPath(journalPath), connection.Site, nothingDone);
            }
            catch (OperationException error)
            {
                throw Terminate(ErrorFor(error.Problem));
            }
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
        protected static ErrorRecord ErrorFor(LicenseRuleException error, object? target) => OperationErrors.RecordFor(new OperationProblem(error.Kind, error, target));

        /// <summary>The error record of a problem an engine operation reported.</summary>
        protected static ErrorRecord ErrorFor(OperationProblem problem) => OperationErrors.RecordFor(problem);

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
            ((CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium;

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

        void IOperationHost.JournalUsed(string path)
        {
            FlushVerbose();
            if (!journalsUsed.Add(path)) return;
            WriteVerbose($"Journal: {path}");
            // A scheduled run's journal sits in its account's profile unless chosen: say where, so an administrator can find what the task changed.
            if (NonInteractiveSession.IsCurrent && LicenseJournal.IsDefaultPath(path))
                WriteWarning(Messages.Journals.DefaultInScheduledRun(path, LicenseJournal.DataFolderVariable));
        }

        void IOperationHost.Problem(OperationProblem problem)
        {
            FlushVerbose();
            if (OperationErrors.IsWarning(problem.Kind)) WriteWarning(problem.Message);
            else WriteError(ErrorFor(problem));
        }

        void IOperationHost.Progress(int activityId, string activity, string status, int done, int total, string? currentOperation) =>
            Progress.Step(activityId, activity, status, done, total, currentOperation);

        void IOperationHost.ProgressCompleted(int activityId, string activity) => Progress.Completed(activityId, activity);

        protected static ErrorRecord ErrorFor(SiteException error, object? target) => OperationErrors.RecordFor(new OperationProblem(ProblemKind.SiteRequestFailed, error, target));

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
