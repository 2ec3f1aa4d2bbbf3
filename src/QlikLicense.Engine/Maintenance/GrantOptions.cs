using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>What differs between allocating (Add-QlikLicenseAllocation) and restoring (Restore-QlikLicenseAllocation).</summary>
    public sealed class GrantOptions
    {
        /// <summary>The confirmation's action for a step, e.g. "Allocate Analyzer access".</summary>
        public Func<GrantStep, string> ActionFor { get; set; } = step => ModelMessages.AllocateAction(step.Type);

        /// <summary>The journal (a file-system path) a step's change is recorded in; null for none.</summary>
        public Func<GrantStep, string?> JournalPathFor { get; set; } = step => null;

        /// <summary>
        /// On a site whose changes travel in batches (<see cref="Model.IBatchedChangeSite"/>, a tenant): how many
        /// allocations one request carries at most (null: the site's largest batch). Elsewhere allocations go one at a time.
        /// </summary>
        public int? BatchSize { get; set; }

        /// <summary>Opens a journal to write; throws when it cannot, and nothing more is allocated.</summary>
        public Func<string, LicenseJournal> OpenJournal { get; set; } = path => new LicenseJournal(path);
    }
}
