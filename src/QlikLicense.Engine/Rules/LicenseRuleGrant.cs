using System;

namespace QlikLicense.Rules
{
    /// <summary>One rule application that allowed access: the user, and the rule that allowed it.</summary>
    public sealed class LicenseRuleGrant
    {
        internal LicenseRuleGrant(GrantedUser user, Guid ruleId, string? ruleName, bool ruleDisabled)
        {
            User = user;
            RuleId = ruleId;
            RuleName = ruleName;
            RuleDisabled = ruleDisabled;
        }

        public GrantedUser User { get; }
        public Guid RuleId { get; }
        public string? RuleName { get; }
        public bool RuleDisabled { get; }
    }
}
