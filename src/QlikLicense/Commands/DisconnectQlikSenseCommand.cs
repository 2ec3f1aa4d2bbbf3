using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommunications.Disconnect, "QlikSense")]
    [OutputType(typeof(void))]
    public sealed class DisconnectQlikSenseCommand : QlikCmdletBase
    {
        /// <summary>The connection to close; the session's default when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public QlikConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? ConnectionRegistry.Default;
            if (connection == null) return;
            if (ReferenceEquals(connection, ConnectionRegistry.Default)) ConnectionRegistry.Default = null;
            connection.Dispose();
            WriteVerbose($"Disconnected from {connection.Site}.");
        }
    }
}
