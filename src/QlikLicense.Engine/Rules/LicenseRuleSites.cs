using System;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>Reaching the license rules of a connection's site.</summary>
    public static class LicenseRuleSites
    {
        /// <summary>The site's license rules; a <see cref="NotSupportedException"/> for a site without them.</summary>
        public static ILicenseRuleSite Rules(this QlikConnection connection) =>
            connection.SiteApi as ILicenseRuleSite ?? throw new NotSupportedException(RuleMessages.NoLicenseRules(connection.Site));
    }
}
