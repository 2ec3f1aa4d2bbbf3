using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Takes journaled changes back, newest first, each journaled as a change of its own. Input is collected in
    /// full before anything is changed, so a journal piped in while the undo writes to it is undone as it was.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "QlikLicenseChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(ChangeUndoResult))]
    public sealed class UndoQlikLicenseChangeCommand : ConnectedCmdletBase
    {
        private const string PathSet = "Path";
        private const string InputObjectSet = "InputObject";

        private readonly List<JournalRecord> piped = new List<JournalRecord>();

        /// <summary>Pipeline input bound no record (only -Connection, by property name).</summary>
        private bool pipedNoRecords;

        /// <summary>
        /// Alone: the journal to undo, the undo recorded in it too (by default the site's journal). With changes piped in:
        /// the journal the undos are recorded in (by default the journal each change came from).
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Changes from Get-QlikLicenseJournal; each undo is recorded in -JournalPath, else in the journal its change came from.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public JournalRecord[] InputObject { get; set; } = Array.Empty<JournalRecord>();

        /// <summary>Only changes at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        protected override void ProcessRecord()
        {
            // Each piped object is bound afresh: an object that bound no record left InputObject empty.
            if (InputObject.Length > 0) piped.AddRange(InputObject.Where(record => record != null));
            else if (MyInvocation.ExpectingInput) pipedNoRecords = true;
        }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var defaultPath = JournalPathOrDefault(JournalPath, connection);
            var operations = (PipedRecordsOnly(pipedNoRecords, Messages.Journals.NothingUndone) || ParameterSetName == InputObjectSet) ? JournalOperations.Combine(piped) : ReadJournalOrStop(defaultPath, Messages.Journals.NothingUndone);
            var sinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null;
            var selection = ChangeUndo.Select(operations, connection.Site, sinceUtc);
            foreach (var change in selection.OtherSite)
                WriteError(new ErrorRecord(new InvalidOperationException(Messages.Journals.ChangeOfOtherSite(change.Target, change.Site, connection.Site)),
                    ErrorIds.JournalSiteMismatch, ErrorCategory.InvalidData, change));
            WriteVerbose($"{selection.ToUndo.Count} to undo, newest first; left alone: {selection.UndoneBefore} undone before, {selection.NothingChanged} that changed nothing, " +
                         $"{selection.BeforeSince} before -Since, {selection.OtherSite.Count} of another site.");

            var journals = new Dictionary<string, LicenseJournal>(StringComparer.Ordinal);
            var recreatedRules = new Dictionary<Guid, Guid>();
            try
            {
                foreach (var change in selection.ToUndo)
                {
                    if (!ShouldProcess(change.Target, ChangeUndo.ActionFor(change))) continue;
                    // A journal the user named records every undo; else each undo goes beside its change.
                    var path = JournalPath != null ? defaultPath : change.JournalPath ?? defaultPath;
                    var journal = journals.TryGetValue(path, out var open) ? open : journals[path] = OpenJournal(null, path, Messages.Journals.NothingMoreUndone);
                    Undo(new ChangeUndo(connection, journal, recreatedRules, selection.KnownRules), change);
                }
            }
            finally
            {
                foreach (var journal in journals.Values) journal.Dispose();
            }
        }

        private void Undo(ChangeUndo undo, JournalRecord change) => Guard(change, () =>
        {
            try
            {
                var (result, error) = Wait(undo.UndoAsync(change, Call, CallWith(CancellationToken.None)));
                if (error != null) WriteError(ErrorFor(error, change));
                WriteObject(result);
            }
            catch (ChangeUndoException error)
            {
                WriteError(new ErrorRecord(error, ErrorIdFor(error.Problem), CategoryFor(error.Problem), change));
            }
            catch (LicenseRuleException error)
            {
                WriteError(ErrorFor(error, change));
            }
        });

        private static string ErrorIdFor(UndoProblem problem)
        {
            switch (problem)
            {
                case UndoProblem.RuleChangedSince: return ErrorIds.LicenseRuleChangedSince;
                case UndoProblem.RuleMissing: return ErrorIds.LicenseRuleNotFound;
                case UndoProblem.RuleNameTaken: return ErrorIds.LicenseRuleExists;
                case UndoProblem.UserNotFound: return ErrorIds.UserNotFound;
                case UndoProblem.NoSeatAvailable: return ErrorIds.NoSeatAvailable;
                default: return ErrorIds.ChangeNotUndoable;
            }
        }

        private static ErrorCategory CategoryFor(UndoProblem problem)
        {
            switch (problem)
            {
                case UndoProblem.RuleMissing:
                case UndoProblem.UserNotFound: return ErrorCategory.ObjectNotFound;
                case UndoProblem.RuleNameTaken: return ErrorCategory.ResourceExists;
                case UndoProblem.NoSeatAvailable: return ErrorCategory.LimitsExceeded;
                case UndoProblem.NotUndoable: return ErrorCategory.InvalidData;
                default: return ErrorCategory.InvalidOperation;
            }
        }
    }
}
