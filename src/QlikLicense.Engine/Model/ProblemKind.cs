namespace QlikLicense.Model
{
    /// <summary>
    /// Everything an engine operation, a license rule change or an undo could not do, in one list: the cmdlets give each
    /// kind its ErrorId and category in one place. A kind is named as its ErrorId where the cmdlets give one.
    /// </summary>
    public enum ProblemKind
    {
        /// <summary>The site failed a request (the exception is a SiteException, whose kind names the ErrorId).</summary>
        SiteRequestFailed,
        UserNotFound,
        NoSeatAvailable,
        AllocationQuarantined,
        MaximumCountExceeded,
        ConnectionClosed,
        JournalNotFound,
        JournalNotReadable,
        JournalNotWritable,
        /// <summary>A journaled change of another site than the connection's.</summary>
        JournalSiteMismatch,
        LogPathNotFound,
        HistoryNotWritable,
        HistoryNotReadable,
        ReportNotWritable,
        /// <summary>Which license rules grant an access type back could not be checked; the operation went on without (a warning).</summary>
        RuleCheckFailed,
        /// <summary>The kind of site lacks what was asked of it (QMC tags or custom properties on a Qlik Cloud tenant).</summary>
        NotSupportedOnSite,

        // Undoing a journaled change.
        /// <summary>The journal line lacks what the undo needs.</summary>
        ChangeNotUndoable,
        /// <summary>Someone changed the rule after the journaled change: putting the old version back would overwrite their change.</summary>
        LicenseRuleChangedSince,

        // License rules.
        /// <summary>No system rule has the id (or the rule to put back or remove no longer exists).</summary>
        LicenseRuleNotFound,
        /// <summary>A rule with the name exists already.</summary>
        LicenseRuleExists,
        /// <summary>The system rule is not a Professional or Analyzer license rule.</summary>
        NotALicenseRule,
        /// <summary>Someone changed the rule after it was read; nothing was written.</summary>
        LicenseRuleChanged,
        /// <summary>QRS could not parse or evaluate the rule text.</summary>
        LicenseRuleInvalid,
        /// <summary>The rule is gone but its access group could not be removed (or, after a failed create, stayed).</summary>
        LicenseRuleAccessGroupLeft,

        // A site of a sites file (the target is its entry).
        SiteEntryInvalid,
        SiteSettingUnknown,
        SiteSettingMissing,
        SiteSettingInvalid,
        SiteSettingsConflict,
        SiteNameDuplicate,
        SiteSecretInFile,
    }
}
