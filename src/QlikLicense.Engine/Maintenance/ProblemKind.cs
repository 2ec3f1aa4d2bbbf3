namespace QlikLicense.Maintenance
{
    /// <summary>What went wrong with one item or a whole operation; the cmdlets give each kind its ErrorId and category.</summary>
    public enum ProblemKind
    {
        /// <summary>The site failed a request (the exception is a SiteException).</summary>
        SiteRequestFailed,
        UserNotFound,
        NoSeatAvailable,
        AllocationQuarantined,
        MaximumCountExceeded,
        ConnectionClosed,
        JournalNotWritable,
        LogPathNotFound,
        HistoryNotWritable,
        HistoryNotReadable,

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
