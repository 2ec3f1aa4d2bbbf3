using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikConnection")]
    [OutputType(typeof(QlikConnection))]
    public sealed class GetQlikConnectionCommand : QlikCmdletBase
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionRegistry.Default;
            if (connection == null)
                WriteError(new ErrorRecord(new ItemNotFoundException(Messages.Connections.NotConnected),
                    ErrorIds.NotConnected, ErrorCategory.ObjectNotFound, null));
            else
                WriteObject(connection);
        }
    }
}
