using System;
using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsDiagnostic.Test, "QlikLicenseRule", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(MatchedUser))]
    public sealed class TestQlikLicenseRuleCommand : LicenseRuleCmdletBase
    {
        private const string TextSet = "Text";
        private const string InputObjectSet = "InputObject";

        /// <summary>Rule text that is not saved, e.g. a change under consideration.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TextSet)]
        [ValidateLength(1, 2048)]
        public string Rule { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = TextSet)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType Type { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public LicenseRule[] InputObject { get; set; } = Array.Empty<LicenseRule>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == TextSet)
            {
                var connection = ResolveConnection();
                GuardRule(Rule, () => WriteUsers(Preview(connection, Type, Rule, null), null));
                return;
            }

            foreach (var rule in InputObject)
                GuardRule(rule, () => Test(ConnectionOf(rule), rule));
        }

        private void Test(QlikConnection connection, LicenseRule rule)
        {
            if (rule.Disabled)
            {
                // The audit evaluates enabled rules only; a disabled rule's text shows whom enabling it would grant.
                WriteVerbose($"{rule.Description} is disabled: these are the users it would grant once enabled.");
                WriteUsers(Preview(connection, rule.Type, rule.Rule, rule), rule.Name);
                return;
            }
            var audit = Wait(connection.Rules().AuditRulesAsync(rule.Type, rule.AccessGroupId, Call));
            audit.ThrowIfRuleTextFailed();
            WriteUsers(audit.MatchedUsers(rule.Id), rule.Name);
        }

        private LicenseRuleAuditResult Preview(QlikConnection connection, LicenseAccessType type, string ruleText, LicenseRule? rule)
        {
            var result = Wait(connection.Rules().PreviewRuleAsync(type, ruleText, rule, Call));
            result.ThrowIfRuleTextFailed();
            if (result.ResourceCount == 0) WriteWarning(Messages.Rules.NothingToShow(type));
            return result;
        }

        private void WriteUsers(LicenseRuleAuditResult result, string? ruleName) => WriteUsers(result.MatchedUsers(), ruleName);

        private void WriteUsers(IReadOnlyList<MatchedUser> users, string? ruleName)
        {
            foreach (var user in users)
            {
                user.RuleName = ruleName;
                WriteObject(user);
            }
        }
    }
}
