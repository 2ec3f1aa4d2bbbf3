using System;

namespace QlikLicense.Model
{
    /// <summary>What a kind of site offers beyond users, allocations and seats.</summary>
    [Flags]
    public enum SiteCapabilities
    {
        None = 0,

        /// <summary>A released allocation that was used recently stays in quarantine (7 days on Qlik Sense) before its seat is free.</summary>
        Quarantine = 1,

        /// <summary>License rules grant access types by user attributes (<c>QlikLicense.Rules.ILicenseRuleSite</c>).</summary>
        LicenseRules = 2,

        /// <summary>Services write log files in which license denials can be found.</summary>
        LogFiles = 4,

        /// <summary>Users carry QMC tags and custom property values an administrator can mark them with.</summary>
        UserMarks = 8,
    }
}
