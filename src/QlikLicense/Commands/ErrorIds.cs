namespace QlikLicense.Commands
{
    /// <summary>
    /// Every ErrorId the cmdlets give their own error records, in one place (site failures are "Qrs" or "QlikCloud" + the failure's
    /// kind). They are part of the module's contract: scripts catch them by name, so they never change.
    /// </summary>
    public static class ErrorIds
    {
        // Connections
        public const string NotConnected = "NotConnected";
        public const string ConnectionClosed = "ConnectionClosed";
        public const string InvalidServerName = "InvalidServerName";
        public const string InvalidTenantUrl = "InvalidTenantUrl";
        public const string NotSupportedOnQlikCloud = "NotSupportedOnQlikCloud";
        public const string NotSupportedOnQlikSense = "NotSupportedOnQlikSense";
        public const string CertificateFileNotFound = "CertificateFileNotFound";
        public const string CertificateFileUnreadable = "CertificateFileUnreadable";
        public const string CertificateNotFound = "CertificateNotFound";
        public const string CertificateHasNoPrivateKey = "CertificateHasNoPrivateKey";
        public const string CertificatePrivateKeyInaccessible = "CertificatePrivateKeyInaccessible";
        public const string CaCertificateNotFound = "CaCertificateNotFound";
        public const string CaCertificateUnreadable = "CaCertificateUnreadable";

        // Sites files
        public const string SitesFileNotFound = "SitesFileNotFound";
        public const string SitesFileInvalid = "SitesFileInvalid";
        public const string SiteEntryInvalid = "SiteEntryInvalid";
        public const string SiteSettingUnknown = "SiteSettingUnknown";
        public const string SiteSettingMissing = "SiteSettingMissing";
        public const string SiteSettingInvalid = "SiteSettingInvalid";
        public const string SiteSettingsConflict = "SiteSettingsConflict";
        public const string SiteNameDuplicate = "SiteNameDuplicate";
        public const string SiteSecretInFile = "SiteSecretInFile";
        public const string PasswordFileNotFound = "PasswordFileNotFound";
        public const string PasswordFileUnreadable = "PasswordFileUnreadable";

        // Users and allocations
        public const string UserNotFound = "UserNotFound";
        public const string InvalidInputObject = "InvalidInputObject";
        public const string AllocationNotFound = "AllocationNotFound";
        public const string AllocationQuarantined = "AllocationQuarantined";
        public const string MaximumCountExceeded = "MaximumCountExceeded";
        public const string NoSeatAvailable = "NoSeatAvailable";
        public const string LoginAccessGroupNotFound = "LoginAccessGroupNotFound";
        public const string InvalidMaximumAge = "InvalidMaximumAge";

        // Journals and reports
        public const string JournalNotFound = "JournalNotFound";
        public const string JournalNotReadable = "JournalNotReadable";
        public const string JournalNotWritable = "JournalNotWritable";
        public const string JournalSiteMismatch = "JournalSiteMismatch";
        public const string JournalRecordExpected = "JournalRecordExpected";
        public const string ReportNotWritable = "ReportNotWritable";
        public const string HistoryNotFound = "HistoryNotFound";
        public const string HistoryNotReadable = "HistoryNotReadable";
        public const string HistoryNotWritable = "HistoryNotWritable";
        public const string ChangeNotUndoable = "ChangeNotUndoable";

        // Logs
        public const string LogPathNotFound = "LogPathNotFound";
        public const string LogPathNotFileSystem = "LogPathNotFileSystem";
        public const string NoLogPath = "NoLogPath";
        public const string InvalidTimeWindow = "InvalidTimeWindow";

        // License rules
        public const string LicenseRuleNotFound = "LicenseRuleNotFound";
        public const string NotALicenseRule = "NotALicenseRule";
        public const string LicenseRuleChanged = "LicenseRuleChanged";
        public const string LicenseRuleChangedSince = "LicenseRuleChangedSince";
        public const string LicenseRuleInvalid = "LicenseRuleInvalid";
        public const string LicenseRuleAccessGroupLeft = "LicenseRuleAccessGroupLeft";
        public const string LicenseRuleExists = "LicenseRuleExists";
        public const string NothingToChange = "NothingToChange";
        public const string DisabledAndEnabled = "DisabledAndEnabled";

        /// <summary>
        /// The ErrorId of a failed request to a site of either kind: QrsNotFound on a Qlik Sense site, QlikCloudNotFound on
        /// a tenant; a tenant's refusal for want of a seat is <see cref="NoSeatAvailable"/>, as when the seat count says so.
        /// </summary>
        public static string OfSite(Model.SiteException error) =>
            error.ErrorKind == Model.SiteErrorKind.NoSeatLeft ? NoSeatAvailable
            : (error.Site == Model.SiteKind.QlikCloud ? QlikCloudPrefix : "Qrs") + error.ErrorKind;

        /// <summary>What ErrorIds of failed tenant requests start with.</summary>
        public const string QlikCloudPrefix = "QlikCloud";
    }
}
