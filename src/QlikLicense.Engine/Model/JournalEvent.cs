namespace QlikLicense.Model
{
    /// <summary>What a journal line says happened.</summary>
    public enum JournalEvent
    {
        /// <summary>Written before the DELETE is sent: the intent, with everything needed to undo it.</summary>
        Release,
        /// <summary>Written after the DELETE and read-back: what actually happened.</summary>
        Result,
        /// <summary>Written before an undo allocates the user again (no outcome), and after (with the outcome).</summary>
        Restore,
        /// <summary>An allocation made by Add-QlikLicenseAllocation or Invoke-QlikLicenseMaintenance -AllocateDenied: intent, then outcome.</summary>
        Allocate,
        /// <summary>A license rule created: intent (RuleAfter without id), then outcome (RuleAfter as created).</summary>
        RuleCreate,
        /// <summary>A license rule changed: intent (RuleBefore as read, RuleAfter as sent), then outcome (RuleAfter as stored).</summary>
        RuleChange,
        /// <summary>A license rule removed with its access group: intent (RuleBefore as it was), then outcome.</summary>
        RuleRemove,
        /// <summary>
        /// A tenant's automatic assignment of one access type switched: intent (AutoAssignBefore as read, AutoAssignAfter as
        /// sent), then outcome (AutoAssignAfter as stored).
        /// </summary>
        AutoAssignmentChange,
    }
}
