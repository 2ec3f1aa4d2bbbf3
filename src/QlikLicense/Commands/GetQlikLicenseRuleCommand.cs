using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseRule", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(LicenseRule))]
    public sealed class GetQlikLicenseRuleCommand : LicenseRuleCmdletBase
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateWildcardPattern]
        [ArgumentCompleter(typeof(LicenseRuleNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = NameSet)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType Type { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = IdSet)]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var rules = new List<LicenseRule>();
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                    GuardRule(id, () => rules.Add(Wait(connection.Rules().ReadRuleAsync(id, Call))));
            }
            else
            {
                LicenseAccessType? type = MyInvocation.BoundParameters.ContainsKey(nameof(Type)) ? Type : (LicenseAccessType?)null;
                GuardRule(type, () => rules.AddRange(Select(connection.Rules().ListRules(type, Call))));
            }
            if (rules.Count == 0) return;

            GuardRule(connection, () =>
            {
                foreach (var orphan in connection.Rules().JoinAccessGroups(rules, Call))
                    WriteWarning(Messages.Rules.GrantsNothing(orphan.Description, orphan.Type, orphan.AccessGroupId));
            });
            foreach (var rule in rules.OrderBy(rule => rule.Type).ThenBy(rule => rule.Name, StringComparer.OrdinalIgnoreCase))
                WriteObject(rule);
        }

        /// <summary>The rules matching -Name; a name without wildcards that matches nothing is an error, as Get-Item does it.</summary>
        private IEnumerable<LicenseRule> Select(IEnumerable<LicenseRule> rules)
        {
            var all = rules.ToList();
            if (Name == null) return all;
            var patterns = Name.Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            var selected = all.Where(rule => patterns.Any(pattern => pattern.IsMatch(rule.Name ?? string.Empty))).ToList();
            foreach (var name in Name.Where(name => !WildcardPattern.ContainsWildcardCharacters(name)))
                if (!all.Any(rule => string.Equals(rule.Name, name, StringComparison.OrdinalIgnoreCase)))
                    WriteError(new ErrorRecord(new ItemNotFoundException(Messages.Rules.NotFound(MyInvocation.BoundParameters.ContainsKey(nameof(Type)) ? Type : (LicenseAccessType?)null, name)),
                        ErrorIds.LicenseRuleNotFound, ErrorCategory.ObjectNotFound, name));
            return selected;
        }
    }
}
