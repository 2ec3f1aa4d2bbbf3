using QlikLicense.Hosting;
using System.Globalization;
using System.Text;

namespace QlikLicense.Benchmarks.Denials;

/// <summary>What <see cref="LogGenerator"/> wrote.</summary>
public sealed record GeneratedLogs(IReadOnlyList<string> Files, long Bytes, long Lines, long DenialLines, long LicenseUserAccessLines);

/// <summary>
/// Writes Qlik Sense logs of a given total size from the layouts of the test fixtures
/// (tests/QlikLicense.Tests/Fixtures/logs): each fixture log that can record a denial is a template whose header,
/// BOM, line ending and lines are kept, while every written line gets its own sequence number, time, line id and
/// session/package ids so that no two lines are copies of each other. A set share of the lines are the templates'
/// denial lines, the rest their other lines, so memory is tested against a site's mix rather than denials only.
/// Deterministic for a seed.
/// </summary>
public static class LogGenerator
{
    /// <summary>Rolled files are cut at about this size, as the services roll theirs.</summary>
    private const long MaxFileBytes = 128L * 1024 * 1024;

    /// <summary>Time between two lines of one file.</summary>
    private static readonly TimeSpan LineInterval = TimeSpan.FromMilliseconds(250);

    private static readonly DateTime FirstLineTime = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// Runs <paramref name="measure"/> on <paramref name="folder"/>, or, without one, on logs generated from the test
    /// fixtures into a temporary folder that is deleted afterwards.
    /// </summary>
    public static async Task<int> OnLogsAsync(string? folder, long totalBytes, double denialShare, Func<string, Task<int>> measure)
    {
        if (folder != null) return await measure(folder);
        var generatedFolder = Directory.CreateTempSubdirectory("qliklicense-bench-logs-").FullName;
        try
        {
            var generated = Generate(Path.Combine(RepositoryPaths.Root, "tests", "QlikLicense.Tests", "Fixtures", "logs"), generatedFolder, totalBytes, denialShare);
            Console.WriteLine($"Generated {generated.Files.Count} files, {Report.Megabytes(generated.Bytes)} MB, {generated.DenialLines:N0} denial lines in {generatedFolder}.");
            return await measure(generatedFolder);
        }
        finally
        {
            Directory.Delete(generatedFolder, recursive: true);
        }
    }

    public static GeneratedLogs Generate(string templateFolder, string targetFolder, long totalBytes, double denialShare, int seed = 1)
    {
        var templates = Directory.EnumerateFiles(templateFolder, "*", SearchOption.AllDirectories)
            .Select(path => LogTemplate.TryLoad(path, Path.GetRelativePath(templateFolder, Path.GetDirectoryName(path)!)))
            .Where(template => template != null)
            .OrderBy(template => template.RelativeFolder, StringComparer.Ordinal).ThenBy(template => template.BaseName, StringComparer.Ordinal)
            .ToList();
        if (templates.Count == 0) throw new InvalidOperationException($"No fixture log under {templateFolder} can record a denial.");

        var random = new Random(seed);
        var files = new List<string>();
        long bytes = 0, lines = 0, denials = 0, licenseUserAccess = 0;
        var perTemplate = totalBytes / templates.Count;
        foreach (var template in templates)
        {
            var folder = Path.Combine(targetFolder, template.RelativeFolder);
            Directory.CreateDirectory(folder);
            var written = 0L;
            var lineTime = FirstLineTime;
            for (var part = 0; written < perTemplate; part++)
            {
                // Rolled-file names carry the UTC time the file was closed; one hour apart keeps them distinct.
                var path = Path.Combine(folder, $"{template.BaseName}_{FirstLineTime.AddHours(part):yyyy-MM-ddTHH.mm.ss}Z.log");
                var limit = Math.Min(MaxFileBytes, perTemplate - written);
                var file = WriteFile(path, template, limit, denialShare, random, ref lineTime);
                files.Add(path);
                written += file.Bytes;
                lines += file.Lines;
                denials += file.Denials;
                licenseUserAccess += file.LicenseUserAccess;
            }
            bytes += written;
        }
        return new GeneratedLogs(files, bytes, lines, denials, licenseUserAccess);
    }

    private static (long Bytes, long Lines, long Denials, long LicenseUserAccess) WriteFile(
        string path, LogTemplate template, long limit, double denialShare, Random random, ref DateTime lineTime)
    {
        var encoding = new UTF8Encoding(template.HasBom);
        using var writer = new StreamWriter(path, append: false, encoding, 1 << 20);
        var bytes = (long)encoding.Preamble.Length + encoding.GetByteCount(template.Header) + template.NewLine.Length;
        writer.Write(template.Header);
        writer.Write(template.NewLine);
        long lines = 0, denials = 0, licenseUserAccess = 0;
        var fields = new string[template.ColumnCount];
        while (bytes < limit)
        {
            var isDenial = random.NextDouble() < denialShare;
            var source = isDenial ? template.NextDenialLine() : template.NextOtherLine();
            source.Fields.CopyTo(fields, 0);
            template.Rewrite(fields, lines + 1, lineTime, random);
            var line = string.Join('\t', fields);
            writer.Write(line);
            writer.Write(template.NewLine);
            bytes += encoding.GetByteCount(line) + template.NewLine.Length;
            lineTime += LineInterval;
            lines++;
            if (isDenial) denials++;
            if (source.MentionsLicenseUserAccess) licenseUserAccess++;
        }
        return (bytes, lines, denials, licenseUserAccess);
    }

    /// <summary>One fixture log: its header and its lines split into denials and the rest.</summary>
    private sealed class LogTemplate
    {
        public const string LicenseUserAccess = "License user access";

