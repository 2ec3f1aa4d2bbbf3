using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Remove, "QlikLicenseAllocation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(AllocationChangeResult))]
    public sealed class RemoveQlikLicenseAllocationCommand : ConnectedCmdletBase
    {
        private const string InputObjectSet = "InputObject";
        private const string IdSet = "Id";
        private readonly List<LicenseAllocation> pending = new List<LicenseAllocation>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public LicenseAllocation[] InputObject { get; set; } = Array.Empty<LicenseAllocation>();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("AllocationId")]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType Type { get; set; }

        /// <summary>The journal file; by default one per site under the user's local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Refuses to remove more than this many in one call, so a wrong filter cannot empty the site.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaximumCount { get; set; } = 100;

        /// <summary>DELETEs in flight at once, after every confirmation has been answered.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = ReleaseOperation.DefaultThrottleLimit;

        /// <summary>
        /// On a Qlik Cloud tenant: how many releases one delete batch action carries at most (the tenant's largest batch
        /// is unconfirmed); on a Qlik Sense site -ThrottleLimit applies instead.
        /// </summary>
        [Parameter]
        [ValidateRange(1, CloudBatchLimit)]
        public int BatchSize { get; set; } = CloudBatchLimit;

        private const int CloudBatchLimit = Cloud.CloudConnectionSettings.MaximumBatchSize;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                var fallback = InputObject.Any(allocation => allocation.Connection == null) ? ResolveConnection() : null;
                foreach (var allocation in InputObject)
                {
                    allocation.Connection = allocation.Connection ?? fallback;
                    pending.Add(allocation);
                }
                return;
            }

            var connection = ResolveConnection();
            foreach (var id in Id)
            {
                Guard(id, () =>
                {
                    var allocation = Wait(connection.SiteApi.FindAllocationAsync(Type, id, Call));
                    if (allocation == null)
                        WriteError(new ErrorRecord(new ItemNotFoundException(Messages.Allocations.AllocationNotFound(connection.Site, Type, id)),
                            ErrorIds.AllocationNotFound, ErrorCategory.ObjectNotFound, id));
                    else
                        pending.Add(allocation);
                });
            }
        }

        protected override void EndProcessing()
        {
            var removal = new ReleaseOperation(this)
            {
                JournalPath = FileSystemPath(JournalPath),
                MaximumCount = MaximumCount,
                ThrottleLimit = ThrottleLimit,
                BatchSize = MyInvocation.BoundParameters.ContainsKey(nameof(BatchSize)) ? BatchSize : (int?)null,
            };
            RunOperation(null, () => removal.Run(pending, Call, CancellationToken));
        }
    }
}
