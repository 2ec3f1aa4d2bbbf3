using QlikLicense.Model;
using QlikLicense.Maintenance.Decisions;

namespace QlikLicense.Maintenance.Undo
{
    /// <summary>The PowerShell command that takes one change back, for reports and messages.</summary>
    public static class UndoCommand
    {
        /// <summary>The command, or null when the change changed nothing (Failed, AlreadyGone, AlreadyAllocated).</summary>
        public static string? For(AllocationChangeResult change)
        {
            string kinds;
            switch (change.Outcome)
            {
                case AllocationOutcome.Released:
                case AllocationOutcome.Quarantined:
                    kinds = "Release";
                    break;
                case AllocationOutcome.Allocated:
                case AllocationOutcome.Reinstated:
                    kinds = "Allocate, Restore";
                    break;
                case AllocationOutcome.Unknown:
                    kinds = "Release, Allocate, Restore";
                    break;
                default:
                    return null;
            }
            var path = change.JournalPath == null ? string.Empty : " -Path " + PowerShellCommand.Quote(change.JournalPath);
            return $"Get-QlikLicenseJournal{path} -Kind {kinds} -UserId {PowerShellCommand.Quote(change.UserIdentity)} | Undo-QlikLicenseChange";
        }
    }
}
