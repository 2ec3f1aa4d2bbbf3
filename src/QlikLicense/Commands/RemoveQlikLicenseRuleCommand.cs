using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Remove, "QlikLicenseRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikLicenseRuleCommand : LicenseRuleTargetCmdletBase
    {




        protected override void Act(QlikConnection connection, LicenseRule rule)
        {
            if (!ShouldProcess(rule.Description, "Remove license rule and its access group")) return;
            bool wasThere;
            using (var journal = OpenRuleJournal(connection))
                wasThere = Wait(LicenseRuleJournal.RemoveAsync(connection, journal, rule, Call));
            WriteVerbose(wasThere
                ? $"Removed {rule.Description} ({rule.Id:D}) and its access group {rule.AccessGroupId:D}."
                : $"{rule.Description} ({rule.Id:D}) was already gone; its access group {rule.AccessGroupId:D} is removed too.");
        }
    }
}
