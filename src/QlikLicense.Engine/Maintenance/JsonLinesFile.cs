using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// A JSON-lines file that several writers (threads, runs, processes) append to: the journal and the maintenance
    /// history. Each line is written whole, at the end of the file, while holding the file's lock file (an exclusive
    /// open of "&lt;file&gt;.lock" beside it, which Windows and .NET on Unix both enforce between processes and
    /// between handles), so lines never interleave or overwrite each other; a line torn by a writer killed mid-write
    /// is ended before the next one, so only that line is lost.
    /// </summary>
    public sealed class JsonLinesFile : IDisposable
    {
        /// <summary>How records are written and read: UTC dates with milliseconds, enums by name, one line each.</summary>
        internal static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
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

        public JsonLinesFile(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            // Unbuffered, so each line goes to the file in one write.
            stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.WriteThrough);
            LockPath = Path + ".lock";
        }

        public string Path { get; }

        /// <summary>The lock file that keeps writers of this file apart; it stays beside the file.</summary>
        public string LockPath { get; }

        /// <summary>Appends one record as a line and makes sure it is on disk before returning.</summary>
        public void Append(object record)
        {
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

        /// <summary>The lines of a file that are not blank, with their line numbers, read while writers may append.</summary>
        public static IEnumerable<(int Number, string Text)> ReadLines(string path, CancellationToken cancellation = default)
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            {
                var lineNumber = 0;
                foreach (var line in LinesEndedByLineFeed(reader))
                {
                    cancellation.ThrowIfCancellationRequested();
                    lineNumber++;
                    if (!string.IsNullOrWhiteSpace(line)) yield return (lineNumber, line);
                }
            }
        }

        /// <summary>
        /// Lines ended by LF alone (a CR before it dropped). Writers end lines with LF and JSON escapes a CR inside a
        /// string, so a lone CR comes only from damage, which must not split its line and renumber every line after it.
        /// </summary>
        private static IEnumerable<string> LinesEndedByLineFeed(TextReader reader)
        {
            var line = new StringBuilder();
            var buffer = new char[4096];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var index = 0; index < read; index++)
                {
                    if (buffer[index] != '\n')
                    {
                        line.Append(buffer[index]);
                        continue;
                    }
                    yield return WithoutCarriageReturn(line);
                    line.Clear();
                }
            }
            if (line.Length > 0) yield return WithoutCarriageReturn(line);
        }

        private static string WithoutCarriageReturn(StringBuilder line) =>
            line.Length > 0 && line[line.Length - 1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
    }
}
