// Origin of the log fixtures. Fixtures/logs/site and the files LogFileBuilder writes were written by us, not
// copied: their headers, column values and message texts follow the layouts documented in qrs-reference.md
// ("License denials") and observed in Qlik Support's public April 2018 Log Collector sample (AuditSecurity,
// Service and License_Repository logs of the repository, AuditSecurity and Audit trace of the proxy), with the
// 2019+ message wording from Qlik's support article. Users, ids, addresses and times are invented; GUIDs are
// name-based so the files are reproducible. The site folder holds, per node: a live AuditSecurity_Repository
// (BOM, CRLF, 2019+ wording, a blank, a short and a long line, a last line cut mid-write), a rolled one (other
// column order, no BOM, LF, Signature trailer), a License_Repository trace, a proxy AuditSecurity log and Audit
// trace from a rim node five hours behind UTC, a log without license columns, and two files that are not logs.
// Fixtures/logs/.gitattributes keeps those bytes exact on checkout.

using System.Text;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>Where the log fixtures are, and a folder for files a test writes.</summary>
    internal static class LogTestFiles
    {
        public static string FixtureSite => Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", "site");

        public static string FixtureFile(string relativePath) => Path.Combine(FixtureSite, relativePath.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>The real log samples in ../shared/log-samples beside the repository, or null when absent.</summary>
        public static string SharedSamples
        {
            get
            {
                for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
                {
                    if (!File.Exists(Path.Combine(folder.FullName, "QlikLicense.sln"))) continue;
                    var samples = Path.Combine(folder.FullName, "..", "shared", "log-samples");
                    return Directory.Exists(samples) ? Path.GetFullPath(samples) : null;
                }
                return null;
            }
        }
    }

    /// <summary>A test's own temporary folder, deleted afterwards.</summary>
    internal sealed class TempLogFolder : IDisposable
    {
        public TempLogFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qliklicense-logs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string relativePath, byte[] content)
        {
            var file = System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file));
            File.WriteAllBytes(file, content);
            return file;
        }

        public string Write(string relativePath, LogFileBuilder log) => Write(relativePath, log.ToBytes());

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow CI disk: the OS cleans the temp folder later.
            }
        }
    }

    /// <summary>Writes a log in Qlik's layout: a header, TAB-separated rows addressed by column name.</summary>
    internal sealed class LogFileBuilder
    {
        public static readonly string[] AuditSecurityColumns =
        {
            "Sequence#", "ProductVersion", "Timestamp", "Hostname", "Id", "Description", "ProxySessionId", "ProxyPackageId",
            "RequestSequenceId", "UserDirectory", "UserId", "ObjectId", "ObjectName", "SecurityClass", "ClientHostAddress",
            "Service", "Origin", "Context", "Command", "Result", "Message", "Checksum",
        };

        public static readonly string[] LicenseTraceColumns =
        {
            "Sequence#", "Timestamp", "Level", "Hostname", "Logger", "Thread", "Id", "ServiceUser", "Message", "ProxySessionId",
            "AccessTypeId", "AccessType", "Operation", "UserName", "UserId", "Checksum",
        };

        private readonly string[] columns;
        private readonly List<string> lines = new List<string>();
        private string tail = string.Empty;

        public LogFileBuilder(string[] columns) => this.columns = columns;

        public bool Bom { get; set; } = true;
        public string LineBreak { get; set; } = "\r\n";

        public LogFileBuilder Row(IDictionary<string, string> values)
        {
            lines.Add(string.Join("\t", columns.Select(column => values.TryGetValue(column, out var value) ? value : "0")));
            return this;
        }

        /// <summary>A denial as the repository's AuditSecurity log writes it (2019+ wording).</summary>
        public LogFileBuilder RepositoryDenial(string timestamp, string directory, string userId, string session, string package,
            string origin = "AppAccess", string client = "::ffff:10.1.1.1", string id = null) =>
            Row(new Dictionary<string, string>
            {
                ["Timestamp"] = timestamp, ["Hostname"] = "QlikTest", ["Id"] = id ?? Guid.NewGuid().ToString(),
                ["Description"] = "Command=License user access;Result=403;ResultText=Error: Access denied",
                ["ProxySessionId"] = session, ["ProxyPackageId"] = package, ["UserDirectory"] = directory, ["UserId"] = userId,
                ["ObjectName"] = "Not available", ["SecurityClass"] = "License", ["ClientHostAddress"] = "Not available",
                ["Service"] = "Repository", ["Origin"] = origin, ["Context"] = "/qrs/requestaccesstype",
                ["Command"] = "License user access", ["Result"] = "403",
                ["Message"] = $"Access was denied for User: '{directory}\\{userId}', with AccessID '{Guid.NewGuid()}', SessionID: '{session}', SessionCount: '1', Hostname: '{client}', OperationType: 'UsageDenied'",
            });

        /// <summary>A line of the same log that is no denial.</summary>
        public LogFileBuilder RepositoryOther(string timestamp, string command = "Sync user directory", string result = "0") =>
            Row(new Dictionary<string, string>
            {
                ["Timestamp"] = timestamp, ["Hostname"] = "QlikTest", ["Id"] = Guid.NewGuid().ToString(),
                ["Description"] = $"Command={command};Result={result};ResultText=Success", ["UserDirectory"] = "INTERNAL",
                ["UserId"] = "sa_proxy", ["Command"] = command, ["Result"] = result, ["Message"] = "User 'CORP\\someone' was synced",
            });

        /// <summary>A denial as License_Repository writes it; the service runs as DOMAIN\qlikservice.</summary>
        public LogFileBuilder LicenseDenial(string timestamp, string userName, string session, string client = "::ffff:10.1.1.1") =>
            Row(new Dictionary<string, string>
            {
                ["Timestamp"] = timestamp, ["Level"] = "INFO", ["Hostname"] = "QlikTest", ["Id"] = Guid.NewGuid().ToString(),
                ["ServiceUser"] = "DOMAIN\\qlikservice", ["Message"] = $"No available access type, SessionID: {session}, Hostname: \"{client}\"",
                ["ProxySessionId"] = session, ["AccessTypeId"] = "", ["AccessType"] = "", ["Operation"] = "UsageDenied",
                ["UserName"] = userName, ["UserId"] = Guid.NewGuid().ToString(),
            });

        /// <summary>A raw line, exactly as given (malformed lines, trailers).</summary>
        public LogFileBuilder Line(string line)
        {
            lines.Add(line);
            return this;
        }

        /// <summary>Text after the last line break: a line still being written.</summary>
        public LogFileBuilder Unterminated(string text)
        {
            tail = text;
            return this;
        }

        public byte[] ToBytes()
        {
            var text = new StringBuilder(string.Join("\t", columns)).Append(LineBreak);
            foreach (var line in lines) text.Append(line).Append(LineBreak);
            text.Append(tail);
            var body = Encoding.UTF8.GetBytes(text.ToString());
            return Bom ? Encoding.UTF8.GetPreamble().Concat(body).ToArray() : body;
        }
    }

    /// <summary>A fact that runs only where the real log samples sit beside the repository.</summary>
    public sealed class SharedLogSamplesFactAttribute : FactAttribute
    {
        public SharedLogSamplesFactAttribute()
        {
            if (LogTestFiles.SharedSamples == null) Skip = "../shared/log-samples is not beside the repository: these tests read the real Qlik Sense logs kept there (the project's shared folder); the fixtures under tests/QlikLicense.Tests/Fixtures cover the reader without them.";
        }
    }
}
