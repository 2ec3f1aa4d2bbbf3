using System;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>How Add-QlikLicenseAllocation and the routine allocate: the confirmation's wording and the journal.</summary>
    public sealed class GrantOptions
    {
        /// <summary>The confirmation's action for a step, e.g. "Allocate Analyzer access".</summary>
        public Func<GrantStep, string> ActionFor { get; set; } = step => $"Allocate {step.Type} access";

        /// <summary>The journal the user chose (a file-system path); null for the site's journal.</summary>
        public string? JournalPath { get; set; }
    }
}
