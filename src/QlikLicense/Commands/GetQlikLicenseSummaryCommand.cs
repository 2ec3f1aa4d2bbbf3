using System.Linq;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseSummary")]
    [OutputType(typeof(LicenseSummary))]
    public sealed class GetQlikLicenseSummaryCommand : ConnectedCmdletBase
    {
        [Parameter(Position = 0)]
        public LicenseAccessType[] Type { get; set; } = { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            Guard(connection.Site, () =>
            {
                foreach (var summary in Wait(connection.SiteApi.ReadSummaryAsync(Call)).Where(summary => Type.Contains(summary.Type)))
                    WriteObject(summary);
            });
        }
    }
}
