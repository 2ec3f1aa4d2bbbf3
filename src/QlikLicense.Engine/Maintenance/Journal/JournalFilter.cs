using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Journal
{
    /// <summary>Which journaled changes to show: by time, kind, user and rule. Unset criteria match everything.</summary>
    public sealed class JournalFilter
    {
        public DateTime? SinceUtc { get; set; }
        public DateTime? UntilUtc { get; set; }

        /// <summary>Kinds of change to show; null or empty for all.</summary>
        public ICollection<JournalEvent>? Kinds { get; set; }

        /// <summary>Matches "DIRECTORY\userId" or the user id alone; null for any. Rule changes name no user and never match.</summary>
        public Func<string, bool>? UserMatches { get; set; }

        /// <summary>Matches the rule's name before or after the change; null for any. Allocation changes name no rule and never match.</summary>
        public Func<string, bool>? RuleMatches { get; set; }

        public bool Matches(JournalRecord change)
        {
            if (SinceUtc != null && change.Time < SinceUtc.Value) return false;
            if (UntilUtc != null && change.Time > UntilUtc.Value) return false;
            if (Kinds != null && Kinds.Count > 0 && !Kinds.Contains(change.Event)) return false;
            if (UserMatches != null &&
                (change.IsRuleEvent || !(UserMatches(change.UserDirectory + "\\" + change.UserId) || UserMatches(change.UserId ?? string.Empty)))) return false;
            if (RuleMatches != null &&
                (!change.IsRuleEvent || !(RuleMatches(change.RuleBefore?.Name ?? string.Empty) || RuleMatches(change.RuleAfter?.Name ?? string.Empty)))) return false;
            return true;
        }
    }
}
