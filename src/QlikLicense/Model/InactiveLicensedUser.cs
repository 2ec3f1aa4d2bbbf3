using System;

namespace QlikLicense.Model
{
    /// <summary>Why an allocation is offered for release.</summary>
    public enum InactiveReason
    {
        /// <summary>The user directory connector no longer finds the user (QMC: Inactive).</summary>
        RemovedFromDirectory,
        /// <summary>The user is blocked in the QMC.</summary>
        Blocked,
        /// <summary>The allocation was not used since the given date (or never, and was created before it).</summary>
        NotUsedSince,
    }

    /// <summary>An allocation to release, with its user and the reason it qualifies. Pipes into Remove-QlikLicenseAllocation.</summary>
    public sealed class InactiveLicensedUser : LicenseAllocation
    {
        public InactiveLicensedUser(LicenseAllocation allocation, InactiveReason reason, TextList groups)
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
