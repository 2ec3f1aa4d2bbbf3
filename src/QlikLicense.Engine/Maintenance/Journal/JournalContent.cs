using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Journal
{
    /// <summary>A journal read as operations, with the lines that could not be read.</summary>
    public sealed class JournalContent
    {
        public JournalContent(string path, IReadOnlyList<JournalRecord> operations, IReadOnlyList<JournalProblem> problems)
        {
            Path = path;
            Operations = operations;
            Problems = problems;
        }

        public string Path { get; }
        public IReadOnlyList<JournalRecord> Operations { get; }
        public IReadOnlyList<JournalProblem> Problems { get; }

        /// <summary>One line for all unreadable lines (the details go to the verbose stream); null when there are none.</summary>
        public string? Warning => Problems.Count == 0 ? null : MaintenanceMessages.Journal.LinesSkipped(Path, Problems.Count);
    }
}
