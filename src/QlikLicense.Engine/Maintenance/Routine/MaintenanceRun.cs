using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// The routine on several sites in one run, as Invoke-QlikLicenseMaintenance does it: up to <see cref="ThrottleLimit"/>
    /// sites at once, each routine on a worker thread whose host calls run on the caller's thread, one at a time (so
    /// prompts, -WhatIf and the streams only ever see that thread). A site that fails is reported in its own report and
    /// the others finish; a site that never ran (it did not connect) has a report with its problem; sites sharing a
    /// license are marked.
    /// </summary>
    public sealed class MaintenanceRun
    {
        private readonly IOperationHost host;
        private readonly MaintenanceOptions options;

        public MaintenanceRun(IOperationHost host, MaintenanceOptions options)
        {
            this.host = host;
            this.options = options;
        }

        /// <summary>Sites run at once.</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>
        /// Runs the routine on every connection (call it on the thread the host belongs to) and returns one report per
        /// site, in the order given, then one per site that did not run. The first failure no host call could report (a
        /// stop, a prompt answered "Suspend", a bug) is thrown once every site has finished.
        /// </summary>
        /// <param name="notRun">Sites that did not run (a sites file's entry that did not connect): the site's name and why.</param>
        public IReadOnlyList<MaintenanceReport> Run(IReadOnlyList<QlikConnection> connections, IReadOnlyList<(string Site, string Problem)> notRun,
            SiteCall call, CancellationToken stop)
        {
            var usedElsewhere = UsedOnSharedSites(connections, call);
            var reports = new MaintenanceReport?[connections.Count];
            using (var dispatcher = new CallerThreadDispatcher())
            {
                var runs = dispatcher.RunAll(connections, ThrottleLimit, (connection, index) =>
                    reports[index] = RunSite(connection, usedElsewhere.TryGetValue(connection, out var used) ? used : null,
                        new DispatchedHost(host, dispatcher, connections.Count > 1 ? connection.Site : null, index), call, stop));
                var failure = runs.Where(run => run.IsFaulted).Select(run => run.Exception?.InnerException).FirstOrDefault();
                if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
            }
            var finished = reports.OfType<MaintenanceReport>().Concat(notRun.Select(site => ProblemReport(site.Site, site.Problem))).ToList();
            SharedLicenses.Mark(finished);
            return finished;
        }

        /// <summary>
        /// When the run finds allocations unused for some days on several sites: per site on a license another site of the
        /// run shares, whom those sites saw since (<see cref="SharedLicenseUse"/>), so an allocation unused on one site is
        /// not released while its holder uses another. Read before the routines start, on the caller's thread.
        /// </summary>
        private IReadOnlyDictionary<QlikConnection, Func<string?, string?, bool>> UsedOnSharedSites(IReadOnlyList<QlikConnection> connections, SiteCall call) =>
            connections.Count > 1 && options.Criteria.UnusedSinceUtc is DateTime since
                ? SharedLicenseUse.Read(connections, options.Criteria.Types ?? LicenseAccessTypes.PerUser, since, host, call)
                : new Dictionary<QlikConnection, Func<string?, string?, bool>>();

        /// <summary>The routine on one site, on a worker thread; what stops the site is its problem, and the other sites go on.</summary>
        private MaintenanceReport RunSite(QlikConnection connection, Func<string?, string?, bool>? usedOnSharedSite, IOperationHost siteHost,
            SiteCall call, CancellationToken stop)
        {
            try
            {
                return new MaintenanceRoutine(connection, siteHost, options) { UsedOnSharedSite = usedOnSharedSite }.Run(call, stop);
            }
            catch (Exception error) when (error is SiteException || error is OperationException)
            {
                var problem = error is OperationException stopped ? stopped.Problem : new OperationProblem(ProblemKind.SiteRequestFailed, error, connection.Site);
                siteHost.Problem(problem);
                return ProblemReport(connection.Site, error.Message);
            }
        }

        /// <summary>The report of a site the routine could not run on.</summary>
        private MaintenanceReport ProblemReport(string site, string problem) => new MaintenanceReport
        {
            Site = site,
            ModuleVersion = QlikLicense.ModuleVersion.Current,
            GeneratedAt = DateTime.UtcNow,
            WhatIf = options.WhatIf,
            Problems = new[] { problem },
        };
    }
}
