using System;
using System.Management.Automation;
using System.Threading;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.New, "QlikLicenseRule", SupportsShouldProcess = true, ConfirmImpact = Impact)]
    [OutputType(typeof(LicenseRule))]
    public sealed class NewQlikLicenseRuleCommand : LicenseRuleCmdletBase
    {
        private const ConfirmImpact Impact = ConfirmImpact.Medium;

        // Lengths as the QRS API description allows them.
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 255)]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType Type { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateLength(1, 2048)]
        public string Rule { get; set; } = string.Empty;

        [Parameter]
        [AllowEmptyString]
        [ValidateLength(0, 255)]
        public string Comment { get; set; } = string.Empty;

        /// <summary>Creates the rule switched off: it grants nothing until Set-QlikLicenseRule -Enabled.</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        /// <summary>Where the new rule is recorded before it is sent; by default the site's journal.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var target = $"{Type} license rule '{Name}'";
            GuardRule(Name, () =>
            {
                if (Wait(connection.Rules().RuleNameTakenAsync(Name, Call)))
                {
                    WriteError(new ErrorRecord(new InvalidOperationException(Messages.Rules.NameTaken(Name, connection.Site)),
                        ErrorIds.LicenseRuleExists, ErrorCategory.ResourceExists, Name));
                    return;
                }

                var action = $"Create access group and system rule with rule text '{Rule}'";
                if (PreviewWanted(Impact))
                    action += Disabled
                        ? " (disabled: grants nobody until enabled)"
                        : "; " + DescribePreview(connection, Type, Rule, null);
                if (!ShouldProcess(target, action)) return;

                var definition = new LicenseRuleDefinition { Name = Name, Type = Type, Rule = Rule, Comment = Comment ?? string.Empty, Disabled = Disabled };
                // The clean-up of a half-made rule must run even after Ctrl+C; each call still has its own timeout.
                LicenseRule rule;
                using (var journal = OpenJournalOrStop(JournalPath, connection, Messages.Journals.NothingCreated))
                    rule = Wait(LicenseRuleJournal.CreateAsync(connection, journal, definition, Call, CallWith(CancellationToken.None)));
                WriteVerbose($"Created {rule.Description} ({rule.Id:D}) filling access group {rule.AccessGroupId:D}.");
                WriteObject(rule);
            });
        }
    }
}
