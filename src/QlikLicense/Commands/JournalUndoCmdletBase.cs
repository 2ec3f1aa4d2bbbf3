using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Commands
{
    /// <summary>
    /// What Undo-QlikLicenseChange and Restore-QlikLicenseAllocation share: the two forms of the engine's one undo
    /// (<see cref="ChangeUndo"/>), fed a whole journal or the records piped in. Input is collected in full before anything
    /// is changed, so a journal piped in while the undo writes to it is undone as it was.
    /// </summary>
    public abstract class JournalUndoCmdletBase : ConnectedCmdletBase
    {
        protected const string PathSet = "Path";
        protected const string InputObjectSet = "InputObject";

        private readonly List<JournalRecord> piped = new List<JournalRecord>();

        /// <summary>Pipeline input bound no record (only -Connection, by property name).</summary>
        private bool pipedNoRecords;

        /// <summary>
        /// Alone: the journal to read, the undos recorded in it too. With records piped in: the journal the undos are
        /// recorded in (by default the journal each change came from).
        /// </summary>
        public abstract string? JournalPath { get; set; }

        /// <summary>Records from Get-QlikLicenseJournal; only these are taken back.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public JournalRecord[] InputObject { get; set; } = Array.Empty<JournalRecord>();

        /// <summary>Only changes at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Which form of the undo the cmdlet is.</summary>
        protected abstract UndoForm Form { get; }

        /// <summary>What the command says was not done when it stops before any change.</summary>
        protected abstract string NothingDone { get; }

        protected override void ProcessRecord()
        {
            // Each piped object is bound afresh: an object that bound no record left InputObject empty.
            if (InputObject.Length > 0) piped.AddRange(InputObject.Where(record => record != null));
            else if (MyInvocation.ExpectingInput) pipedNoRecords = true;
        }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var journalPath = FileSystemPath(JournalPath);
            var recordsOnly = PipedRecordsOnly() || ParameterSetName == InputObjectSet;
            var sinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null;
            var undo = new ChangeUndo(connection, this, Form) { JournalPath = journalPath, SelectionOnly = recordsOnly };
            RunOperation(connection.Site, () =>
            {
                var operations = recordsOnly ? JournalOperations.Combine(piped)
                    : JournalOperations.Read(journalPath ?? LicenseJournal.DefaultPath(connection.Site), this, NothingDone, CancellationToken);
                undo.Run(operations, sinceUtc, Call, CallWith(System.Threading.CancellationToken.None));
            });
        }

        /// <summary>
        /// Whether to act on the records piped in alone: whenever there is pipeline input, even none. Input that bound
        /// -Connection by property name instead of records stops the command before any change: acting on the whole
        /// journal would ignore what the user selected.
        /// </summary>
        private bool PipedRecordsOnly()
        {
            if (!MyInvocation.ExpectingInput) return false;
            if (pipedNoRecords)
                throw Terminate(new ErrorRecord(new ArgumentException(Messages.Journals.RecordsExpected(MyInvocation.MyCommand.Name, NothingDone)),
                    ErrorIds.JournalRecordExpected, ErrorCategory.InvalidArgument, null));
            return true;
        }
    }
}
