using System.Linq;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseSummary")]
    [OutputType(typeof(LicenseSummary))]
    public sealed class GetQlikLicenseSummaryCommand : ConnectedCmdletBase
    {
        /// <summary>The access types to show; by default every one the site's licence offers.</summary>
        [Parameter(Position = 0)]
        public LicenseAccessType[]? Type { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            Guard(connection.Site, () =>
            {
                foreach (var summary in Wait(connection.SiteApi.ReadSummaryAsync(Call)).Where(summary => Type == null ? summary.Enabled != false : Type.Contains(summary.Type)))
                    WriteObject(summary);
            });
        }
    }
}
