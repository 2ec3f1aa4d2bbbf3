using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The JSON-lines journal of every change. Each record reaches the disk before the change it describes is sent,
    /// so an interrupted run never leaves a change without its record. Several writers (threads, runs, processes)
    /// may append to one journal: each line is written whole, at the end of the file, while holding the journal's
    /// lock file (an exclusive open of "journal.lock" beside it, which Windows and .NET on Unix both enforce
    /// between processes and between handles), so lines never interleave or overwrite each other.
    /// </summary>
    public sealed class LicenseJournal : IDisposable
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateFormatString = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            Converters = { new StringEnumConverter() },
            Formatting = Formatting.None,
            Culture = System.Globalization.CultureInfo.InvariantCulture,
        };

        /// <summary>How long a writer waits for another to finish its line before giving up.</summary>
        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

        private readonly FileStream stream;
        private readonly object gate = new object();

        public LicenseJournal(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            // Unbuffered, so each line goes to the file in one write.
            stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.WriteThrough);
            LockPath = Path + ".lock";
        }

        /// <summary>The lock file that keeps writers of this journal apart; it stays beside the journal.</summary>
        public string LockPath { get; }

        public string Path { get; }

        /// <summary>
        /// Opens a journal to write. The record must exist before the change it describes, so a journal that cannot be
        /// written is an <see cref="OperationException"/> saying what was not done (<paramref name="nothingDone"/>).
        /// </summary>
        public static LicenseJournal Open(string path, string nothingDone)
        {
            try
            {
                return new LicenseJournal(path);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is ArgumentException || error is NotSupportedException)
            {
                throw new OperationException(new OperationProblem(ProblemKind.JournalNotWritable,
                    new IOException(MaintenanceMessages.Journal.NotWritable(path, error.Message, nothingDone), error), path));
            }
        }

        /// <summary>
        /// The environment variable that moves the module's data (journals and routine state) for every account on a
        /// machine when set machine-wide, so the journal of a scheduled task is where an administrator looks for it.
        /// </summary>
        public const string DataFolderVariable = "QLIKLICENSE_DATA";

        /// <summary>Where journals go unless -JournalPath says otherwise: QLIKLICENSE_DATA, else the account's local application data.</summary>
        public static string DefaultFolder
        {
            get
            {
                var root = Environment.GetEnvironmentVariable(DataFolderVariable);
                if (string.IsNullOrWhiteSpace(root))
                {
                    var localData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
                    root = System.IO.Path.Combine(string.IsNullOrEmpty(localData) ? System.IO.Path.GetTempPath() : localData, "QlikLicense");
                }
                return System.IO.Path.Combine(System.IO.Path.GetFullPath(root), "Journal");
            }
        }

        /// <summary>One journal file per site in <see cref="DefaultFolder"/>.</summary>
        public static string DefaultPath(string site)
        {
            var safeSite = new string(site.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' ? c : '_').ToArray());
            return System.IO.Path.Combine(DefaultFolder, safeSite + ".jsonl");
        }

        /// <summary>Whether a journal path is a default one (not chosen with -JournalPath).</summary>
        public static bool IsDefaultPath(string path) =>
            string.Equals(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)), DefaultFolder, StringComparison.OrdinalIgnoreCase);

        /// <summary>Appends one record (a JournalRecord, or another serializable record) and makes sure it is on disk before returning.</summary>
        public void Append(object record)
        {
            if (record is JournalRecord journalRecord) journalRecord.Format = JournalRecord.CurrentFormat;
            var line = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(record, Settings) + "\n");
            lock (gate)
            using (AcquireLock())
            {
                var end = stream.Seek(0, SeekOrigin.End);
                if (end > 0 && !EndsWithNewline(end))
                {
                    // A writer killed mid-line left a torn line: end it, so this record starts on a line of its own.
                    var withBreak = new byte[line.Length + 1];
                    withBreak[0] = (byte)'\n';
                    Buffer.BlockCopy(line, 0, withBreak, 1, line.Length);
                    line = withBreak;
                }
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: true);
            }
        }

        private bool EndsWithNewline(long end)
        {
            stream.Seek(end - 1, SeekOrigin.Begin);
            var last = stream.ReadByte();
            stream.Seek(end, SeekOrigin.Begin);
            return last == '\n';
        }

        private FileStream AcquireLock()
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                }
                catch (IOException) when (waited.Elapsed < LockTimeout && File.Exists(LockPath))
                {
                    Thread.Sleep(2);
                }
            }
        }

        public void Dispose() => stream.Dispose();

        /// <summary>Reads a journal; lines that are not records (corrupt, cut off mid-write) are reported and skipped.</summary>
        public static IEnumerable<JournalRecord> Read(string path, Action<JournalProblem> onProblem, CancellationToken cancellation = default)
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            {
                var lineNumber = 0;
                string line;
                while ((line = reader.ReadLine()) != null)
                {
                    cancellation.ThrowIfCancellationRequested();
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    if (!TryParse(line, out var record, out var problem))
                    {
                        onProblem?.Invoke(new JournalProblem(path, lineNumber, problem));
                        continue;
                    }
                    record.JournalPath = path;
                    yield return record;
                }
            }
        }

        private static bool TryParse(string line, [NotNullWhen(true)] out JournalRecord? record, [NotNullWhen(false)] out string? problem)
        {
            record = null;
            problem = null;
            try
            {
                var json = JObject.Parse(line);
                var parsed = json["action"] != null && json["event"] == null
                    ? LegacyRuleRecord(json, line)
                    : json.ToObject<JournalRecord>(JsonSerializer.Create(Settings));
                if (parsed != null && parsed.Format == 0) parsed.Format = 1;
                var needsAllocation = parsed != null && (parsed.Event == JournalEvent.Release || parsed.Event == JournalEvent.Result);
                if (parsed == null || string.IsNullOrEmpty(parsed.Site) || parsed.OperationId == Guid.Empty || (needsAllocation && parsed.AllocationId == Guid.Empty))
                {
                    problem = MaintenanceMessages.Journal.NotARecord;
                    return false;
                }
                record = parsed;
                return true;
            }
            catch (JsonException error)
            {
                problem = MaintenanceMessages.Journal.InvalidJson(error.Message);
                return false;
            }
        }

        /// <summary>
        /// A line of the rule journal of the first release ("action": SetRule or RemoveRule, the rule as it was,
        /// written before the change; no outcome line). Its operation id is derived from the line, so it stays the
        /// same on every read and an undo of it is recognised.
        /// </summary>
        private static JournalRecord? LegacyRuleRecord(JObject json, string line)
        {
            var action = (string?)json["action"];
            var journalEvent = action == "SetRule" ? JournalEvent.RuleChange : action == "RemoveRule" ? JournalEvent.RuleRemove : (JournalEvent?)null;
            if (journalEvent == null) return null;
            var before = new JournalRule
            {
                Id = json.NullableGuid("ruleId"),
                Name = (string?)json["name"],
                Type = json["type"]?.ToObject<LicenseAccessType>(JsonSerializer.Create(Settings)) ?? LicenseAccessType.Professional,
                Rule = (string?)json["rule"],
                Comment = (string?)json["comment"],
                Disabled = (bool?)json["disabled"] ?? false,
                AccessGroupId = json.NullableGuid("accessGroupId"),
                AccessGroupName = (string?)json["accessGroupName"],
                ModifiedDate = json.DateValue("modifiedDate"),
                ModifiedByUserName = (string?)json["modifiedByUserName"],
            };
            using (var md5 = System.Security.Cryptography.MD5.Create())
                return new JournalRecord
                {
                    Format = 1,
                    Time = json.DateValue("time") ?? DateTime.MinValue,
                    Event = journalEvent.Value,
                    OperationId = new Guid(md5.ComputeHash(Encoding.UTF8.GetBytes(line.Trim()))),
                    Site = (string?)json["site"],
                    Type = before.Type,
                    RuleBefore = before,
                };
        }
    }
}
