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

        /// <summary>The kind of site lacks what was asked of it (QMC tags or custom properties on a Qlik Cloud tenant).</summary>
        NotSupportedOnSite,
    }
}
