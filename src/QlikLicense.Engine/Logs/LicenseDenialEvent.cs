using System;
using System.Collections.Generic;
using System.Threading;
using QlikLicense.Model;

namespace QlikLicense.Logs
{
    /// <summary>One license denial, however many logs recorded it.</summary>
    public sealed class LicenseDenialEvent
    {
        public LicenseDenialEvent(
            DateTimeOffset timestamp, string userDirectory, string userId, string? origin, string? clientAddress,
            string? sessionId, string source, string? file, IReadOnlyList<string>? files, string? message, bool isServiceAccount,
            LicenseDenialCause? cause = null, IReadOnlyList<string?>? messages = null)
        {
            Timestamp = timestamp;
            UserDirectory = userDirectory ?? throw new ArgumentNullException(nameof(userDirectory));
            UserId = userId ?? throw new ArgumentNullException(nameof(userId));
            Origin = origin;
            ClientAddress = clientAddress;
            this.sessionId = sessionId;
            Source = source;
            File = file;
            Files = files ?? (file == null ? Array.Empty<string>() : new[] { file });
            this.message = message;
            IsServiceAccount = isServiceAccount;
            this.cause = cause;
            this.messages = messages;
            textRead = 1;
        }

        /// <summary>
        /// A denial the scan found in its lines (best witness first), whose message and session stay bytes until they
        /// are read: a search that only counts or groups denials never decodes them.
        /// </summary>
        internal LicenseDenialEvent(
            string? origin, string? clientAddress, IReadOnlyList<string> files, bool isServiceAccount, IReadOnlyList<DenialRecord> lines)
        {
            var best = lines[0];
            Timestamp = best.Timestamp;
            UserDirectory = best.UserDirectory;
            UserId = best.UserId;
            Origin = origin;
            ClientAddress = clientAddress;
            Source = best.Source;
            File = best.File;
            Files = files;
            IsServiceAccount = isServiceAccount;
            this.lines = lines;
        }

        private LicenseDenialCause? cause;
        private IReadOnlyList<string?>? messages;
        private string? sessionId;
        private string? message;
        private readonly IReadOnlyList<DenialRecord>? lines;

        /// <summary>1 once message, messages and session id hold their text (set last, so a thread that sees it sees them).</summary>
        private int textRead;

        /// <summary>The instant, in UTC (Kind Utc).</summary>
        public DateTime TimeUtc => Timestamp.UtcDateTime;

        /// <summary>The time as the log wrote it, with the server's offset.</summary>
        public DateTimeOffset Timestamp { get; }

        public string UserDirectory { get; }
        public string UserId { get; }

        /// <summary>The security context: AppAccess for people, ManagementAccess for QRS API calls; null when no log said.</summary>
        public string? Origin { get; }

        /// <summary>The client's address as the server saw it (e.g. <c>::ffff:172.16.16.100</c>), when a log recorded it.</summary>
        public string? ClientAddress { get; }

        /// <summary>The proxy session id (salted hash since 2023).</summary>
        public string? SessionId
        {
            get
            {
                ReadText();
                return sessionId;
            }
        }

        /// <summary>The log kind of the best line, e.g. AuditSecurity_Repository.</summary>
        public string Source { get; }

        /// <summary>The file of the best line.</summary>
        public string? File { get; }

        /// <summary>Every file that recorded this denial, best first.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>The best line's message, with Qlik's encoded line breaks restored.</summary>
        public string? Message
        {
            get
            {
                ReadText();
                return message;
            }
        }

        public bool IsServiceAccount { get; }

        /// <summary>
        /// Why the person was refused, as the lines of this denial tell it (see <see cref="DenialCauseReader"/>): read
        /// from their messages when first asked, so a scan that only counts or groups denials never pays for it.
        /// </summary>
        public LicenseDenialCause Cause
        {
            get
            {
                if (cause == null)
                {
                    ReadText();
                    cause = DenialCauseReader.Of(messages ?? new[] { message });
                }
                return cause.Value;
            }
        }

        /// <summary>Decodes the lines' text the first time any of it is asked for; decoding twice on two threads gives the same.</summary>
        private void ReadText()
        {
            if (Volatile.Read(ref textRead) == 1 || lines == null) return;
            var lineMessages = new string?[lines.Count];
            string? firstSession = null;
            for (var index = 0; index < lines.Count; index++)
            {
                lineMessages[index] = lines[index].Message;
                firstSession = firstSession ?? lines[index].SessionId;
            }
            message = lineMessages[0];
            messages = lineMessages;
            sessionId = firstSession;
            Volatile.Write(ref textRead, 1);
        }
    }
}
