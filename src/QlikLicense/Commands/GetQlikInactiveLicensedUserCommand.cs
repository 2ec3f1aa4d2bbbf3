using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Release;

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
            // A site without QMC marks stops the command (NotSupportedOnQlikCloud) rather than offer users it cannot check.
            RunOperation(connection.Site, () =>
            {
                // A failed rule check is a warning from the finder, before the candidates it concerns.
                foreach (var candidate in new InactiveLicensedUserFinder(connection, this).Find(criteria, Call))
                {
                    if (candidate.GrantingRules.Count > 0) WriteWarning(RuleWarnings.GrantedBack(candidate, candidate.GrantingRules));
                    if (candidate.Reason == InactiveReason.Orphaned) WriteWarning(Messages.Allocations.OrphanMayBeInUse(candidate, connection.Site));
                    WriteObject(candidate);
                    FlushVerbose();
                }
            });
        }
    }
}
