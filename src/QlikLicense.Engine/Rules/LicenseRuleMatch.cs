using System;

namespace QlikLicense.Rules
{
    /// <summary>One rule application that matched a user: the user, and the rule.</summary>
    public sealed class LicenseRuleMatch
    {
        internal LicenseRuleMatch(MatchedUser user, Guid ruleId, string? ruleName, bool ruleDisabled)
        {
            User = user;
            RuleId = ruleId;
            RuleName = ruleName;
            RuleDisabled = ruleDisabled;
        }

        public MatchedUser User { get; }
        public Guid RuleId { get; }
        public string? RuleName { get; }
        public bool RuleDisabled { get; }
    }
}
