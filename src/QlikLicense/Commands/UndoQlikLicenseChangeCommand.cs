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

        /// <summary>The journal to undo; the undo is recorded in it too. By default the site's journal.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Changes from Get-QlikLicenseJournal; each undo is recorded in the journal its change came from.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public JournalRecord[] InputObject { get; set; } = Array.Empty<JournalRecord>();

        /// <summary>Only changes at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet) piped.AddRange(InputObject.Where(record => record != null));
        }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var defaultPath = JournalPathOrDefault(JournalPath, connection);
            var operations = ParameterSetName == PathSet ? ReadJournalOrStop(defaultPath, Messages.Journals.NothingUndone) : JournalOperations.Combine(piped);
            var sinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null;
            var selection = ChangeUndo.Select(operations, connection.Site, sinceUtc);
            // Piped changes: what later undos gave back is in their journals, which hold more than was piped.
            if (ParameterSetName != PathSet)
                foreach (var path in piped.Select(record => record.JournalPath).OfType<string>().Distinct(StringComparer.Ordinal).Where(File.Exists))
                    foreach (var given in ChangeUndo.AllocationsGivenBack(JournalOperations.Read(path).Operations)) selection.GivenBack[given.Key] = given.Value;
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
                    var path = change.JournalPath ?? defaultPath;
                    var journal = journals.TryGetValue(path, out var open) ? open : journals[path] = OpenJournal(null, path, Messages.Journals.NothingMoreUndone);
                    Undo(new ChangeUndo(connection, journal, recreatedRules, selection.KnownRules, selection.GivenBack), change);
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
