using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Rules;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Set, "QlikLicenseRule", SupportsShouldProcess = true, ConfirmImpact = Impact, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(LicenseRule))]
    public sealed class SetQlikLicenseRuleCommand : LicenseRuleTargetCmdletBase
    {
        private const ConfirmImpact Impact = ConfirmImpact.Medium;

        [Parameter]
        [ValidateLength(1, 255)]
        public string? Name { get; set; }

        [Parameter]
        [ValidateLength(1, 2048)]
        public string? Rule { get; set; }

        [Parameter]
        [AllowEmptyString]
        [ValidateLength(0, 255)]
        public string? Comment { get; set; }

        [Parameter]
        public SwitchParameter Disabled { get; set; }

        [Parameter]
        public SwitchParameter Enabled { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Disabled && Enabled)
                throw Terminate(new ErrorRecord(new ArgumentException(Messages.Rules.DisabledAndEnabled),
                    ErrorIds.DisabledAndEnabled, ErrorCategory.InvalidArgument, null));
            if (Name == null && Rule == null && Comment == null && !Disabled && !Enabled)
                throw Terminate(new ErrorRecord(new ArgumentException(Messages.Rules.NothingToChange),
                    ErrorIds.NothingToChange, ErrorCategory.InvalidArgument, null));
        }

        /// <summary>The change the parameters ask for; none of them binds from the pipeline, so it is the same for every rule.</summary>
        private LicenseRuleChange Change() => new LicenseRuleChange
        {
            Name = Name,
            Rule = Rule,
            Comment = Comment,
            Disabled = Disabled ? true : Enabled ? false : (bool?)null,
        };

        protected override void Act(QlikConnection connection, LicenseRule read)
        {
            var change = Change();
            // Nothing differs from what was read: no ShouldProcess, but the update still checks that the read is current.
            if (change.ChangesAnything(read) && !ShouldProcess(read.Description, "Set " + change.Describe(read) + Effect(connection, read, change))) return;
            LicenseRule updated;
            using (var journal = OpenRuleJournal(connection))
                updated = Wait(LicenseRuleJournal.UpdateAsync(connection, journal, read, change, Call));
            updated.AccessGroupName = read.AccessGroupName;
            WriteVerbose(updated.ModifiedDate == read.ModifiedDate
                ? $"{read.Description} already has these values; nothing was written."
                : $"Changed {updated.Description} ({change.Describe(read)}).");
            if (PassThru) WriteObject(updated);
        }

        /// <summary>For -WhatIf and -Confirm, when whom the rule grants changes: how many it grants now and would grant after.</summary>
        private string Effect(QlikConnection connection, LicenseRule read, LicenseRuleChange change)
        {
            if (!(change.ChangesRuleText(read) || change.ChangesState(read)) || !PreviewWanted(Impact)) return string.Empty;
            var after = change.Disabled ?? read.Disabled
                ? "would grant nobody (disabled)"
                : DescribePreview(connection, read.Type, change.Rule ?? read.Rule, read);
            return "; " + after + " (" + GrantsNow(connection, read) + ")";
        }

        private string GrantsNow(QlikConnection connection, LicenseRule read)
        {
            if (read.Disabled) return "grants nobody now: disabled";
            try
            {
                var audit = Wait(connection.Rules().AuditRulesAsync(read.Type, read.AccessGroupId, Call));
                return "grants " + Users(audit.MatchedUsers(read.Id).Count) + " now";
            }
            catch (SiteException error)
            {
                return "the audit of the saved rule failed: " + error.Message;
            }
        }
    }
}
