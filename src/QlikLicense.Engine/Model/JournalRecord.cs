using System;
using Newtonsoft.Json;

namespace QlikLicense.Model
{
    /// <summary>One line of the journal (JSON lines), the record of what was released and how to give it back.</summary>
    public sealed class JournalRecord
    {
        [JsonProperty("time")] public DateTime Time { get; set; }
        [JsonProperty("event")] public JournalEvent Event { get; set; }

        /// <summary>Ties a Release to its Result.</summary>
        [JsonProperty("operationId")] public Guid OperationId { get; set; }
        [JsonProperty("site")] public string Site { get; set; }
        [JsonProperty("allocationId")] public Guid AllocationId { get; set; }
        [JsonProperty("type")] public LicenseAccessType Type { get; set; }
        [JsonProperty("userKey")] public Guid? UserKey { get; set; }
        [JsonProperty("userDirectory")] public string UserDirectory { get; set; }
        [JsonProperty("userId")] public string UserId { get; set; }
        [JsonProperty("userName")] public string UserName { get; set; }
        [JsonProperty("lastUsed")] public DateTime? LastUsed { get; set; }
        [JsonProperty("outcome", NullValueHandling = NullValueHandling.Ignore)] public AllocationOutcome? Outcome { get; set; }
        [JsonProperty("quarantineEnd", NullValueHandling = NullValueHandling.Ignore)] public DateTime? QuarantineEnd { get; set; }
        [JsonProperty("message", NullValueHandling = NullValueHandling.Ignore)] public string Message { get; set; }

        /// <summary>The file this record was read from.</summary>
        [JsonIgnore] public string JournalPath { get; set; }

        [JsonIgnore] public string Description => $"{Type} access of {UserDirectory}\\{UserId}" + (string.IsNullOrEmpty(UserName) || UserName == UserId ? string.Empty : $" ({UserName})");

        public static JournalRecord ReleaseOf(LicenseAllocation allocation, string site, DateTime nowUtc) => new JournalRecord
        {
            Time = nowUtc,
            Event = JournalEvent.Release,
            OperationId = Guid.NewGuid(),
            Site = site,
            AllocationId = allocation.Id,
            Type = allocation.Type,
            UserKey = allocation.UserKey,
            UserDirectory = allocation.UserDirectory,
            UserId = allocation.UserId,
            UserName = allocation.UserName,
            LastUsed = allocation.LastUsed,
        };

        public JournalRecord FollowUp(JournalEvent journalEvent, AllocationOutcome? outcome, DateTime nowUtc, DateTime? quarantineEnd = null, string message = null)
        {
            var record = (JournalRecord)MemberwiseClone();
            record.Time = nowUtc;
            record.Event = journalEvent;
            record.Outcome = outcome;
            record.QuarantineEnd = quarantineEnd;
            record.Message = message;
            return record;
        }
    }
}
