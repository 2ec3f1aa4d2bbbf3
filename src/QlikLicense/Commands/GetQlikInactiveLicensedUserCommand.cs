using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikInactiveLicensedUser", DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(InactiveLicensedUser))]
    public sealed class GetQlikInactiveLicensedUserCommand : InactiveCriteriaCmdletBase
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var criteria = BuildCriteria();
            var ruleCheckFailures = new List<string>();
            criteria.RuleCheckFailed = (type, error) => ruleCheckFailures.Add(Messages.Allocations.RuleCheckFailed(type, error.Message));
            Guard(connection.Site, () =>
            {
                foreach (var candidate in new InactiveLicensedUserFinder(connection).Find(criteria, Call))
                {
                    foreach (var failure in ruleCheckFailures) WriteWarning(failure);
                    ruleCheckFailures.Clear();
                    if (candidate.GrantingRules.Count > 0) WriteWarning(RuleWarnings.GrantedBack(candidate, candidate.GrantingRules));
                    WriteObject(candidate);
                    FlushVerbose();
                }
                foreach (var failure in ruleCheckFailures) WriteWarning(failure);
            });
        }
    }
}
