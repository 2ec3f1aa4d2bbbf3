using System;
using Newtonsoft.Json;

namespace QlikLicense.Model
{
    /// <summary>
    /// One line of the journal (JSON lines): every change the module makes, its intent written before the change is
    /// sent and its outcome after the site was read back, with what is needed to undo it.
    /// Format 1 (no "format" field) is what earlier builds wrote: Release/Result/Restore lines only.
    /// </summary>
    public sealed class JournalRecord
    {
        /// <summary>The format this module writes.</summary>
        public const int CurrentFormat = 2;

        /// <summary>The line's format version; 1 for lines written before the field existed.</summary>
        [JsonProperty("format")] public int Format { get; set; }
        [JsonProperty("time")] public DateTime Time { get; set; }
        [JsonProperty("event")] public JournalEvent Event { get; set; }

        /// <summary>Ties a Release to its Result.</summary>
        [JsonProperty("operationId")] public Guid OperationId { get; set; }
        [JsonProperty("site")] public string? Site { get; set; }
        [JsonProperty("allocationId")] public Guid AllocationId { get; set; }
        [JsonProperty("type")] public LicenseAccessType Type { get; set; }
        [JsonProperty("userKey")] public Guid? UserKey { get; set; }
        [JsonProperty("userDirectory")] public string? UserDirectory { get; set; }
        [JsonProperty("userId")] public string? UserId { get; set; }
        [JsonProperty("userName")] public string? UserName { get; set; }
        [JsonProperty("lastUsed")] public DateTime? LastUsed { get; set; }
        [JsonProperty("outcome", NullValueHandling = NullValueHandling.Ignore)] public AllocationOutcome? Outcome { get; set; }
        [JsonProperty("quarantineEnd", NullValueHandling = NullValueHandling.Ignore)] public DateTime? QuarantineEnd { get; set; }
        [JsonProperty("message", NullValueHandling = NullValueHandling.Ignore)] public string? Message { get; set; }

        /// <summary>The operation this one undoes, for changes made by Undo-QlikLicenseChange or Restore-QlikLicenseAllocation.</summary>
        [JsonProperty("undoes", NullValueHandling = NullValueHandling.Ignore)] public Guid? Undoes { get; set; }

        /// <summary>The license rule before the change (RuleChange, RuleRemove).</summary>
        [JsonProperty("ruleBefore", NullValueHandling = NullValueHandling.Ignore)] public JournalRule? RuleBefore { get; set; }

        /// <summary>The license rule after the change (RuleCreate, RuleChange).</summary>
        [JsonProperty("ruleAfter", NullValueHandling = NullValueHandling.Ignore)] public JournalRule? RuleAfter { get; set; }

        /// <summary>What changed, in words: "Analyzer access of CORP\jdoe" or "Analyzer license rule 'Sales'".</summary>
        /// <summary>A tenant's automatic assignment of <see cref="Type"/> before and after the change (AutoAssignmentChange only).</summary>
        [JsonProperty("autoAssignBefore", NullValueHandling = NullValueHandling.Ignore)] public bool? AutoAssignBefore { get; set; }
        [JsonProperty("autoAssignAfter", NullValueHandling = NullValueHandling.Ignore)] public bool? AutoAssignAfter { get; set; }

        [JsonIgnore] public string Target => Event == JournalEvent.AutoAssignmentChange ? $"automatic {Type} assignment of {Site}" : IsRuleEvent ? (RuleBefore ?? RuleAfter)?.ToString() ?? "license rule" : Description;

        [JsonIgnore] public bool IsRuleEvent => Event == JournalEvent.RuleCreate || Event == JournalEvent.RuleChange || Event == JournalEvent.RuleRemove;

        /// <summary>The rule's name (before the change when it was renamed); null for allocations.</summary>
        [JsonIgnore] public string? RuleName => (RuleBefore ?? RuleAfter)?.Name;

        /// <summary>The file this record was read from.</summary>
        [JsonIgnore] public string? JournalPath { get; set; }

        [JsonIgnore] public string Description => ModelMessages.AllocationOf(Type, Model.UserName.Format(UserDirectory, UserId)) + (string.IsNullOrEmpty(UserName) || UserName == UserId ? string.Empty : $" ({UserName})");

        public static JournalRecord ReleaseOf(LicenseAllocation allocation, string? site, DateTime nowUtc) => new JournalRecord
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

        public JournalRecord FollowUp(JournalEvent journalEvent, AllocationOutcome? outcome, DateTime nowUtc, DateTime? quarantineEnd = null, string? message = null)
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
