using System;
using System.Collections.Generic;
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
            SessionId = sessionId;
            Source = source;
            File = file;
            Files = files ?? (file == null ? Array.Empty<string>() : new[] { file });
            Message = message;
            IsServiceAccount = isServiceAccount;
            this.cause = cause;
            this.messages = messages;
        }

        private LicenseDenialCause? cause;
        private readonly IReadOnlyList<string?>? messages;

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
        public string? SessionId { get; }

        /// <summary>The log kind of the best line, e.g. AuditSecurity_Repository.</summary>
        public string Source { get; }

        /// <summary>The file of the best line.</summary>
        public string? File { get; }

        /// <summary>Every file that recorded this denial, best first.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>The best line's message, with Qlik's encoded line breaks restored.</summary>
        public string? Message { get; }

        public bool IsServiceAccount { get; }

        /// <summary>
        /// Why the person was refused, as the lines of this denial tell it (see <see cref="DenialCauseReader"/>): read
        /// from their messages when first asked, so a scan that only counts or groups denials never pays for it.
        /// </summary>
        public LicenseDenialCause Cause => cause ??= DenialCauseReader.Of(messages ?? new[] { Message });
    }
}
