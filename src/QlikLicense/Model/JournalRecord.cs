using System;
using Newtonsoft.Json;

namespace QlikLicense.Model
{
    /// <summary>What a journal line says happened.</summary>
    public enum JournalEvent
    {
        /// <summary>Written before the DELETE is sent: the intent, with everything needed to undo it.</summary>
        Release,
        /// <summary>Written after the DELETE and read-back: what actually happened.</summary>
        Result,
        /// <summary>Written before an undo allocates the user again (no outcome), and after (with the outcome).</summary>
        Restore,
        /// <summary>An allocation made by Add-QlikLicenseAllocation or Invoke-QlikLicenseMaintenance -AllocateDenied: intent, then outcome.</summary>
        Allocate,
        /// <summary>A license rule created: intent (RuleAfter without id), then outcome (RuleAfter as created).</summary>
        RuleCreate,
        /// <summary>A license rule changed: intent (RuleBefore as read, RuleAfter as sent), then outcome (RuleAfter as stored).</summary>
        RuleChange,
        /// <summary>A license rule removed with its access group: intent (RuleBefore as it was), then outcome.</summary>
        RuleRemove,
    }

    /// <summary>What a release or restore ended as.</summary>
    public enum AllocationOutcome
    {
        Released,
        Quarantined,
        AlreadyGone,
        Failed,
        Allocated,
        Reinstated,
        AlreadyAllocated,
        /// <summary>The change was sent, but reading back what happened failed: the site may hold either state.</summary>
        Unknown,
        /// <summary>A license rule was created.</summary>
        Created,
        /// <summary>A license rule was changed.</summary>
        Changed,
        /// <summary>A license rule and its access group were removed.</summary>
        Removed,
        /// <summary>Nothing needed to change: the site already held what was asked for.</summary>
        Unchanged,
    }

    /// <summary>A license rule as a journal line holds it: enough to compare it with the site and to put it back.</summary>
    public sealed class JournalRule
    {
        [JsonProperty("id", NullValueHandling = NullValueHandling.Ignore)] public Guid? Id { get; set; }
        [JsonProperty("name")] public string Name { get; set; }
        [JsonProperty("type")] public LicenseAccessType Type { get; set; }
        [JsonProperty("rule")] public string Rule { get; set; }
        [JsonProperty("comment")] public string Comment { get; set; }
        [JsonProperty("disabled")] public bool Disabled { get; set; }
        [JsonProperty("accessGroupId", NullValueHandling = NullValueHandling.Ignore)] public Guid? AccessGroupId { get; set; }
        [JsonProperty("accessGroupName", NullValueHandling = NullValueHandling.Ignore)] public string AccessGroupName { get; set; }
        [JsonProperty("modifiedDate", NullValueHandling = NullValueHandling.Ignore)] public DateTime? ModifiedDate { get; set; }
        [JsonProperty("modifiedByUserName", NullValueHandling = NullValueHandling.Ignore)] public string ModifiedByUserName { get; set; }

        /// <summary>Same name, text, comment and state (what an undo puts back and checks).</summary>
        public bool SameContent(JournalRule other) =>
            other != null && Name == other.Name && Rule == other.Rule && (Comment ?? string.Empty) == (other.Comment ?? string.Empty) && Disabled == other.Disabled;

        public override string ToString() => $"{Type} license rule '{Name}'";
    }

    /// <summary>
    /// One line of the journal (JSON lines): every change the module makes, its intent written before the change is
    /// sent and its outcome after the site was read back, with what is needed to undo it.
    /// Format 1 (no "format" field) is what the first release wrote: Release/Result/Restore lines only.
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

        /// <summary>The operation this one undoes, for changes made by Undo-QlikLicenseChange or Restore-QlikLicenseAllocation.</summary>
        [JsonProperty("undoes", NullValueHandling = NullValueHandling.Ignore)] public Guid? Undoes { get; set; }

        /// <summary>The license rule before the change (RuleChange, RuleRemove).</summary>
        [JsonProperty("ruleBefore", NullValueHandling = NullValueHandling.Ignore)] public JournalRule RuleBefore { get; set; }

        /// <summary>The license rule after the change (RuleCreate, RuleChange).</summary>
        [JsonProperty("ruleAfter", NullValueHandling = NullValueHandling.Ignore)] public JournalRule RuleAfter { get; set; }

        /// <summary>What changed, in words: "Analyzer access of CORP\jdoe" or "Analyzer license rule 'Sales'".</summary>
        [JsonIgnore] public string Target => IsRuleEvent ? (RuleBefore ?? RuleAfter)?.ToString() ?? "license rule" : Description;

        [JsonIgnore] public bool IsRuleEvent => Event == JournalEvent.RuleCreate || Event == JournalEvent.RuleChange || Event == JournalEvent.RuleRemove;

        /// <summary>The rule's name (before the change when it was renamed); null for allocations.</summary>
        [JsonIgnore] public string RuleName => (RuleBefore ?? RuleAfter)?.Name;

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
