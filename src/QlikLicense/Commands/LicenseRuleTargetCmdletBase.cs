using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Commands
{
    /// <summary>The cmdlets that act on saved rules, given as rule objects on the pipeline or by -Id.</summary>
    public abstract class LicenseRuleTargetCmdletBase : LicenseRuleCmdletBase
    {
        protected const string InputObjectSet = "InputObject";
        protected const string IdSet = "Id";

        /// <summary>Rules as read by Get-QlikLicenseRule.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public LicenseRule[] InputObject { get; set; } = Array.Empty<LicenseRule>();

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        /// <summary>Where the change is recorded before it is sent (the rule as it was and as it is to be); by default the site's journal.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

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

        /// <summary>The journal of the rule's site; without it, the change is not made.</summary>
        protected LicenseJournal OpenRuleJournal(QlikConnection connection) =>
            OpenJournalOrStop(JournalPath, connection, Messages.Journals.NothingChanged);

        /// <summary>Does the cmdlet's work on one rule, as read from the site.</summary>
        protected abstract void Act(QlikConnection connection, LicenseRule rule);
    }
}
