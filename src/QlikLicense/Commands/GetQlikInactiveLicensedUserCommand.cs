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
        /// <summary>
        /// On a Qlik Cloud tenant, also assignments whose subject has no user in the tenant; they may be in use on another
        /// tenant or site of the same licence, so each is warned about.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeOrphaned { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var criteria = BuildCriteria();
            criteria.IncludeOrphaned = IncludeOrphaned;
            var ruleCheckFailures = new List<string>();
            criteria.RuleCheckFailed = (type, error) => ruleCheckFailures.Add(Messages.Allocations.RuleCheckFailed(type, error.Message));
            // A site without QMC marks stops the command (NotSupportedOnQlikCloud) rather than offer users it cannot check.
            RunOperation(connection.Site, () =>
            {
                foreach (var candidate in new InactiveLicensedUserFinder(connection).Find(criteria, Call))
                {
                    foreach (var failure in ruleCheckFailures) WriteWarning(failure);
                    ruleCheckFailures.Clear();
                    if (candidate.GrantingRules.Count > 0) WriteWarning(RuleWarnings.GrantedBack(candidate, candidate.GrantingRules));
                    if (candidate.Reason == InactiveReason.Orphaned) WriteWarning(Messages.Allocations.OrphanMayBeInUse(candidate, connection.Site));
                    WriteObject(candidate);
                    FlushVerbose();
                }
                foreach (var failure in ruleCheckFailures) WriteWarning(failure);
            });
        }
    }
}
