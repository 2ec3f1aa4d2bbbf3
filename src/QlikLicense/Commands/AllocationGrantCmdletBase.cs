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

        /// <summary>The journal (a file system path) a step's change is recorded in.</summary>
        protected abstract string JournalPathFor(GrantStep step, QlikConnection connection);

        /// <summary>On a Qlik Cloud tenant, how many allocations one add batch action carries at most; null for the tenant's largest.</summary>
        protected virtual int? GrantBatchSize => null;

        protected void Grant(QlikConnection connection, IReadOnlyList<GrantRequest> requests)
        {
            var options = new GrantOptions
            {
                ActionFor = ActionFor,
                JournalPathFor = step => JournalPathFor(step, connection),
                OpenJournal = path => OpenOperationJournal(null, path, Messages.Journals.NothingAllocated),
                BatchSize = GrantBatchSize,
            };
            RunOperation(connection.Site, () => new AllocationGrant(connection).Run(requests, options, this, Call));
        }
    }
}
