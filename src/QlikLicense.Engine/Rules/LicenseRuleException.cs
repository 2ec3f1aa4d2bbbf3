using System;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>What went wrong with a license rule beyond a failed request; <see cref="Kind"/> is one of the rule problems of <see cref="ProblemKind"/>.</summary>
    public sealed class LicenseRuleException : Exception
    {
        public LicenseRuleException(ProblemKind kind, string message, Exception? inner = null) : base(message, inner)
        {
            Kind = kind;
        }

        public ProblemKind Kind { get; }

        /// <summary>For <see cref="ProblemKind.LicenseRuleChanged"/>: the rule as stored now.</summary>
        public LicenseRule? Stored { get; private set; }

        internal static LicenseRuleException NotFound(Guid id, string site) =>
            new LicenseRuleException(ProblemKind.LicenseRuleNotFound, RuleMessages.NotFound(id, site));

        internal static LicenseRuleException NotALicenseRule(Guid id, string? name) =>
            new LicenseRuleException(ProblemKind.NotALicenseRule, RuleMessages.NotALicenseRule(id, name));

        internal static LicenseRuleException Changed(LicenseRule read, LicenseRule stored) =>
            new LicenseRuleException(ProblemKind.LicenseRuleChanged, RuleMessages.Changed(read, stored))
            {
                Stored = stored,
            };
    }
}
