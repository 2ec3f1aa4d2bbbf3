using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseSummary")]
    [OutputType(typeof(LicenseSummary))]
    public sealed class GetQlikLicenseSummaryCommand : QlikCmdlet
    {
        [Parameter(Position = 0)]
        public LicenseAccessType[] Type { get; set; } = { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public QlikConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection);
            Guard(connection.Site, () =>
            {
                foreach (var summary in Wait(connection.Endpoint.ReadSummaryAsync(Call)).Where(summary => Type.Contains(summary.Type)))
                    WriteObject(summary);
            });
        }
    }
}
