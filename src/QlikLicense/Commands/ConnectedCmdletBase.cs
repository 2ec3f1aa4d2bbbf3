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
            if (RequiredPart != null && !RequiredPart.IsInstanceOfType(connection.SiteApi))
                // Named by the kind of site the cmdlet cannot work on.
                throw Terminate(connection.Kind == SiteKind.QlikCloud
                    ? new ErrorRecord(new NotSupportedException(Messages.Connections.NotSupportedOnQlikCloud(MyInvocation.MyCommand.Name, connection.Site, Instead)),
                        ErrorIds.NotSupportedOnQlikCloud, ErrorCategory.NotImplemented, connection)
                    : new ErrorRecord(new NotSupportedException(Messages.Connections.OnlyOnQlikCloud(MyInvocation.MyCommand.Name, connection.Site)),
                        ErrorIds.NotSupportedOnQlikSense, ErrorCategory.NotImplemented, connection));
            return connection;
        }

        /// <summary>
        /// The optional part of the site seam the cmdlet's concept needs (license rules, automatic assignment); null where any
        /// site will do. A site without it stops the command.
        /// </summary>
        protected virtual Type? RequiredPart => null;

        /// <summary>What to do instead on a site without <see cref="RequiredPart"/>, said in the error.</summary>
        protected virtual string? Instead => null;
    }
}
