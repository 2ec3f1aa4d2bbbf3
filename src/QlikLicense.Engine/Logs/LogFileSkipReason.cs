namespace QlikLicense.Logs
{
    /// <summary>Why a file contributed nothing.</summary>
    public enum LogFileSkipReason
    {
        /// <summary>Empty, or no TAB-separated header with a Timestamp column: not a Qlik Sense log.</summary>
        NotALog,
        /// <summary>A Qlik Sense log whose columns cannot record license denials (e.g. Performance logs).</summary>
        NoLicenseColumns,
        /// <summary>Could not be opened, or a read failed part-way (denials read before the failure are kept).</summary>
        Unreadable,
    }
}
