using System;
using QlikLicense.Rules;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The record of license rule changes: each rule as it was, written before it is changed or removed, so that
    /// New-QlikLicenseRule can bring it back. JSON lines, next to the allocation journal of the site.
    /// </summary>
    public static class LicenseRuleJournal
    {
        public static string DefaultPath(string site)
        {
            var allocations = LicenseJournal.DefaultPath(site);
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(allocations), System.IO.Path.GetFileNameWithoutExtension(allocations) + ".rules.jsonl");
        }

        public static void Append(LicenseJournal journal, string action, LicenseRule before, string site, DateTime nowUtc) => journal.Append(new
        {
            time = nowUtc,
            site,
            action,
            ruleId = before.Id,
            name = before.Name,
            type = before.Type,
            rule = before.Rule,
            comment = before.Comment,
            disabled = before.Disabled,
            accessGroupId = before.AccessGroupId,
            accessGroupName = before.AccessGroupName,
            modifiedDate = before.ModifiedDate,
            modifiedByUserName = before.ModifiedByUserName,
        });
    }
}
