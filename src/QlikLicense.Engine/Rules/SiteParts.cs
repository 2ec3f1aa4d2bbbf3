using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>
    /// What a site can do, said one way: by the optional parts of the seam it implements (<see cref="ILicenseRuleSite"/>,
    /// <see cref="IQuarantineSite"/>, <see cref="ILogFileSite"/>, ...). The operations and cmdlets ask for the part they need;
    /// <see cref="ISite.Capabilities"/> only shows the same to users.
    /// </summary>
    public static class SiteParts
    {
        /// <summary>The capabilities a site's optional parts amount to: what every site returns as its <see cref="ISite.Capabilities"/>.</summary>
        public static SiteCapabilities Capabilities(ISite site) =>
            (site is IQuarantineSite ? SiteCapabilities.Quarantine : SiteCapabilities.None) |
            (site is ILicenseRuleSite ? SiteCapabilities.LicenseRules : SiteCapabilities.None) |
            (site is ILogFileSite ? SiteCapabilities.LogFiles : SiteCapabilities.None) |
            (site is IUserMarkSite ? SiteCapabilities.UserMarks : SiteCapabilities.None);
    }
}
