using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    public abstract partial class QlikCmdletBase
    {
        /// <summary>
        /// Connects to every site of a sites file (a PowerShell path), one after the other. A bad entry or a site that
        /// cannot be reached gives an error record about its entry, and the other sites still connect; a file that
        /// cannot be read at all stops the command. The caller owns (and disposes) the connections; the sites that did
        /// not connect are returned with their error records (already written).
        /// </summary>
        protected (IReadOnlyList<QlikConnection> Connected, IReadOnlyList<(SiteEntry Site, ErrorRecord Error)> Failed) ConnectSitesFile(string sitesFile)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(sitesFile);
            (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<OperationProblem> Problems) content;
            try
            {
                content = SitesFile.Read(path);
            }
            catch (ConnectionSetupException error)
            {
                throw Terminate(error.Record);
            }
            var failed = new List<(SiteEntry, ErrorRecord)>();
            void Fail(SiteEntry site, ErrorRecord error)
            {
                WriteError(error);
                failed.Add((site, error));
            }
            foreach (var problem in content.Problems) Fail((SiteEntry)problem.Target!, ErrorFor(problem));
            var connections = new List<QlikConnection>();
            foreach (var site in content.Sites)
            {
                try
                {
                    var connection = Wait(QrsSite.ConnectAsync(SiteEntryConnection.Settings(site), Call));
                    WriteVerbose($"Site {site.Label}: connected to {connection.Site} (Qlik Sense {connection.ServerVersion}) with {connection.Authentication}.");
                    connections.Add(connection);
                }
                catch (ConnectionSetupException error)
                {
                    Fail(site, error.Record);
                }
                catch (QrsException error)
                {
                    Fail(site, SiteEntryConnection.About(site, ErrorFor(error, site)));
                }
                catch
                {
                    // Ctrl+C: the sites connected so far are nobody else's to close.
                    foreach (var connection in connections) connection.Dispose();
                    throw;
                }
            }
            return (connections, failed);
        }
    }
}
