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
        private readonly Dictionary<QlikConnection, Findings> findings = new Dictionary<QlikConnection, Findings>();

        /// <summary>
        /// Denials from Get-QlikLicenseDenial, allocations from Get-QlikInactiveLicensedUser and analyzer capacity spenders
        /// from Get-QlikAnalyzerCapacityUsage, in any mix.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = new PSObject[0];

        /// <summary>The access type to allocate, and of the rules to create or extend; by default Analyzer, or user access passes on a token licence.</summary>
        [Parameter]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType Type { get; set; }

        /// <summary>What an Analyzer seat costs in analyzer capacity minutes a month under your contract: people spending more get a seat suggested.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int AnalyzerSeatMinutes { get; set; }

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
                    case AnalyzerCapacityUser spender:
                        Of(spender.Connection).CapacityUsers.Add(spender);
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
            var options = new LicenseDecisionOptions
            {
                Type = MyInvocation.BoundParameters.ContainsKey(nameof(Type)) ? Type : (LicenseAccessType?)null,
                MinimumDenied = MinimumDenied,
                AnalyzerSeatMinutes = MyInvocation.BoundParameters.ContainsKey(nameof(AnalyzerSeatMinutes)) ? AnalyzerSeatMinutes
                    : findings.Values.SelectMany(site => site.CapacityUsers).Select(spender => spender.AnalyzerSeatMinutes).FirstOrDefault(minutes => minutes != null),
            };
            foreach (var site in findings)
            {
                Guard(site.Key.Site, () =>
                {
                    // Denials read without a connection are looked up on the site the suggestions are for.
                    var notLookedUp = site.Value.Denials.Where(denial => denial.Connection == null).ToList();
                    DenialEnrichment.Enrich(site.Key, notLookedUp, Call);
                    // Spenders piped in are the capacity to decide on; with none, -AnalyzerSeatMinutes reads the site's.
                    var spenders = site.Value.CapacityUsers.Count > 0 ? site.Value.CapacityUsers : null;
                    WriteObject(LicenseDecisionFinder.Find(site.Key, site.Value.Denials, site.Value.Inactive, options, Call, capacityUsers: spenders).Suggestions,
                        enumerateCollection: true);
                });
            }
        }

        /// <summary>The findings of an object's own site, else of -Connection or the session's default.</summary>
        private Findings Of(QlikConnection? own)
        {
            var connection = ResolveConnection(own ?? Connection);
            if (!findings.TryGetValue(connection, out var lists)) findings.Add(connection, lists = new Findings());
            return lists;
        }

        private sealed class Findings
        {
            public List<LicenseDenial> Denials { get; } = new List<LicenseDenial>();
            public List<InactiveLicensedUser> Inactive { get; } = new List<InactiveLicensedUser>();
            public List<AnalyzerCapacityUser> CapacityUsers { get; } = new List<AnalyzerCapacityUser>();
        }
    }
}
