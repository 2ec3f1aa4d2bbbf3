using System;

namespace QlikLicense.Rules
{
    public sealed class LicenseRuleException : Exception
    {
        public LicenseRuleException(LicenseRuleProblem problem, string message, Exception? inner = null) : base(message, inner)
        {
            Problem = problem;
        }

        public LicenseRuleProblem Problem { get; }

        /// <summary>For <see cref="LicenseRuleProblem.Changed"/>: the rule as stored now.</summary>
        public LicenseRule? Stored { get; private set; }

        internal static LicenseRuleException NotFound(Guid id, string site) =>
            new LicenseRuleException(LicenseRuleProblem.NotFound, RuleMessages.NotFound(id, site));

        internal static LicenseRuleException NotALicenseRule(Guid id, string? name) =>
            new LicenseRuleException(LicenseRuleProblem.NotALicenseRule, RuleMessages.NotALicenseRule(id, name));

        internal static LicenseRuleException Changed(LicenseRule read, LicenseRule stored) =>
            new LicenseRuleException(LicenseRuleProblem.Changed, RuleMessages.Changed(read, stored))
            {
                Stored = stored,
            };
    }
}
