using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace QlikLicense.Logs
{
    /// <summary>Which log line told us about a denial; lower values are the better witnesses.</summary>
    internal enum DenialEvidence
    {
        /// <summary>Repository audit/service logs: Command <c>License user access</c>, Result <c>403</c>.</summary>
        RepositoryLicenseCheck = 0,
        /// <summary>License_Repository trace: Operation <c>UsageDenied</c>.</summary>
        LicenseTrace = 1,
        /// <summary>Proxy audit/service logs: Result <c>403</c> with result code <c>NoAvailableAccessType</c>.</summary>
        ProxyAppAccess = 2,
        /// <summary>Proxy audit trace (no Command column): result code <c>NoAvailableAccessType</c>.</summary>
        ProxyTrace = 3,
    }

    /// <summary>
    /// The one place that knows what a license denial looks like, per log layout. It keys on columns
    /// (Command + Result, Operation) and on Qlik's result-code name, never on message wording, which changes
    /// between versions ("Login access denied for SessionID: …" in 2018, "Access was denied for User: …" since
    /// 2019). The message is only mined for the session id and client address when no column carries them.
    /// </summary>
    internal static class LicenseDenialRecognizer
    {
        /// <summary>Qlik's own accounts (sa_repository, sa_proxy, …) live in this directory.</summary>
        public const string InternalDirectory = "INTERNAL";

        /// <summary>The security context of machine calls to the QRS API; people opening apps or the QMC show AppAccess.</summary>
        public const string ManagementAccessOrigin = "ManagementAccess";

        /// <summary>Creates the recognizer for a file's header, or null when that layout cannot record a denial.</summary>
        public static DenialLayout ForColumns(string[] columns) => DenialLayout.Create(columns);

        /// <summary>
        /// Plumbing rather than a person: Qlik's INTERNAL accounts, QRS API calls in the ManagementAccess context
        /// (the monitoring apps' REST connections poll once a minute as the service account), and the account the
        /// logging service itself runs as (trace logs' ServiceUser), which is that same service account.
        /// </summary>
        public static bool IsServiceAccount(string userDirectory, string userId, string origin, string serviceUser)
        {
            if (string.Equals(userDirectory, InternalDirectory, StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(origin, ManagementAccessOrigin, StringComparison.OrdinalIgnoreCase)) return true;
            return serviceUser != null
                && TrySplitUserName(serviceUser, out var serviceDirectory, out var serviceUserId)
                && string.Equals(serviceDirectory, userDirectory, StringComparison.OrdinalIgnoreCase)
                && string.Equals(serviceUserId, userId, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Splits <c>DIRECTORY\user</c> at the first backslash: directories hold none, user ids may (as well as
        /// quotes, spaces and any other character).
        /// </summary>
        public static bool TrySplitUserName(string userName, out string userDirectory, out string userId)
        {
            userDirectory = userId = null;
            if (string.IsNullOrEmpty(userName)) return false;
            var separator = userName.IndexOf('\\');
            if (separator <= 0 || separator == userName.Length - 1) return false;
            userDirectory = userName.Substring(0, separator);
            userId = userName.Substring(separator + 1);
            return true;
        }

        /// <summary>
        /// A value that a message labels, e.g. <c>SessionID: '…'</c>, <c>SessionID: …,</c> or <c>Hostname: "…"</c>
        /// (quotes vary by log and version); null when absent.
        /// </summary>
        public static string MessageValue(string message, string label)
        {
            if (message == null) return null;
            var labelAt = message.IndexOf(label + ":", StringComparison.Ordinal);
            if (labelAt < 0) return null;

            var position = labelAt + label.Length + 1;
            while (position < message.Length && message[position] == ' ') position++;
            if (position == message.Length) return null;

            var quote = message[position];
            int end;
            if (quote == '\'' || quote == '"')
            {
                position++;
                end = message.IndexOf(quote, position);
            }
            else
            {
                end = message.IndexOf(',', position);
            }
            if (end < 0) end = message.Length;
            var value = message.Substring(position, end - position).Trim();
            return value.Length == 0 ? null : value;
        }
    }

    /// <summary>Column positions of one header and the test that picks denial lines out of it.</summary>
    internal sealed class DenialLayout
    {
        private static readonly byte[] DeniedResult = Ascii("403");
        private static readonly byte[] LicenseCheckCommand = Ascii("License user access");
        private static readonly byte[] UsageDeniedOperation = Ascii("UsageDenied");
        private static readonly byte[] NoAvailableAccessType = Ascii("NoAvailableAccessType");

        /// <summary>How Qlik writes a line break inside a message (U+21B5 U+2193).</summary>
        private const string EncodedLineBreak = "\u21B5\u2193";

        private const string NotAvailable = "Not available";

        /// <summary>How a layout tells a denial: by Command + Result, by Operation, or by the result code alone.</summary>
        private enum Test
        {
            CommandAndResult,
            Operation,
            ResultCode,
        }

        private Test test;
        private int timestamp, command, result, operation, message;
        private int userDirectory, userId, userName;
        private int serviceUser, origin, clientAddress, sessionId, packageId, recordId;

        private DenialLayout()
        {
        }

        internal static DenialLayout Create(string[] columns)
        {
            var layout = new DenialLayout
            {
                timestamp = Array.IndexOf(columns, "Timestamp"),
                command = Array.IndexOf(columns, "Command"),
                result = Array.IndexOf(columns, "Result"),
                operation = Array.IndexOf(columns, "Operation"),
                message = Array.IndexOf(columns, "Message"),
                userName = Array.IndexOf(columns, "UserName"),
                serviceUser = Array.IndexOf(columns, "ServiceUser"),
                origin = Array.IndexOf(columns, "Origin"),
                clientAddress = FirstOf(columns, "ClientHostAddress", "IpAddress"),
                sessionId = Array.IndexOf(columns, "ProxySessionId"),
                packageId = Array.IndexOf(columns, "ProxyPackageId"),
                recordId = Array.IndexOf(columns, "Id"),
            };

            // Audit and service logs name the user in UserDirectory + UserId, traces in ActiveUser*; the License
            // trace's UserId is the user's repository GUID, its user is UserName (DIRECTORY\user).
            var directoryColumn = Array.IndexOf(columns, "UserDirectory");
            var userIdColumn = Array.IndexOf(columns, "UserId");
            var activeDirectoryColumn = Array.IndexOf(columns, "ActiveUserDirectory");
            var activeUserIdColumn = Array.IndexOf(columns, "ActiveUserId");
            var namesUser = directoryColumn >= 0 && userIdColumn >= 0;
            var namesActiveUser = !namesUser && activeDirectoryColumn >= 0 && activeUserIdColumn >= 0;
            layout.userDirectory = namesUser ? directoryColumn : namesActiveUser ? activeDirectoryColumn : -1;
            layout.userId = namesUser ? userIdColumn : namesActiveUser ? activeUserIdColumn : -1;

            if (layout.timestamp < 0 || (layout.userId < 0 && layout.userName < 0)) return null;
            if (layout.command >= 0 && layout.result >= 0) layout.test = Test.CommandAndResult;
            else if (layout.operation >= 0) layout.test = Test.Operation;
            // The bare result code is looked for only in traces that name the active user, as the proxy's Audit trace does.
            else if (layout.message >= 0 && namesActiveUser) layout.test = Test.ResultCode;
            else return null;
            return layout;
        }

        /// <summary>Which evidence the current line is, or null when it is no denial. Cheap: compares bytes.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public DenialEvidence? Recognize(LogFileReader line)
        {
            switch (test)
            {
                case Test.CommandAndResult:
                    if (!line.FieldEquals(result, DeniedResult)) return null;
                    if (line.FieldEquals(command, LicenseCheckCommand)) return DenialEvidence.RepositoryLicenseCheck;
                    if (message >= 0 && line.FieldContains(message, NoAvailableAccessType)) return DenialEvidence.ProxyAppAccess;
                    return null;
                case Test.Operation:
                    return line.FieldEquals(operation, UsageDeniedOperation) ? DenialEvidence.LicenseTrace : (DenialEvidence?)null;
                default:
                    return line.FieldContains(message, NoAvailableAccessType) ? DenialEvidence.ProxyTrace : (DenialEvidence?)null;
            }
        }

        /// <summary>
        /// Who was denied and when, read first and alone so that lines the filters drop (mostly the service
        /// account) cost no more strings; false when the time or the user cannot be read.
        /// </summary>
        public bool TryReadSubject(LogFileReader line, out DenialSubject subject)
        {
            subject = default;
            if (!QlikLogTimestamp.TryParse(line.GetString(timestamp), out var time)) return false;

            string directory, user;
            if (userId >= 0)
            {
                directory = line.GetString(userDirectory);
                user = line.GetString(userId);
                if (directory.Length == 0 || user.Length == 0) return false;
            }
            else if (!LicenseDenialRecognizer.TrySplitUserName(line.GetString(userName), out directory, out user))
            {
                return false;
            }

            var originValue = Optional(line, origin);
            var isServiceAccount = LicenseDenialRecognizer.IsServiceAccount(directory, user, originValue, Optional(line, serviceUser));
            subject = new DenialSubject(time, directory, user, originValue, isServiceAccount);
            return true;
        }

        /// <summary>The whole denial on the current line.</summary>
        public DenialRecord Read(LogFileReader line, in DenialSubject subject, DenialEvidence evidence, string source, string file)
        {
            var text = message >= 0 ? line.GetString(message).Replace(EncodedLineBreak, "\n") : null;
            return new DenialRecord(
                subject.Timestamp,
                subject.UserDirectory,
                subject.UserId,
                subject.Origin,
                Optional(line, clientAddress) ?? LicenseDenialRecognizer.MessageValue(text, "Hostname"),
                Identifier(line, sessionId) ?? LicenseDenialRecognizer.MessageValue(text, "SessionID"),
                Identifier(line, packageId),
                Optional(line, recordId),
                text,
                evidence,
                source,
                file,
                subject.IsServiceAccount);
        }

        private static string Optional(LogFileReader line, int column)
        {
            if (column < 0) return null;
            var value = line.GetString(column);
            return value.Length == 0 || value == NotAvailable ? null : value;
        }

        /// <summary>Session and package ids are "0" where the line belongs to no proxy session or request.</summary>
        private static string Identifier(LogFileReader line, int column)
        {
            var value = Optional(line, column);
            return value == "0" ? null : value;
        }

        private static int FirstOf(string[] columns, params string[] names)
        {
            foreach (var name in names)
            {
                var index = Array.IndexOf(columns, name);
                if (index >= 0) return index;
            }
            return -1;
        }

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
    }

    /// <summary>Who a denial line names and when: what the scan's filters decide on.</summary>
    internal readonly struct DenialSubject
    {
        public DenialSubject(DateTimeOffset timestamp, string userDirectory, string userId, string origin, bool isServiceAccount)
        {
            Timestamp = timestamp;
            UserDirectory = userDirectory;
            UserId = userId;
            Origin = origin;
            IsServiceAccount = isServiceAccount;
        }

        public DateTimeOffset Timestamp { get; }
        public string UserDirectory { get; }
        public string UserId { get; }
        public string Origin { get; }
        public bool IsServiceAccount { get; }
    }
}
