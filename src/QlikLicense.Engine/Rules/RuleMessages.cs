using System;

namespace QlikLicense.Rules
{
    /// <summary>
    /// The wording of the problems the license rules report, in one place as the cmdlets' <c>Messages</c>. Scripts and
    /// tests match on them: keep each one saying what went wrong and what to do.
    /// </summary>
    internal static class RuleMessages
    {
        public static string NotFound(Guid id, string site) => $"The site {site} has no license rule {id:D}.";

        public static string NotALicenseRule(Guid id, string? name) =>
            $"The system rule {id:D} ('{name}') is not a Professional, Analyzer or user access license rule; this module changes only those.";

        public static string Changed(LicenseRule read, LicenseRule stored) =>
            $"{read.Description} was changed by {stored.ModifiedByUserName ?? "another user"} at {QlikDates.ToMessageText(stored.ModifiedDate)} " +
            $"after it was read (the version read is from {QlikDates.ToMessageText(read.ModifiedDate)}). Nothing was written. " +
            "Read the rule again (Get-QlikLicenseRule), check the other change, then apply yours.";

        public static string InvalidRuleText(string failure) => "QRS cannot use the rule text: " + failure;

        public static string NoLicenseRules(string site) => $"The site {site} has no license rules.";
    }
}
