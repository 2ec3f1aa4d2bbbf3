using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

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
        public string? Path { get; set; }

        /// <summary>Only changes at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Only changes at or before this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Until { get; set; }

        /// <summary>Only these kinds of change.</summary>
        [Parameter]
        [ValidateSet("Release", "Restore", "Allocate", "RuleCreate", "RuleChange", "RuleRemove")]
        public JournalEvent[]? Kind { get; set; }

        /// <summary>Only allocation changes of users whose DIRECTORY\userId or user id matches (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserId { get; set; }

        /// <summary>Only changes of license rules whose name (before or after the change) matches (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RuleName { get; set; }

        protected override void ProcessRecord()
        {
            var path = Path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path) : LicenseJournal.DefaultPath(ResolveConnection().Site);
            var filter = new JournalFilter
            {
                SinceUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : (DateTime?)null,
                UntilUtc = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? QlikDates.ToUtc(Until) : (DateTime?)null,
                Kinds = Kind,
                UserMatches = Matcher(UserId),
                RuleMatches = Matcher(RuleName),
            };
            IEnumerable<JournalRecord> operations = Read(path);
            // Format 1 journals kept rule changes in a file of their own beside the site's journal.
            var rulesJournal = System.IO.Path.ChangeExtension(path, ".rules.jsonl");
            if (Path == null && File.Exists(rulesJournal))
                operations = operations.Concat(Read(rulesJournal)).OrderBy(operation => operation.Time);
            foreach (var operation in operations.Where(filter.Matches)) WriteObject(operation);
        }

        /// <summary>A journal's operations; one that cannot be read is an error, and the command goes on.</summary>
        private IReadOnlyList<JournalRecord> Read(string path)
        {
            try
            {
                return JournalOperations.Read(path, this, string.Empty, CancellationToken);
            }
            catch (OperationException error)
            {
                WriteError(ErrorFor(error.Problem));
                return Array.Empty<JournalRecord>();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private static Func<string, bool>? Matcher(string? pattern)
        {
            if (pattern == null) return null;
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return wildcard.IsMatch;
        }
    }
}
