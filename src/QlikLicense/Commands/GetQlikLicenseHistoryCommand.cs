using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Commands
{
    /// <summary>Reads the maintenance history: one entry per run of Invoke-QlikLicenseMaintenance per site. No request is sent to a site.</summary>
    [Cmdlet(VerbsCommon.Get, "QlikLicenseHistory")]
    [OutputType(typeof(LicenseHistoryEntry))]
    public sealed class GetQlikLicenseHistoryCommand : QlikCmdletBase
    {
        private readonly List<WildcardPattern> sites = new List<WildcardPattern>();

        /// <summary>The history file; by default history.jsonl beside the routine's state.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [Alias("HistoryPath")]
        public string? Path { get; set; }

        /// <summary>Only these sites (server:port or server:port/prefix, wildcards allowed); piped connections and reports bind by their Site.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Site { get; set; }

        /// <summary>Only the last runs of each site.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var site in Site ?? Array.Empty<string>())
                sites.Add(new WildcardPattern(site, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
        }

        protected override void EndProcessing()
        {
            var path = HistoryPathOrDefault(Path);
            var problems = new List<JournalProblem>();
            IReadOnlyList<LicenseHistoryEntry> entries;
            try
            {
                var wanted = MaintenanceHistory.Read(path, problems.Add, CancellationToken).Where(entry => sites.Count == 0 || sites.Any(site => site.IsMatch(entry.Site)));
                entries = MaintenanceHistory.LastPerSite(wanted, Last > 0 ? Last : (int?)null);
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
            {
                WriteError(new ErrorRecord(new FileNotFoundException(Messages.History.NotFound(path), path, error), ErrorIds.HistoryNotFound, ErrorCategory.ObjectNotFound, path));
                return;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException(MaintenanceMessages.History.NotReadable(path, error.Message), error), ErrorIds.HistoryNotReadable, ErrorCategory.ReadError, path));
                return;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            foreach (var problem in problems) WriteVerbose(problem.ToString());
            if (problems.Count > 0) WriteWarning(MaintenanceMessages.History.LinesSkipped(path, problems.Count));
            WriteObject(entries, enumerateCollection: true);
        }
    }
}
