using System;
using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Remove, "QlikLicenseRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikLicenseRuleCommand : LicenseRuleCommandBase
    {
        private const string InputObjectSet = "InputObject";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public LicenseRule[] InputObject { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public Guid[] Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public QlikConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                foreach (var rule in InputObject)
                    GuardRule(rule, () => Remove(ConnectionOf(rule, Connection), rule));
                return;
            }

            var connection = ResolveConnection(Connection);
            foreach (var id in Id)
                GuardRule(id, () => Remove(connection, Wait(LicenseRuleStore.ReadAsync(connection, id, Call))));
        }

        private void Remove(QlikConnection connection, LicenseRule rule)
        {
            if (!ShouldProcess(rule.Description, "Remove license rule and its access group")) return;
            var wasThere = Wait(LicenseRuleStore.RemoveAsync(connection, rule, Call));
            WriteVerbose(wasThere
                ? $"Removed {rule.Description} ({rule.Id:D}) and its access group {rule.AccessGroupId:D}."
                : $"{rule.Description} ({rule.Id:D}) was already gone; its access group {rule.AccessGroupId:D} is removed too.");
        }
    }
}
