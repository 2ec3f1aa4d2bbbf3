namespace QlikLicense.Logs
{
    /// <summary>
    /// The wording of the problems reading logs reports, in one place as the cmdlets' <c>Messages</c>: paths that cannot
    /// be found or read, and why a file contributed nothing. Users read them in scheduled runs' logs and scripts match
    /// on some: keep each one saying what went wrong.
    /// </summary>
    internal static class LogMessages
    {
        public const string EmptyPath = "A log path cannot be empty.";
        public const string SinceAfterUntil = "Since must not be later than Until.";
        public const string NoLicenseColumns = "its columns cannot record license denials";
        public const string EmptyFile = "empty file";
        public const string NoHeaderLine = "no header line in the first 64 KB";
        public const string NoHeader = "first line is not a TAB-separated log header with a Timestamp column";

        public static string PathNotFound(string path) => $"Cannot find log path '{path}' because it does not exist.";

        public static string FolderUnreadable(string folder, string reason) => $"{folder}: {reason}";

        public static string LinkNotFollowed(string folder) => $"{folder}: a link to another folder, not followed.";

        public static string NotALog(string? reason) => "not a Qlik Sense log: " + reason;

        public static string ReadFailed(string reason) => "read failed: " + reason;
    }
}
