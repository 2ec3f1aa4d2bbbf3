using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Undo
{
    /// <summary>What undoing one journaled change did.</summary>
    public sealed class ChangeUndoResult
    {
        /// <summary>UTC.</summary>
        public DateTime Time { get; set; }

        /// <summary>The kind of change that was undone.</summary>
        public JournalEvent Undone { get; set; }
        public string Target { get; set; } = string.Empty;

        /// <summary>What the undo did: Allocated/Reinstated (a release given back), Released/Quarantined (an allocation taken back), Created/Changed/Removed (a rule), AlreadyAllocated/AlreadyGone/Unchanged (nothing needed), Failed, Unknown.</summary>
        public AllocationOutcome Outcome { get; set; }
        public string? Message { get; set; }

        /// <summary>The journal operation undone; the undo's own lines name it in "undoes".</summary>
        public Guid UndoneOperationId { get; set; }
        public string JournalPath { get; set; } = string.Empty;
        public string Site { get; set; } = string.Empty;

        /// <summary>A give-back's or take-back's own result, which the restore form (Restore-QlikLicenseAllocation) outputs instead.</summary>
        internal AllocationChangeResult? AllocationChange { get; set; }

        public override string ToString() => $"{Outcome}: undo {Undone} of {Target}";
    }
}
