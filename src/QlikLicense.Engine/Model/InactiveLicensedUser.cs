using System;

namespace QlikLicense.Model
{
    /// <summary>An allocation to release, with its user and the reason it qualifies. Pipes into Remove-QlikLicenseAllocation.</summary>
    public sealed class InactiveLicensedUser : LicenseAllocation
    {
        public InactiveLicensedUser(LicenseAllocation allocation, InactiveReason reason, string[] groups)
        {
            CopyFrom(allocation);
            Reason = reason;
            Groups = groups ?? Array.Empty<string>();
        }

        public InactiveReason Reason { get; }
        public string[] Groups { get; }

        /// <summary>Enabled license rules that would grant this access type straight back to the user.</summary>
        public string[] GrantingRules { get; set; } = Array.Empty<string>();
    }
}
