using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    /// <summary>The cmdlets that act on saved rules, given as rule objects on the pipeline or by -Id.</summary>
    public abstract class LicenseRuleTargetCmdletBase : LicenseRuleCmdletBase
    {
        protected const string InputObjectSet = "InputObject";
        protected const string IdSet = "Id";

        /// <summary>Rules as read by Get-QlikLicenseRule.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public LicenseRule[] InputObject { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public Guid[] Id { get; set; }

        /// <summary>Where the rule as it was is recorded before the change; by default next to the site's allocation journal.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                foreach (var rule in InputObject)
                    GuardRule(rule, () => Act(ConnectionOf(rule), rule));
                return;
            }

            var connection = ResolveConnection();
            foreach (var id in Id)
                GuardRule(id, () => Act(connection, Wait(connection.Rules().ReadRuleAsync(id, Call))));
        }

        /// <summary>Records the rule as it is before a change; without the record, the change is not made.</summary>
        protected void RecordBefore(string action, QlikConnection connection, LicenseRule before)
        {
            RunOperation(before, () =>
            {
                using (var journal = OpenJournal(JournalPath, LicenseRuleJournal.DefaultPath(connection.Site), "Nothing was changed."))
                    LicenseRuleJournal.Append(journal, action, before, connection.Site, DateTime.UtcNow);
            });
        }

        /// <summary>Does the cmdlet's work on one rule, as read from the site.</summary>
        protected abstract void Act(QlikConnection connection, LicenseRule rule);
    }
}
