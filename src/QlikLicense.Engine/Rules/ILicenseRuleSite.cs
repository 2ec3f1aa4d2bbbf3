using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>
    /// The part of the site seam for sites with license rules (Qlik Sense: a License system rule filling an access
    /// group). Optional: a site without rules (a Qlik Cloud tenant) does not implement it, and says so in
    /// <see cref="ISite.Capabilities"/>. Rules returned carry the connection they came from.
    /// </summary>
    public interface ILicenseRuleSite
    {
        /// <summary>The Professional, Analyzer and user access license rules (of <paramref name="type"/> only, when given).</summary>
        IEnumerable<LicenseRule> ListRules(LicenseAccessType? type, SiteCall call);

        /// <summary>One license rule by id; a <see cref="LicenseRuleException"/> when there is none.</summary>
        Task<LicenseRule> ReadRuleAsync(Guid id, SiteCall call);

        /// <summary>Whether a license rule already has this name (compared without regard to case).</summary>
        Task<bool> RuleNameTakenAsync(string name, SiteCall call);

        /// <summary>Sets <see cref="LicenseRule.AccessGroupName"/>; returns the rules whose access group is missing.</summary>
        IReadOnlyList<LicenseRule> JoinAccessGroups(IReadOnlyCollection<LicenseRule> rules, SiteCall call);

        /// <summary>Creates a rule; what it made half is removed again with <paramref name="cleanupCall"/>, which should outlive a Ctrl+C.</summary>
        Task<LicenseRule> CreateRuleAsync(LicenseRuleDefinition definition, SiteCall call, SiteCall cleanupCall);

        /// <summary>Changes a rule only if it is still the version read; a <see cref="LicenseRuleException"/> (Changed) otherwise.</summary>
        Task<LicenseRule> UpdateRuleAsync(LicenseRule read, LicenseRuleChange change, SiteCall call);

        /// <summary>Removes a rule and what it fills; false when the rule was already gone.</summary>
        Task<bool> RemoveRuleAsync(LicenseRule rule, SiteCall call);

        /// <summary>Whom the saved, enabled rules of a type grant (only the rules filling <paramref name="accessGroupId"/>, when given).</summary>
        Task<LicenseRuleAuditResult> AuditRulesAsync(LicenseAccessType type, Guid? accessGroupId, SiteCall call);

        /// <summary>Whom rule text that is not saved would grant, evaluated where <paramref name="rule"/> applies (any access group of the type when null).</summary>
        Task<LicenseRuleAuditResult> PreviewRuleAsync(LicenseAccessType type, string ruleText, LicenseRule? rule, SiteCall call);

        /// <summary>
        /// The enabled rules that grant <paramref name="type"/> to each of <paramref name="users"/>, in one request
        /// however many users: user key → rule names, each once, in name order.
        /// </summary>
        Task<ILookup<Guid, string>> FindGrantingRulesAsync(LicenseAccessType type, UserFilter? users, SiteCall call);
    }
}
