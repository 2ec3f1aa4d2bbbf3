using System;

namespace QlikLicense.Logs
{
    /// <summary>One log line that records a license denial; several lines (in several logs) can be one event.</summary>
    internal sealed class DenialRecord
    {
        public DenialRecord(
            DateTimeOffset timestamp, string userDirectory, string userId, string? origin, string? clientAddress,
            string? sessionId, string? packageId, string? recordId, string? message, DenialEvidence evidence,
            string source, string file, bool isServiceAccount)
        {
            Timestamp = timestamp;
            UserDirectory = userDirectory;
            UserId = userId;
            Origin = origin;
            ClientAddress = clientAddress;
            SessionId = sessionId;
            PackageId = packageId;
            RecordId = recordId;
            Message = message;
            Evidence = evidence;
            Source = source;
            File = file;
            IsServiceAccount = isServiceAccount;
        }

        public DateTimeOffset Timestamp { get; }
        public string UserDirectory { get; }
        public string UserId { get; }
        public string? Origin { get; }
        public string? ClientAddress { get; }

        /// <summary>The proxy session (ProxySessionId column, else the message's SessionID).</summary>
        public string? SessionId { get; }

        /// <summary>The proxy request (ProxyPackageId): the same in every log that records that request.</summary>
        public string? PackageId { get; }

        /// <summary>The line's own Id column, unique per line: equal only for a copy of the same line.</summary>
        public string? RecordId { get; }

        public string? Message { get; }
        public DenialEvidence Evidence { get; }

        /// <summary>The log kind, e.g. AuditSecurity_Repository: one kind writes an event at most once.</summary>
        public string Source { get; }

        public string File { get; }
        public bool IsServiceAccount { get; }
    }
}
