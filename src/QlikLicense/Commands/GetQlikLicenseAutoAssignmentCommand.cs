using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseAutoAssignment")]
    [OutputType(typeof(LicenseAutoAssignment))]
    public sealed class GetQlikLicenseAutoAssignmentCommand : ConnectedCmdletBase
    {
        protected override Type RequiredPart => typeof(IAutoAssignmentSite);

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            Guard(connection.Site, () => WriteObject(AutoAssignmentChange.Read(connection, Call)));
        }
    }
}
