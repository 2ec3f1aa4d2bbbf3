using System;
using System.IO;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseJournal")]
    [OutputType(typeof(JournalRecord))]
    public sealed class GetQlikLicenseJournalCommand : ConnectedCmdletBase
    {
        /// <summary>The journal file; by default the connection's site journal under the user's local application data.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [Alias("JournalPath")]
        public string Path { get; set; }

        /// <summary>Only operations at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        protected override void ProcessRecord()
        {
            var path = Path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path) : LicenseJournal.DefaultPath(ResolveConnection().Site);
            JournalContent content;
            try
            {
                content = JournalOperations.Read(path, CancellationToken);
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"The journal '{path}' does not exist.", path, error), ErrorIds.JournalNotFound, ErrorCategory.ObjectNotFound, path));
                return;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException($"Cannot read the journal '{path}': {error.Message}", error), ErrorIds.JournalNotReadable, ErrorCategory.ReadError, path));
                return;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (content.Warning != null) WriteWarning(content.Warning);
            foreach (var problem in content.Problems) WriteVerbose(problem.ToString());
            var sinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null;
            foreach (var operation in content.Operations)
                if (sinceUtc == null || operation.Time >= sinceUtc.Value) WriteObject(operation);
        }
    }
}
