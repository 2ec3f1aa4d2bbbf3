using System;
using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseAllocation")]
    [OutputType(typeof(LicenseAllocation))]
    public sealed class GetQlikLicenseAllocationCommand : ConnectedCmdletBase
    {
        /// <summary>The per-user access types to list; by default every one the site's licence runs.</summary>
        [Parameter(Position = 0)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType[]? Type { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? UserId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserDirectoryCompleter))]
        public string? UserDirectory { get; set; }

        /// <summary>Only allocations last used before this date (your time zone unless the DateTime says UTC), or never used.</summary>
        [Parameter]
        public DateTime UnusedSince { get; set; }

        /// <summary>Only allocations in quarantine.</summary>
        [Parameter]
        public SwitchParameter Quarantined { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var filter = new AllocationFilter
            {
                UserId = UserId,
                UserDirectory = UserDirectory,
                UnusedSinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(UnusedSince)) ? QlikDates.ToUtc(UnusedSince) : (DateTime?)null,
                Quarantined = Quarantined ? true : (bool?)null,
            };
            IReadOnlyList<LicenseAccessType> types = Array.Empty<LicenseAccessType>();
            Guard(connection.Site, () => types = SiteAccessTypes.PerUser(connection, Type, Call));
            foreach (var type in types)
                Guard(type, () =>
                {
                    foreach (var allocation in connection.SiteApi.ReadAllocations(type, filter, Call)) WriteObject(allocation);
                });
        }
    }
}
