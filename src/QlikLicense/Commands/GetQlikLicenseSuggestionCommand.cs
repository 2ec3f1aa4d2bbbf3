using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseSuggestion")]
    [OutputType(typeof(LicenseSuggestion))]
    public sealed class GetQlikLicenseSuggestionCommand : ConnectedCmdletBase
    {
        private readonly Dictionary<QlikConnection, (List<LicenseDenial> Denials, List<InactiveLicensedUser> Inactive)> findings =
            new Dictionary<QlikConnection, (List<LicenseDenial>, List<InactiveLicensedUser>)>();

        /// <summary>Denials from Get-QlikLicenseDenial and allocations from Get-QlikInactiveLicensedUser, in any mix.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = new PSObject[0];

        /// <summary>The access type to allocate, and of the rules to create or extend.</summary>
        [Parameter]
        public LicenseAccessType Type { get; set; } = LicenseAccessType.Analyzer;

        /// <summary>From this many denied members of one group without a license, a rule is suggested rather than allocations.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MinimumDenied { get; set; } = LicenseDecisionOptions.DefaultMinimumDenied;

        // Collected first: the decisions weigh every finding of a site together.
        protected override void ProcessRecord()
        {
            foreach (var item in InputObject.Where(item => item != null))
            {
                switch (item.BaseObject)
                {
                    case InactiveLicensedUser inactive:
                        Of(inactive.Connection).Inactive.Add(inactive);
                        break;
                    case LicenseDenial denial:
                        Of(denial.Connection).Denials.Add(denial);
                        break;
                    default:
                        WriteError(new ErrorRecord(new System.ArgumentException(Messages.Suggestions.NotAFinding(item)),
                            ErrorIds.InvalidInputObject, ErrorCategory.InvalidArgument, item));
                        break;
                }
            }
        }

        protected override void EndProcessing()
        {
            var options = new LicenseDecisionOptions { Type = Type, MinimumDenied = MinimumDenied };
            foreach (var site in findings)
            {
                Guard(site.Key.Site, () =>
                {
                    // Denials read without a connection are looked up on the site the suggestions are for.
                    var notLookedUp = site.Value.Denials.Where(denial => denial.Connection == null).ToList();
                    DenialEnrichment.Enrich(site.Key, notLookedUp, Call);
                    WriteObject(LicenseDecisionFinder.Find(site.Key, site.Value.Denials, site.Value.Inactive, options, Call).Suggestions, enumerateCollection: true);
                });
            }
        }

        /// <summary>The findings of an object's own site, else of -Connection or the session's default.</summary>
        private (List<LicenseDenial> Denials, List<InactiveLicensedUser> Inactive) Of(QlikConnection? own)
        {
            var connection = ResolveConnection(own ?? Connection);
            if (!findings.TryGetValue(connection, out var lists))
                findings.Add(connection, lists = (new List<LicenseDenial>(), new List<InactiveLicensedUser>()));
            return lists;
        }
    }
}
