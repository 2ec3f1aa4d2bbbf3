using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

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
            return serviceUser != null
                && TrySplitUserName(serviceUser, out var serviceDirectory, out var serviceUserId)
                && string.Equals(serviceDirectory, userDirectory, StringComparison.OrdinalIgnoreCase)
                && string.Equals(serviceUserId, userId, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Splits <c>DIRECTORY\user</c> at the first backslash: directories hold none, user ids may (as well as
        /// quotes, spaces and any other character).
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool TrySplitUserName(string userName, [NotNullWhen(true)] out string? userDirectory, [NotNullWhen(true)] out string? userId)
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
        [MethodImpl(LogFileReader.HotPath)]
        public static string? MessageValue(string? message, string label)
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
}
