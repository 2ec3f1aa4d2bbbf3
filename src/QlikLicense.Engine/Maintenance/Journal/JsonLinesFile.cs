using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace QlikLicense.Maintenance.Journal
{
    /// <summary>
    /// A JSON-lines file that several writers (threads, runs, processes) append to: the journal and the maintenance
    /// history. Each line is written whole, at the end of the file, while holding the file's lock file (an exclusive
    /// open of "&lt;file&gt;.lock" beside it, which Windows and .NET on Unix both enforce between processes and
    /// between handles), so lines never interleave or overwrite each other; a line torn by a writer killed mid-write
    /// is ended before the next one, so only that line is lost. Lines that threads of this process append at the same
    /// time go to disk together (a group commit: one lock, one write, one flush), each thread returning once its own
    /// line is on disk, so concurrent releases do not queue behind one flush each.
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

        /// <summary>Held by the thread writing to the file: at most one at a time.</summary>
        private readonly object writing = new object();

        /// <summary>Lines waiting for the next write, guarded by itself.</summary>
        private readonly List<PendingLine> waiting = new List<PendingLine>();

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

        /// <summary>
        /// Appends one record as a line and makes sure it is on disk before returning; when the write fails, the
        /// failure is thrown to every thread whose line it carried.
        /// </summary>
        public void Append(object record) => Append(new[] { record });

        /// <summary>Appends records as lines, in this order, and makes sure they are on disk before returning.</summary>
        public void Append(IReadOnlyList<object> records)
        {
            var lines = records.Select(record => new PendingLine(Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(record, Settings) + "\n"))).ToList();
            lock (waiting) waiting.AddRange(lines);
            lock (writing)
            {
                // The thread before this one may have written these lines with its own.
                if (!lines.All(line => line.Done)) WriteWaiting();
            }
            lines.Select(line => line.Failure).FirstOrDefault(failure => failure != null)?.Throw();
        }

        /// <summary>Writes every waiting line in one write and one flush to disk, under the lock file.</summary>
        private void WriteWaiting()
        {
            PendingLine[] lines;
            lock (waiting)
            {
                lines = waiting.ToArray();
                waiting.Clear();
            }
            try
            {
                using (AcquireLock())
                {
                    var end = stream.Seek(0, SeekOrigin.End);
                    // A writer killed mid-line left a torn line: end it, so these records start on a line of their own.
                    var tornLine = end > 0 && !EndsWithNewline(end);
                    var bytes = new byte[(tornLine ? 1 : 0) + lines.Sum(pending => pending.Bytes.Length)];
                    var position = 0;
                    if (tornLine) bytes[position++] = (byte)'\n';
                    foreach (var pending in lines)
                    {
                        Buffer.BlockCopy(pending.Bytes, 0, bytes, position, pending.Bytes.Length);
                        position += pending.Bytes.Length;
                    }
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
            catch (Exception error)
            {
                var failure = ExceptionDispatchInfo.Capture(error);
                foreach (var pending in lines) pending.Failure = failure;
            }
            finally
            {
                foreach (var pending in lines) pending.Done = true;
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

        /// <summary>A line on its way to the file: written (or failed) once Done.</summary>
        private sealed class PendingLine
        {
            public PendingLine(byte[] bytes) => Bytes = bytes;

            public byte[] Bytes { get; }
            public bool Done { get; set; }
            public ExceptionDispatchInfo? Failure { get; set; }
        }

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
