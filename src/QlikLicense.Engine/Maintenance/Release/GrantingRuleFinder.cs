using System;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Which enabled license rules would grant an access type straight back to users once it is released: one
    /// question to the site per access type however many users. Behind discovery (Get-QlikInactiveLicensedUser)
    /// and removal (Remove-QlikLicenseAllocation) alike. A site without license rules grants nothing back.
    /// </summary>
    public static class GrantingRuleFinder
    {
        /// <returns>User key → names of the enabled rules granting <paramref name="type"/>, each once, in name order.</returns>
        public static Task<ILookup<Guid, string>> FindAsync(QlikConnection connection, LicenseAccessType type, UserFilter? users, SiteCall call) =>
            connection.SiteApi is ILicenseRuleSite rules
                ? rules.FindGrantingRulesAsync(type, users, call)
                : Task.FromResult(Enumerable.Empty<Guid>().ToLookup(key => key, key => string.Empty));
    }
}
