namespace QlikLicense.Maintenance.Undo
{
    /// <summary>The two forms of the one undo: what they take back, how they ask about it and what they report.</summary>
    public enum UndoForm
    {
        /// <summary>Undo-QlikLicenseChange: every kind of change, newest first, asked as High impact, one ChangeUndoResult each.</summary>
        Undo,

        /// <summary>
        /// Restore-QlikLicenseAllocation: releases only, the latest per user and access type, in journal order, asked as
        /// Medium impact ("Restore Professional access"), one AllocationChangeResult each.
        /// </summary>
        Restore,
    }
}
