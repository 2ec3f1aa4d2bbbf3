using System.Collections.Generic;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>What Add- and Restore-QlikLicenseAllocation share: the engine's grant, with their own action text and journal.</summary>
    public abstract class AllocationGrantCmdletBase : ConnectedCmdletBase
    {
        /// <summary>The ShouldProcess action for a step, e.g. "Allocate Analyzer access".</summary>
        protected abstract string ActionFor(GrantStep step);

        /// <summary>The journal a step's POST is recorded in; null for none.</summary>
        protected virtual string JournalPathFor(GrantStep step) => null;

        protected void Grant(QlikConnection connection, IReadOnlyList<GrantRequest> requests)
        {
            var options = new GrantOptions
            {
                ActionFor = ActionFor,
                JournalPathFor = JournalPathFor,
                OpenJournal = path => OpenJournal(null, path, "Nothing more was allocated."),
            };
            RunOperation(connection.Site, () => new AllocationGrant(connection).Run(requests, options, this, Call));
        }
    }
}
