using System;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsDiagnostic.Test, "QlikLicenseMonitor")]
    [OutputType(typeof(LicenseMonitorStatus))]
    public sealed class TestQlikLicenseMonitorCommand : ConnectedCmdletBase
    {
        /// <summary>Below this, a value is almost surely a number PowerShell read as ticks (-MaximumAge 3 is 3 ticks).</summary>
        private static readonly TimeSpan SmallestMaximumAge = TimeSpan.FromMinutes(1);

        /// <summary>How old the app's data may be and still count as current.</summary>
        [Parameter(Position = 0)]
        public TimeSpan MaximumAge { get; set; } = LicenseMonitorStatus.DefaultMaximumAge;

        protected override void ProcessRecord()
        {
            if (MaximumAge < SmallestMaximumAge)
                throw Terminate(new ErrorRecord(
                    new ArgumentException(Messages.Allocations.MaximumAgeTooShort(MaximumAge)),
                    ErrorIds.InvalidMaximumAge, ErrorCategory.InvalidArgument, MaximumAge));

            var connection = ResolveConnection();
            Guard(connection.Site, () => WriteObject(connection.SiteApi.CheckLicenseMonitor(MaximumAge, DateTime.UtcNow, Call)));
        }
    }
}
