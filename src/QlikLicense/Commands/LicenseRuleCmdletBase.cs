using System;
using System.Globalization;
using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    /// <summary>What the license rule cmdlets share: their errors, and the preview that -WhatIf and -Confirm show.</summary>
    public abstract class LicenseRuleCmdletBase : ConnectedCmdletBase
    {
        protected override Type RequiredPart => typeof(ILicenseRuleSite);

        protected override string Instead => Messages.Rules.NoRulesOnQlikCloud;

        /// <summary>Like Guard, and a license rule problem becomes a non-terminating error about the target too.</summary>
        protected void GuardRule(object? target, Action work) => Guard(target, () =>
        {
            try
            {
                work();
            }
            catch (LicenseRuleException error)
            {
                WriteError(ErrorFor(error, target));
            }
        });

        /// <summary>The connection a rule object was read from, else -Connection or the session's default.</summary>
        protected QlikConnection ConnectionOf(LicenseRule rule) => rule.Connection ?? ResolveConnection();

        /// <summary>
        /// Whom rule text would grant, in words ("would grant 12 users"). A failed preview is told in words as well:
        /// it must not stop -WhatIf from saying what would be done.
        /// </summary>
        protected string DescribePreview(QlikConnection connection, LicenseAccessType type, string ruleText, LicenseRule? rule)
        {
            try
            {
                var result = Wait(connection.Rules().PreviewRuleAsync(type, ruleText, rule, Call));
                if (result.Failures.Count > 0) return "QRS cannot use this rule text: " + result.Failures[0];
                if (result.ResourceCount == 0) return Messages.Rules.NoAccessGroupToPreview(type);
                return "would grant " + Users(result.MatchedUsers().Count);
            }
            catch (SiteException error)
            {
                return "the preview failed: " + error.Message;
            }
        }

        protected static string Users(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " user" : " users");
    }
}
