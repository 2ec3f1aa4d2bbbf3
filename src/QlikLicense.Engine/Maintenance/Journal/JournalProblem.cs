namespace QlikLicense.Maintenance.Journal
{
    /// <summary>A journal line that could not be read.</summary>
    public sealed class JournalProblem
    {
        public JournalProblem(string path, int lineNumber, string problem)
        {
            Path = path;
            LineNumber = lineNumber;
            Problem = problem;
        }

        public string Path { get; }
        public int LineNumber { get; }
        public string Problem { get; }
        public override string ToString() => $"{Path}:{LineNumber}: {Problem}";
    }
}
