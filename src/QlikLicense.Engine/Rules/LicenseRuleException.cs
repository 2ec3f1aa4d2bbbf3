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
            new LicenseRuleException(LicenseRuleProblem.NotFound, $"The site {site} has no license rule {id:D}.");

        internal static LicenseRuleException NotALicenseRule(Guid id, string? name) =>
            new LicenseRuleException(LicenseRuleProblem.NotALicenseRule,
                $"The system rule {id:D} ('{name}') is not a Professional or Analyzer license rule; this module changes only those.");

        internal static LicenseRuleException Changed(LicenseRule read, LicenseRule stored) =>
            new LicenseRuleException(LicenseRuleProblem.Changed,
                $"{read.Description} was changed by {stored.ModifiedByUserName ?? "another user"} at {QlikDates.ToMessageText(stored.ModifiedDate)} " +
                $"after it was read (the version read is from {QlikDates.ToMessageText(read.ModifiedDate)}). Nothing was written. " +
                "Read the rule again (Get-QlikLicenseRule), check the other change, then apply yours.")
            {
                Stored = stored,
            };
    }
}
