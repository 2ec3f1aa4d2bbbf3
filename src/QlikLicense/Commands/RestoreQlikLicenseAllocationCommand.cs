using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsData.Restore, "QlikLicenseAllocation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(AllocationChangeResult))]
    public sealed class RestoreQlikLicenseAllocationCommand : AllocationGrantCmdletBase
    {
        private const string PathSet = "Path";
        private const string InputObjectSet = "InputObject";

        private readonly List<JournalRecord> piped = new List<JournalRecord>();

        /// <summary>The journal that Remove-QlikLicenseAllocation wrote; the restore is recorded in it too.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; } = string.Empty;

        /// <summary>Records from Get-QlikLicenseJournal.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public JournalRecord[] InputObject { get; set; } = Array.Empty<JournalRecord>();

        /// <summary>Only releases at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        protected override string ActionFor(GrantStep step) => $"Restore {Model.ModelMessages.Access(step.Type)}";

        protected override string JournalPathFor(GrantStep step, QlikConnection site) => step.Request.Release?.JournalPath ?? LicenseJournal.DefaultPath(site.Site);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet) piped.AddRange(InputObject.Where(record => record != null));
        }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var operations = ParameterSetName == PathSet ? ReadJournalOrStop(SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath), Messages.Journals.NothingRestored) : JournalOperations.Combine(piped);
            var sinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null;
            var selection = JournalRestore.Select(operations, connection.Site, sinceUtc);

            foreach (var release in selection.OtherSite)
                WriteError(new ErrorRecord(new InvalidOperationException(Messages.Journals.ReleaseOfOtherSite(release.Description, release.Site, connection.Site)),
                    ErrorIds.JournalSiteMismatch, ErrorCategory.InvalidData, release));
            WriteVerbose($"{selection.ToRestore.Count} to restore; left alone: {selection.BeforeSince} before -Since, {selection.NotReleased} that released nothing, " +
                         $"{selection.RestoredBefore} restored before, {selection.Superseded} covered by a later release of the same user, {selection.OtherSite.Count} of another site.");

            Grant(connection, selection.ToRestore.Select(GrantRequest.ForRelease).ToList());
        }
    }
}
