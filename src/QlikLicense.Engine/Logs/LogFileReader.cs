using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Reads a Qlik Sense log (UTF-8 with or without BOM, TAB-separated, header first, CRLF or LF) one line at a
    /// time without decoding it: lines stay bytes in one reused buffer (<see cref="LogReadBuffer"/>, passed on to the
    /// next file a thread reads) and only the fields a caller asks for
    /// become strings, so memory stays flat whatever the file size. A line's fields are counted by a vector
    /// search (<see cref="ByteSearch"/>) and located only when a caller asks for one, so most lines cost a few
    /// vector passes over their bytes (see docs/performance.md).
    /// The file is opened with ReadWrite|Delete sharing because the services keep writing (and rolling) it.
    /// </summary>
    internal sealed class LogFileReader : IDisposable
    {
        /// <summary>A header longer than this is not a log header (binary or foreign file).</summary>
        private const int MaxHeaderBytes = 64 * 1024;

        /// <summary>Lines longer than this are skipped as malformed rather than growing the buffer further.</summary>
        private const int MaxLineBytes = 16 * 1024 * 1024;

        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (absent from netstandard2.0): the per-line and per-denial methods
        /// (reading, de-duplicating, merging) are compiled fully optimized at once. Under tiered compilation a one-shot
        /// scan otherwise runs its first second in unoptimized code, four times slower on 100 MB, and longer on a busy
        /// machine, where the background compiler that replaces it waits for a processor. .NET Framework ignores the flag.
        /// </summary>
        internal const MethodImplOptions HotPath = (MethodImplOptions)512;

        internal const int InitialBufferBytes = 64 * 1024;
        private const byte Tab = (byte)'\t';
        private const byte LineFeed = (byte)'\n';
        private const byte CarriageReturn = (byte)'\r';

        private static readonly byte[] SignaturePrefix = Encoding.ASCII.GetBytes("Signature:");
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private readonly Stream stream;
        private readonly LogReadBuffer readBuffer;
        private byte[] buffer;
        private int dataStart;
        private int dataEnd;
        private bool endOfStream;

        private int lineStart;
        private int lineEnd;
        private int lineTabs;
        private int[] fieldStarts = Array.Empty<int>();
        private int fieldCount;
        private bool fieldsLocated;

        private LogFileReader(Stream stream, LogReadBuffer readBuffer)
        {
            this.stream = stream;
            this.readBuffer = readBuffer;
            buffer = readBuffer.Bytes;
        }

        /// <summary>The header's column names, in file order.</summary>
        public string[] Columns { get; private set; } = Array.Empty<string>();

        /// <summary>Bytes taken from the file so far.</summary>
        public long BytesRead { get; private set; }

        /// <summary>Null for a log file; otherwise why the file is not one.</summary>
        public string? NotALogReason { get; private set; }

        /// <summary>
        /// Opens a file and reads its header. When the file is not a Qlik Sense log (empty, or a first line that
        /// is no TAB-separated header with a Timestamp column), <see cref="NotALogReason"/> says why.
        /// </summary>
        /// <param name="path">The file.</param>
        /// <param name="bufferBytes">The read buffer's first size; tests make it small to put block boundaries everywhere.</param>
        public static LogFileReader Open(string path, int bufferBytes = InitialBufferBytes) => Open(path, new LogReadBuffer(bufferBytes));

        /// <summary>Opens a file as <see cref="Open(string, int)"/> does, reading into a buffer the previous reader of this thread used.</summary>
        public static LogFileReader Open(string path, LogReadBuffer buffer)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            var reader = new LogFileReader(stream, buffer);
            try
            {
                reader.NotALogReason = reader.ReadHeader();
                return reader;
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Moves to the next line. A last line without its line break is still being written (or was cut): it
        /// counts as a record only when its field count is whole, which leaves at most the last column cut.
        /// </summary>
        [MethodImpl(HotPath)]
        public LogLineKind ReadLine()
        {
            if (!TryFindLine(MaxLineBytes, out var terminated, out var tooLong)) return LogLineKind.End;
            if (tooLong || lineEnd == lineStart) return LogLineKind.Malformed;

            fieldCount = lineTabs + 1;
            fieldsLocated = false;
            if (fieldCount == Columns.Length) return LogLineKind.Record;
            if (fieldCount == 2 && terminated && lineEnd - lineStart >= SignaturePrefix.Length && ByteSearch.EqualsAt(buffer, lineStart, SignaturePrefix)) return LogLineKind.Signature;
            return LogLineKind.Malformed;
        }

        /// <summary>Whether the current line (any of its fields, or across them) contains these bytes.</summary>
        [MethodImpl(HotPath)]
        public bool LineContains(byte[] value) => ByteSearch.IndexOf(buffer, lineStart, lineEnd, value) >= 0;

        /// <summary>Whether a field of the current record holds exactly these bytes.</summary>
        [MethodImpl(HotPath)]
        public bool FieldEquals(int column, byte[] value)
        {
            GetField(column, out var start, out var end);
            return end - start == value.Length && ByteSearch.EqualsAt(buffer, start, value);
        }

        /// <summary>Whether a field of the current record contains these bytes.</summary>
        [MethodImpl(HotPath)]
        public bool FieldContains(int column, byte[] value)
        {
            GetField(column, out var start, out var end);
            return ByteSearch.IndexOf(buffer, start, end, value) >= 0;
        }

        /// <summary>A field of the current record as text.</summary>
        [MethodImpl(HotPath)]
        public string GetString(int column)
        {
            GetField(column, out var start, out var end);
            return end == start ? string.Empty : Utf8.GetString(buffer, start, end - start);
        }

        public void Dispose() => stream.Dispose();

        private string? ReadHeader()
        {
            if (!TryFindLine(MaxHeaderBytes, out _, out var tooLong)) return LogMessages.EmptyFile;
            if (tooLong) return LogMessages.NoHeaderLine;

            var start = lineStart;
            if (lineEnd - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF) start += 3;
            var header = Utf8.GetString(buffer, start, lineEnd - start);
            Columns = header.Split('\t');
            if (Columns.Length < 2 || Array.IndexOf(Columns, "Timestamp") < 0) return LogMessages.NoHeader;

            fieldStarts = new int[Columns.Length + 1];
            return null;
        }

        [MethodImpl(HotPath)]
        private void GetField(int column, out int start, out int end)
        {
            if (!fieldsLocated) LocateFields();
            start = fieldStarts[column];
            end = column + 1 < fieldCount ? fieldStarts[column + 1] - 1 : lineEnd;
        }

        /// <summary>Records where each field of the current line starts, up to the header's width.</summary>
        [MethodImpl(HotPath)]
        private void LocateFields()
        {
            fieldStarts[0] = lineStart;
            var count = 1;
            var position = lineStart;
            while (count < fieldStarts.Length)
            {
                var tab = Array.IndexOf(buffer, Tab, position, lineEnd - position);
                if (tab < 0) break;
                fieldStarts[count++] = tab + 1;
                position = tab + 1;
            }
            fieldsLocated = true;
        }

        /// <summary>
        /// Sets lineStart/lineEnd (without CR/LF) and lineTabs to the next line, refilling and, for long lines, growing
        /// the buffer up to <paramref name="maxLineBytes"/>; a longer line is skipped whole and reported as too long.
        /// </summary>
        [MethodImpl(HotPath)]
        private bool TryFindLine(int maxLineBytes, out bool terminated, out bool tooLong)
        {
            terminated = false;
            tooLong = false;
            lineTabs = 0;
            var searchFrom = dataStart;
            while (true)
            {
                var lineFeed = ByteSearch.IndexOfCounting(buffer, searchFrom, dataEnd, LineFeed, Tab, ref lineTabs);
                if (lineFeed >= 0)
                {
                    SetLine(dataStart, lineFeed);
                    dataStart = lineFeed + 1;
                    terminated = true;
                    return true;
                }

                if (endOfStream)
                {
                    if (dataStart == dataEnd) return false;
                    SetLine(dataStart, dataEnd);
                    dataStart = dataEnd;
                    return true;
                }

                if (dataEnd - dataStart >= maxLineBytes)
                {
                    // Drop what we hold of the over-long line and everything up to its end.
                    tooLong = true;
                    dataStart = dataEnd;
                    SkipToNextLine();
                    return true;
                }

                searchFrom = dataEnd - dataStart;
                Fill();
            }
        }

        private void SkipToNextLine()
        {
            while (true)
            {
                if (dataStart == dataEnd)
                {
                    dataStart = dataEnd = 0;
                    if (!ReadMore()) return;
                }
                var lineFeed = Array.IndexOf(buffer, LineFeed, dataStart, dataEnd - dataStart);
                if (lineFeed >= 0)
                {
                    dataStart = lineFeed + 1;
                    return;
                }
                dataStart = dataEnd;
            }
        }

        [MethodImpl(HotPath)]
        private void SetLine(int start, int end)
        {
            lineStart = start;
            lineEnd = end > start && buffer[end - 1] == CarriageReturn ? end - 1 : end;
        }

        /// <summary>Moves the unread bytes to the front (growing the buffer when they fill it) and reads more.</summary>
        [MethodImpl(HotPath)]
        private void Fill()
        {
            var pending = dataEnd - dataStart;
            if (pending == buffer.Length)
            {
                var larger = new byte[buffer.Length * 2];
                Buffer.BlockCopy(buffer, dataStart, larger, 0, pending);
                buffer = readBuffer.Bytes = larger;
            }
            else if (dataStart > 0)
            {
                Buffer.BlockCopy(buffer, dataStart, buffer, 0, pending);
            }
            dataStart = 0;
            dataEnd = pending;
            ReadMore();
        }

        [MethodImpl(HotPath)]
        private bool ReadMore()
        {
            var read = stream.Read(buffer, dataEnd, buffer.Length - dataEnd);
            if (read == 0)
            {
                endOfStream = true;
                return false;
            }
            dataEnd += read;
            BytesRead += read;
            return true;
        }
    }
}
