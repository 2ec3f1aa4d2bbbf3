using System;

namespace QlikLicense.Logs
{
    /// <summary>
    /// One log line that records a license denial; several lines (in several logs) can be one event. The line's own
    /// values (message, ids) stay UTF-8 bytes in its reading thread's <see cref="DenialTextStore"/> until they are read.
    /// </summary>
    internal sealed class DenialRecord
    {
        private readonly Utf8Text message;
        private readonly Utf8Text sessionId;
        private readonly bool sessionIdInMessage;

        public DenialRecord(
            DateTimeOffset timestamp, string userDirectory, string userId, string? origin, string? clientAddress,
            Utf8Text sessionId, bool sessionIdInMessage, Utf8Text packageId, Utf8Text recordId, Utf8Text message, DenialEvidence evidence,
            string source, string[] fileAsList, bool isServiceAccount)
        {
            Timestamp = timestamp;
            UserDirectory = userDirectory;
            UserId = userId;
            Origin = origin;
            ClientAddress = clientAddress;
            this.sessionId = sessionId;
            this.sessionIdInMessage = sessionIdInMessage;
            PackageId = packageId;
            RecordId = recordId;
            this.message = message;
            Evidence = evidence;
            Source = source;
            FileAsList = fileAsList;
            IsServiceAccount = isServiceAccount;
        }

        public DateTimeOffset Timestamp { get; }
        public string UserDirectory { get; }
        public string UserId { get; }
        public string? Origin { get; }
        public string? ClientAddress { get; }

        /// <summary>The proxy session (ProxySessionId column, else the message's SessionID), decoded on each call.</summary>
        public string? SessionId
        {
            get
            {
                var text = sessionId.Decode();
                return sessionIdInMessage && text != null ? LicenseDenialRecognizer.MessageValueText(text) : text;
            }
        }

        /// <summary>The proxy request (ProxyPackageId): the same in every log that records that request. Null text when the line has none.</summary>
        public Utf8Text PackageId { get; }

        /// <summary>The line's own Id column, unique per line: equal only for a copy of the same line. Null text when the line has none.</summary>
        public Utf8Text RecordId { get; }

        /// <summary>The message, with Qlik's encoded line breaks restored, decoded on each call.</summary>
        public string? Message
        {
            get
            {
                var text = message.Decode();
                return text == null ? null : LicenseDenialRecognizer.MessageText(text);
            }
        }

        public DenialEvidence Evidence { get; }

        /// <summary>The log kind, e.g. AuditSecurity_Repository: one kind writes an event at most once.</summary>
        public string Source { get; }

        public string File => FileAsList[0];

        /// <summary>The file as a list of one, the same for every line of the file: what most events give as their files.</summary>
        public string[] FileAsList { get; }
        public bool IsServiceAccount { get; }
    }
}
