using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// What a site offers beyond users, allocations and seats, for users to see: each flag is an optional part of the seam
    /// the site implements (<c>QlikLicense.Rules.SiteParts</c> derives them), which is what the code asks for.
    /// </summary>
    [Flags]
    public enum SiteCapabilities
    {
        None = 0,

        /// <summary>A released allocation that was used recently stays in quarantine (7 days on Qlik Sense) before its seat is free (<see cref="IQuarantineSite"/>).</summary>
        Quarantine = 1,

        /// <summary>License rules grant access types by user attributes (<c>QlikLicense.Rules.ILicenseRuleSite</c>).</summary>
        LicenseRules = 2,

        /// <summary>Services write log files in which license denials can be found (<see cref="ILogFileSite"/>).</summary>
        LogFiles = 4,

        /// <summary>Users carry QMC tags and custom property values an administrator can mark them with (<see cref="IUserMarkSite"/>).</summary>
        UserMarks = 8,
    }
}
