using System;
using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    /// <summary>The cmdlets that act on saved rules, given as rule objects on the pipeline or by -Id.</summary>
    public abstract class LicenseRuleTargetCommand : LicenseRuleCommandBase
    {
        protected const string InputObjectSet = "InputObject";
        protected const string IdSet = "Id";

        /// <summary>Rules as read by Get-QlikLicenseRule.</summary>
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
                    GuardRule(rule, () => Act(ConnectionOf(rule, Connection), rule));
                return;
            }

            var connection = ResolveConnection(Connection);
            foreach (var id in Id)
                GuardRule(id, () => Act(connection, Wait(LicenseRuleStore.ReadAsync(connection, id, Call))));
        }

        /// <summary>Does the cmdlet's work on one rule, as read from the site.</summary>
        protected abstract void Act(QlikConnection connection, LicenseRule rule);
    }
}
