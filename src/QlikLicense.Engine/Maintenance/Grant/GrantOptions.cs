using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>How Add-QlikLicenseAllocation and the routine allocate: the confirmation's wording and the journal.</summary>
    public sealed class GrantOptions
    {
        /// <summary>The confirmation's action for a step, e.g. "Allocate Analyzer access".</summary>
        public Func<GrantStep, string> ActionFor { get; set; } = step => ModelMessages.AllocateAction(step.Type);

        /// <summary>The journal the user chose (a file-system path); null for the site's journal.</summary>
        public string? JournalPath { get; set; }

        /// <summary>
        /// On a site whose changes travel in batches (<see cref="Model.IBatchedChangeSite"/>, a tenant): how many
        /// allocations one request carries at most (null: the site's largest batch). Elsewhere allocations go one at a time.
        /// </summary>
        public int? BatchSize { get; set; }
    }
}
