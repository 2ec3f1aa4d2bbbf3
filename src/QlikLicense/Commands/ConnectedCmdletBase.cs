using System;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The base of every cmdlet that works on a site: it declares -Connection once (bound by property name too, so a
    /// piped object's own connection is used) and resolves it.
    /// </summary>
    public abstract class ConnectedCmdletBase : QlikCmdletBase
    {
        /// <summary>The connection to use; the session's default when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public QlikConnection? Connection { get; set; }

        /// <summary>-Connection, else the session's default; stops the command when there is none or it was closed.</summary>
        protected QlikConnection ResolveConnection() => ResolveConnection(Connection);

        /// <summary>The connection given, else the session's default; stops the command when there is none or it was closed.</summary>
        protected QlikConnection ResolveConnection(QlikConnection? given)
        {
            var connection = given ?? ConnectionRegistry.Default;
            if (connection == null)
                throw Terminate(new ErrorRecord(
                    new InvalidOperationException(Messages.Connections.NotConnectedNorGiven),
                    ErrorIds.NotConnected, ErrorCategory.ConnectionError, null));
            if (connection.IsDisposed)
                throw Terminate(new ErrorRecord(
                    new InvalidOperationException(Messages.Connections.Closed(connection.Site)),
                    ErrorIds.ConnectionClosed, ErrorCategory.ConnectionError, connection));
            if (connection.Kind == SiteKind.QlikCloud && NotOnQlikCloud != null)
                throw Terminate(new ErrorRecord(
                    new NotSupportedException(Messages.Connections.NotSupportedOnQlikCloud(MyInvocation.MyCommand.Name, connection.Site, NotOnQlikCloud)),
                    ErrorIds.NotSupportedOnQlikCloud, ErrorCategory.NotImplemented, connection));
            return connection;
        }

        /// <summary>Stops the command unless <paramref name="connection"/> is a Qlik Cloud tenant (for the cmdlets of tenant-only concepts).</summary>
        protected QlikConnection ResolveTenant(QlikConnection connection)
        {
            if (connection.Kind != SiteKind.QlikCloud)
                throw Terminate(new ErrorRecord(
                    new NotSupportedException(Messages.Connections.OnlyOnQlikCloud(MyInvocation.MyCommand.Name, connection.Site)),
                    ErrorIds.NotSupportedOnQlikSense, ErrorCategory.NotImplemented, connection));
            return connection;
        }

        /// <summary>
        /// For a cmdlet whose concept a Qlik Cloud tenant lacks (license rules, QMC-only steps): what to do instead, said in
        /// its NotSupportedOnQlikCloud error; null where the cmdlet works on a tenant.
        /// </summary>
        protected virtual string? NotOnQlikCloud => null;
    }
}
