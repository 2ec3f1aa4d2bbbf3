using System;

namespace QlikLicense.Model
{
    /// <summary>An allocation to release, with its user and the reason it qualifies. Pipes into Remove-QlikLicenseAllocation.</summary>
    public sealed class InactiveLicensedUser : LicenseAllocation
    {
        public InactiveLicensedUser(LicenseAllocation allocation, InactiveReason reason, TextList? groups)
        {
            CopyFrom(allocation);
            Reason = reason;
            Groups = groups ?? TextList.Empty;
        }

        public InactiveReason Reason { get; }
        public TextList Groups { get; }

        /// <summary>Enabled license rules that would grant this access type straight back to the user.</summary>
        public TextList GrantingRules { get; set; } = TextList.Empty;
    }
}
