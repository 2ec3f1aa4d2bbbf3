namespace QlikLicense.Rules
{
    /// <summary>What went wrong with a license rule, beyond a failed QRS call; the cmdlets map each to an ErrorId.</summary>
    public enum LicenseRuleProblem
    {
        /// <summary>No system rule has the id.</summary>
        NotFound,
        /// <summary>The system rule is not a license rule of a per-user access type (Professional, Analyzer, user access).</summary>
        NotALicenseRule,
        /// <summary>Someone changed the rule after it was read; nothing was written.</summary>
        Changed,
        /// <summary>QRS could not parse or evaluate the rule text.</summary>
        InvalidRuleText,
        /// <summary>The rule is gone but its access group could not be removed (or, after a failed create, stayed).</summary>
        AccessGroupLeft,
    }
}
