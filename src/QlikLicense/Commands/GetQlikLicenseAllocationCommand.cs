using System;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseAllocation")]
    [OutputType(typeof(LicenseAllocation))]
    public sealed class GetQlikLicenseAllocationCommand : ConnectedCmdletBase
    {
        [Parameter(Position = 0)]
        public LicenseAccessType[] Type { get; set; } = { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

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
            foreach (var type in Type)
                Guard(type, () =>
                {
                    foreach (var allocation in connection.SiteApi.ReadAllocations(type, filter, Call)) WriteObject(allocation);
                });
        }
    }
}
