using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Gives back the allocations a journal records as released: the engine's undo in its restore form (releases only,
    /// the latest per user and access type, results as Add-QlikLicenseAllocation gives them), kept for its users.
    /// </summary>
    [Cmdlet(VerbsData.Restore, "QlikLicenseAllocation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(AllocationChangeResult))]
    public sealed class RestoreQlikLicenseAllocationCommand : JournalUndoCmdletBase
    {
        /// <summary>
        /// Alone: the journal that Remove-QlikLicenseAllocation wrote, the restore recorded in it too. With records piped in:
        /// the journal the restores are recorded in (by default the journal each release came from).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateNotNullOrEmpty]
        public override string? JournalPath { get; set; }

        protected override UndoForm Form => UndoForm.Restore;

        protected override string NothingDone => Messages.Journals.NothingRestored;
    }
}