        /// <summary>
        /// The markers of the three kinds of denial line (repository Command, License trace Operation, proxy result
        /// code), with Result 403 where the log has that column; used only to sort template lines, so that the
        /// scanner's count can be checked against what was written.
        /// </summary>
        private static readonly string[] DenialMarkers = [LicenseUserAccess, "UsageDenied", "NoAvailableAccessType"];

        private readonly TemplateLine[] denialLines;
        private readonly TemplateLine[] otherLines;
        private readonly int sequenceColumn, timestampColumn, idColumn, sessionColumn, packageColumn;
        private int nextDenial, nextOther;

        private LogTemplate(string relativeFolder, string baseName, bool hasBom, string newLine, string header, TemplateLine[] denialLines, TemplateLine[] otherLines)
        {
            RelativeFolder = relativeFolder;
            BaseName = baseName;
            HasBom = hasBom;
            NewLine = newLine;
            Header = header;
            this.denialLines = denialLines;
            this.otherLines = otherLines;
            var columns = header.Split('\t');
            ColumnCount = columns.Length;
            sequenceColumn = Array.IndexOf(columns, "Sequence#");
            timestampColumn = Array.IndexOf(columns, "Timestamp");
            idColumn = Array.IndexOf(columns, "Id");
            sessionColumn = Array.IndexOf(columns, "ProxySessionId");
            packageColumn = Array.IndexOf(columns, "ProxyPackageId");
        }

        public string RelativeFolder { get; }

        /// <summary>&lt;Machine&gt;_&lt;LogType&gt;_&lt;Service&gt;, without a rolled file's time stamp.</summary>
        public string BaseName { get; }
        public bool HasBom { get; }
        public string NewLine { get; }
        public string Header { get; }
        public int ColumnCount { get; }

        /// <summary>The template, or null for a file that is not a log able to record a denial (README, setup.log, Performance logs).</summary>
        public static LogTemplate TryLoad(string path, string relativeFolder)
        {
            var raw = File.ReadAllBytes(path);
            var hasBom = raw.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            var text = Encoding.UTF8.GetString(raw, hasBom ? 3 : 0, raw.Length - (hasBom ? 3 : 0));
            var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
            var header = lines[0];
            var columnCount = header.Split('\t').Length;
            if (!header.Split('\t').Contains("Timestamp")) return null;

            var records = lines.Skip(1).Select(line => line.Split('\t')).Where(fields => fields.Length == columnCount)
                .Select(fields => new TemplateLine(fields, Mentions(fields, LicenseUserAccess))).ToList();
            // A 'License user access' line with Result 0 is a granted license, not a denial.
            var result = Array.IndexOf(header.Split('\t'), "Result");
            var denials = records.Where(line => DenialMarkers.Any(marker => Mentions(line.Fields, marker)) && (result < 0 || line.Fields[result] == "403")).ToArray();
            if (denials.Length == 0) return null;
            var others = records.Except(denials).ToArray();
            if (others.Length == 0) others = [GrantedLine(header.Split('\t'), denials[0].Fields)];

            var name = Path.GetFileNameWithoutExtension(path);
            var stamp = name.LastIndexOf('_');
            if (stamp > 0 && name.EndsWith('Z') && DateTime.TryParseExact(name[(stamp + 1)..^1], "yyyy-MM-ddTHH.mm.ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                name = name[..stamp];
            return new LogTemplate(relativeFolder, name, hasBom, newLine, header, denials, others);
        }

        public TemplateLine NextDenialLine() => denialLines[nextDenial++ % denialLines.Length];

        public TemplateLine NextOtherLine() => otherLines[nextOther++ % otherLines.Length];

        /// <summary>Makes a template line a new line: its own sequence number, time (keeping the template's UTC offset) and ids.</summary>
        public void Rewrite(string[] fields, long sequence, DateTime localTime, Random random)
        {
            if (sequenceColumn >= 0) fields[sequenceColumn] = sequence.ToString(CultureInfo.InvariantCulture);
            if (timestampColumn >= 0)
            {
                var original = fields[timestampColumn];
                var offset = original.Length >= 5 ? original[^5..] : "+0000";
                fields[timestampColumn] = localTime.ToString("yyyyMMdd'T'HHmmss.fff", CultureInfo.InvariantCulture) + offset;
            }
            NewGuid(fields, idColumn, random);
            NewGuid(fields, sessionColumn, random);
            NewGuid(fields, packageColumn, random);
        }

        /// <summary>
        /// An ordinary line for a fixture that holds denials only (the repository security audits): the denial's
        /// fields with the outcome columns of a granted professional access, as real audit logs mostly hold.
        /// </summary>
        private static TemplateLine GrantedLine(string[] columns, string[] denial)
        {
            const string command = "License professional access";
            var fields = (string[])denial.Clone();
            void Set(string column, string value)
            {
                var index = Array.IndexOf(columns, column);
                if (index >= 0) fields[index] = value;
            }
            Set("Command", command);
            Set("Result", "0");
            Set("Description", $"Command={command};Result=0;ResultText=Success");
            Set("Message", "Access granted");
            Set("Operation", "UsageGranted");
            return new TemplateLine(fields, MentionsLicenseUserAccess: false);
        }

        private static bool Mentions(string[] fields, string text) => fields.Any(field => field.Contains(text, StringComparison.Ordinal));

        private static void NewGuid(string[] fields, int column, Random random)
        {
            if (column < 0 || !Guid.TryParse(fields[column], out _)) return;
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            fields[column] = new Guid(bytes).ToString("D");
        }
    }

    /// <summary>A template line's fields, and whether `grep 'License user access'` would count it.</summary>
    private sealed record TemplateLine(string[] Fields, bool MentionsLicenseUserAccess);
}
