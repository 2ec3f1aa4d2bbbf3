using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Maintenance.Journal
{
    /// <summary>
    /// The JSON-lines journal of every change. Each record reaches the disk before the change it describes is sent,
    /// so an interrupted run never leaves a change without its record. Several writers (threads, runs, processes)
    /// may append to one journal: <see cref="JsonLinesFile"/> keeps their lines whole and apart.
    /// </summary>
    public sealed class LicenseJournal : IDisposable
    {
        private static readonly JsonSerializerSettings Settings = JsonLinesFile.Settings;

        private readonly JsonLinesFile file;

        public LicenseJournal(string path)
        {
            file = new JsonLinesFile(path);
        }

        /// <summary>The lock file that keeps writers of this journal apart; it stays beside the journal.</summary>
        public string LockPath => file.LockPath;

        public string Path => file.Path;

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
        /// Opens the journal the changes on <paramref name="site"/> are recorded in: <paramref name="chosenPath"/> (a
        /// file-system path the user chose), else the site's default journal. The host is told first; a journal that
        /// cannot be written is an <see cref="OperationException"/> and nothing is changed.
        /// </summary>
        public static LicenseJournal Open(IOperationHost host, string? chosenPath, string site, string nothingDone)
        {
            var path = chosenPath ?? DefaultPath(site);
            host.JournalUsed(path);
            return Open(path, nothingDone);
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
        public void Append(object record) => Append(new[] { record });

        /// <summary>Appends records in one write (each its own line, in this order) and makes sure they are on disk before returning.</summary>
        public void Append(IReadOnlyList<object> records)
        {
            foreach (var journalRecord in records.OfType<JournalRecord>()) journalRecord.Format = JournalRecord.CurrentFormat;
            file.Append(records);
        }

        public void Dispose() => file.Dispose();

        /// <summary>Reads a journal; lines that are not records (corrupt, cut off mid-write) are reported and skipped.</summary>
        public static IEnumerable<JournalRecord> Read(string path, Action<JournalProblem> onProblem, CancellationToken cancellation = default)
        {
            foreach (var (lineNumber, line) in JsonLinesFile.ReadLines(path, cancellation))
            {
                if (!TryParse(line, out var record, out var problem))
                {
                    onProblem?.Invoke(new JournalProblem(path, lineNumber, problem));
                    continue;
                }
                record.JournalPath = path;
                yield return record;
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
        /// A line of a format 1 rule journal ("action": SetRule or RemoveRule, the rule as it was,
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
