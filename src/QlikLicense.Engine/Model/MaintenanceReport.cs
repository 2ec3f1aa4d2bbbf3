using System;

namespace QlikLicense.Model
{
    /// <summary>What one run of the monthly routine found and changed; Invoke-QlikLicenseMaintenance -PassThru returns it.</summary>
    public sealed class MaintenanceReport
    {
        public string? Site { get; set; }
        public string? ServerVersion { get; set; }
        public string? ModuleVersion { get; set; }

        /// <summary>UTC.</summary>
        public DateTime GeneratedAt { get; set; }

        /// <summary>UTC start of the denial window.</summary>
        public DateTime? DeniedSince { get; set; }

        /// <summary>True when -WhatIf held back every change.</summary>
        public bool WhatIf { get; set; }

        public LicenseMonitorStatus? LicenseMonitor { get; set; }

        /// <summary>One row per access type the site's licence runs (seats, tokens or minutes), as at the end of the run.</summary>
        public LicenseSummary[] Summary { get; set; } = Array.Empty<LicenseSummary>();

        /// <summary>The licence models the site runs, from its licence overview.</summary>
        public LicenseModel[] Models { get; set; } = Array.Empty<LicenseModel>();

        /// <summary>The per-user access types the run searched for allocations of inactive users.</summary>
        public LicenseAccessType[] AccessTypes { get; set; } = Array.Empty<LicenseAccessType>();

        /// <summary>A token licence's login access groups, with their passes, rules and use; the ones run dry or unused were warned about.</summary>
        public LoginAccessGroup[] LoginAccessGroups { get; set; } = Array.Empty<LoginAccessGroup>();

        /// <summary>The people who spent the most analyzer capacity minutes in the last 30 days, most first.</summary>
        public AnalyzerCapacityUser[] CapacityUsers { get; set; } = Array.Empty<AnalyzerCapacityUser>();

        /// <summary>What the site's licence runs that this run did not look at, and why: never read as "nothing to do".</summary>
        public string[] NotCovered { get; set; } = Array.Empty<string>();
        public InactiveLicensedUser[] Candidates { get; set; } = Array.Empty<InactiveLicensedUser>();
        public LicenseDenial[] Denials { get; set; } = Array.Empty<LicenseDenial>();
        public string[] RuleWarnings { get; set; } = Array.Empty<string>();

        /// <summary>The denied users by directory group, with the rules naming each group and why its members were denied.</summary>
        public DeniedGroup[] DeniedGroups { get; set; } = Array.Empty<DeniedGroup>();

        /// <summary>A decision for each finding, with the command that carries it out (Get-QlikLicenseSuggestion makes the same).</summary>
        public LicenseSuggestion[] Suggestions { get; set; } = Array.Empty<LicenseSuggestion>();
        public AllocationChangeResult[] Changes { get; set; } = Array.Empty<AllocationChangeResult>();

        /// <summary>Allocations above the license (in the order to release them), people holding Professional and Analyzer, the license's end.</summary>
        public LicenseFinding[] Findings { get; set; } = Array.Empty<LicenseFinding>();

        /// <summary>Each pool's trend over the site's last runs and the month it runs out at that rate.</summary>
        public PoolTrend[] Trends { get; set; } = Array.Empty<PoolTrend>();
        public string? JournalPath { get; set; }

        /// <summary>The license the site runs on (serial, fingerprint of the signed key); null when it was not read.</summary>
        public SiteLicense? License { get; set; }

        /// <summary>The other sites of the run on the same license (same serial or signed key): their seats are counted once.</summary>
        public string[] SharesLicenseWith { get; set; } = Array.Empty<string>();

        /// <summary>Steps, or parts of them, that could not run, in plain words (a log folder not found, no log read); the rest still ran.</summary>
        public string[] Problems { get; set; } = Array.Empty<string>();

        /// <summary>This site's last runs, oldest first, this run last (marked Preview and not recorded when -WhatIf held the changes back).</summary>
        public LicenseHistoryEntry[] History { get; set; } = Array.Empty<LicenseHistoryEntry>();

        /// <summary>The maintenance history the trend was read from and, unless -WhatIf held the changes back, the run added to.</summary>
        public string? HistoryPath { get; set; }

        /// <summary>Where the HTML report was written, if it was.</summary>
        public string? ReportPath { get; set; }

        public override string ToString() =>
            $"{Site}: {Candidates.Length} to release, {Denials.Length} denied, {Changes.Length} changed" + (Problems.Length > 0 ? $", {Problems.Length} problem(s)" : string.Empty) +
            (NotCovered.Length > 0 ? $", {NotCovered.Length} not covered" : string.Empty);
    }
}
