namespace QlikLicense.Logs
{
    public sealed class SkippedLogFile
    {
        public SkippedLogFile(string path, LogFileSkipReason reason, string detail)
        {
            Path = path;
            Reason = reason;
            Detail = detail;
        }

        public string Path { get; }
        public LogFileSkipReason Reason { get; }
        public string Detail { get; }

        public override string ToString() => $"{Path}: {Detail}";
    }
}
