using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Commands
{
    /// <summary>Takes journaled changes back, newest first, each journaled as a change of its own: the engine's undo in its full form.</summary>
    [Cmdlet(VerbsCommon.Undo, "QlikLicenseChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(ChangeUndoResult))]
    public sealed class UndoQlikLicenseChangeCommand : JournalUndoCmdletBase
    {
        /// <summary>
        /// Alone: the journal to undo, the undo recorded in it too (by default the site's journal). With changes piped in:
        /// the journal the undos are recorded in (by default the journal each change came from).
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateNotNullOrEmpty]
        public override string? JournalPath { get; set; }

        protected override UndoForm Form => UndoForm.Undo;

        protected override string NothingDone => Messages.Journals.NothingUndone;
    }
}
