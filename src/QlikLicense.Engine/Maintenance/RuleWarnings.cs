using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>The playbook's warning, worded once.</summary>
    public static class RuleWarnings
    {
        public static string GrantedBack(LicenseAllocation allocation, IReadOnlyList<string> ruleNames) =>
            $"{allocation.UserIdentity}: the enabled license rule{(ruleNames.Count == 1 ? string.Empty : "s")} '{string.Join("', '", ruleNames)}' " +
            $"grant{(ruleNames.Count == 1 ? "s" : string.Empty)} {ModelMessages.Access(allocation.Type)} to this user, so a released allocation comes straight back at the next login. " +
            "Change the rule (Set-QlikLicenseRule) or exclude the user.";

        /// <summary>The rule check of an access type failed: the operation goes on without it, which a host shows as a warning.</summary>
        public static OperationProblem CheckFailed(LicenseAccessType type, SiteException error) =>
            new OperationProblem(ProblemKind.RuleCheckFailed,
                new InvalidOperationException($"Could not check whether a license rule grants {ModelMessages.Access(type)} back: {error.Message}", error), type);
    }
}
