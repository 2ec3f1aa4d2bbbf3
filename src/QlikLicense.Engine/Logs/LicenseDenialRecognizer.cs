using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace QlikLicense.Logs
{
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

        /// <summary>What parts <c>DIRECTORY\user</c>: the first backslash.</summary>
        public const char UserNameSeparator = '\\';

        /// <summary>How Qlik writes a line break inside a message (U+21B5 U+2193).</summary>
        private const string EncodedLineBreak = "\u21B5\u2193";

        /// <summary>Creates the recognizer for a file's header, or null when that layout cannot record a denial.</summary>
        public static DenialLayout? ForColumns(string[] columns) => DenialLayout.Create(columns);

        /// <summary>
        /// Plumbing rather than a person: Qlik's INTERNAL accounts, QRS API calls in the ManagementAccess context
        /// (the monitoring apps' REST connections poll once a minute as the service account), and the account the
        /// logging service itself runs as (trace logs' ServiceUser), which is that same service account.
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool IsServiceAccount(string userDirectory, string userId, string? origin, string? serviceUser)
        {
            if (string.Equals(userDirectory, InternalDirectory, StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(origin, ManagementAccessOrigin, StringComparison.OrdinalIgnoreCase)) return true;
            if (serviceUser == null) return false;

            // The service user's two parts compared where they lie in its name: no strings for them on every denial line.
            var separator = serviceUser.IndexOf(UserNameSeparator);
            return IsUserNameSeparator(separator, serviceUser.Length)
                && separator == userDirectory.Length
                && serviceUser.Length - separator - 1 == userId.Length
                && string.Compare(serviceUser, 0, userDirectory, 0, separator, StringComparison.OrdinalIgnoreCase) == 0
                && string.Compare(serviceUser, separator + 1, userId, 0, userId.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        /// <summary>
        /// Whether the first <see cref="UserNameSeparator"/>, at <paramref name="index"/> of a name <paramref name="length"/>
        /// long, splits it into a directory and a user id: directories hold no backslash, user ids may (as well as quotes,
        /// spaces and any other character), and neither part is empty.
        /// </summary>
        public static bool IsUserNameSeparator(int index, int length) => index > 0 && index < length - 1;

        /// <summary>Splits <c>DIRECTORY\user</c> at the first backslash (see <see cref="IsUserNameSeparator"/>).</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool TrySplitUserName(string userName, [NotNullWhen(true)] out string? userDirectory, [NotNullWhen(true)] out string? userId)
        {
            userDirectory = userId = null;
            if (string.IsNullOrEmpty(userName)) return false;
            var separator = userName.IndexOf(UserNameSeparator);
            if (!IsUserNameSeparator(separator, userName.Length)) return false;
            userDirectory = userName.Substring(0, separator);
            userId = userName.Substring(separator + 1);
            return true;
        }

        /// <summary>
        /// A value that a message labels, e.g. <c>SessionID: '…'</c>, <c>SessionID: …,</c> or <c>Hostname: "…"</c>
        /// (quotes vary by log and version); null when absent.
        /// </summary>
        public static string? MessageValue(string? message, string label)
        {
            if (message == null) return null;
            var bytes = Utf8Text.Encoding.GetBytes(message);
            return TryFindMessageValue(bytes, 0, bytes.Length, MessageLabel(label), out var start, out var end)
                ? MessageValueText(Utf8Text.Encoding.GetString(bytes, start, end - start))
                : null;
        }

        /// <summary>The bytes <see cref="TryFindMessageValue"/> looks for: the label and its colon.</summary>
        public static byte[] MessageLabel(string label) => Encoding.ASCII.GetBytes(label + ":");

        /// <summary>
        /// Where the value that <paramref name="label"/> (see <see cref="MessageLabel"/>) names lies in the UTF-8 message
        /// <c>message[start..end)</c>: after the label, its spaces and an opening quote, up to the closing quote or,
        /// unquoted, the next comma or the end. Its text is <see cref="MessageValueText"/> of those bytes. The marks
        /// are ASCII, so they are found in the bytes where they are in the text.
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool TryFindMessageValue(byte[] message, int start, int end, byte[] label, out int valueStart, out int valueEnd)
        {
            valueStart = valueEnd = -1;
            var labelAt = ByteSearch.IndexOf(message, start, end, label);
            if (labelAt < 0) return false;

            var position = labelAt + label.Length;
            while (position < end && message[position] == ' ') position++;
            if (position == end) return false;

            var quote = message[position];
            if (quote == '\'' || quote == '"')
            {
                position++;
                valueEnd = ByteSearch.IndexOf(message, position, end, quote);
            }
            else
            {
                valueEnd = ByteSearch.IndexOf(message, position, end, (byte)',');
            }
            if (valueEnd < 0) valueEnd = end;
            valueStart = position;
            return true;
        }

        /// <summary>A labelled value's text from its decoded bytes: line breaks restored, trimmed, null when nothing is left.</summary>
        public static string? MessageValueText(string decoded)
        {
            var value = MessageText(decoded).Trim();
            return value.Length == 0 ? null : value;
        }

        /// <summary>A message's text from its decoded bytes, with Qlik's encoded line breaks restored.</summary>
        public static string MessageText(string decoded) => decoded.Replace(EncodedLineBreak, "\n");
    }
}
