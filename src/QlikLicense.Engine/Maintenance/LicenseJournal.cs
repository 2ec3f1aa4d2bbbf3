using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The JSON-lines journal of releases. Each record reaches the disk before the change it describes is sent,
    /// so an interrupted run never leaves a change without its record.
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

        private readonly FileStream stream;
        private readonly object gate = new object();

        public LicenseJournal(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
        }

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
                    new IOException($"Cannot write the journal '{path}': {error.Message} {nothingDone}", error), path));
            }
        }

        /// <summary>Where journals go unless -JournalPath says otherwise: one file per site under the user's local application data.</summary>
        public static string DefaultPath(string site)
        {
            var safeSite = new string(site.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' ? c : '_').ToArray());
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
            if (string.IsNullOrEmpty(root)) root = System.IO.Path.GetTempPath();
            return System.IO.Path.Combine(root, "QlikLicense", "Journal", safeSite + ".jsonl");
        }

        /// <summary>Appends one record (a JournalRecord, or another serializable record) and makes sure it is on disk before returning.</summary>
        public void Append(object record)
        {
            var line = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(record, Settings) + "\n");
            lock (gate)
            {
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: true);
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
                    var record = Parse(line, out var problem);
                    if (record == null)
                    {
                        onProblem?.Invoke(new JournalProblem(path, lineNumber, problem));
                        continue;
                    }
                    record.JournalPath = path;
                    yield return record;
                }
            }
        }

        private static JournalRecord Parse(string line, out string problem)
        {
            problem = null;
            try
            {
                var record = JsonConvert.DeserializeObject<JournalRecord>(line, Settings);
                if (record == null || record.AllocationId == Guid.Empty || string.IsNullOrEmpty(record.Site) || record.OperationId == Guid.Empty)
                    problem = "not a journal record (allocationId, operationId or site missing)";
                else
                    return record;
            }
            catch (JsonException error)
            {
                problem = "not valid JSON: " + error.Message;
            }
            return null;
        }
    }
}
