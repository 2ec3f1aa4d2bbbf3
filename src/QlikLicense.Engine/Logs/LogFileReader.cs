using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Reads a Qlik Sense log (UTF-8 with or without BOM, TAB-separated, header first, CRLF or LF) without decoding
    /// it and without visiting its lines one by one: each block read into the buffer (<see cref="LogReadBuffer"/>,
    /// passed on to the next file a thread reads) is searched whole for the bytes every wanted line holds (a denial
    /// layout's marker), its line feeds are counted, and a line's bounds and fields are found only around a hit. Only
    /// the fields a caller asks for become strings, so memory stays flat whatever the file size; a block costs two
    /// vector passes while it is in the processor's cache (see docs/performance.md). Lines are split exactly as a
    /// line-by-line reader splits them: a marker holds no line feed, so every hit lies in one line.
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
        /// (reading, de-duplicating, merging, ordering, summing up per person, and the keys and comparisons they pass
        /// to the runtime's sorts and tables) are compiled fully optimized at once. Under tiered compilation a one-shot
        /// scan otherwise runs its first second in unoptimized code, four times slower on 100 MB, and longer on a busy
        /// machine, where the background compiler that replaces it waits for a processor; in a pwsh session the methods
        /// only the end of a scan calls ran unoptimized through its first three scans. The runtime's own tables over the
        /// scan's keys (Utf8Text, a user's pair of names) cannot be marked: they start unoptimized in every session.
        /// .NET Framework ignores the flag.
        /// </summary>
        internal const MethodImplOptions HotPath = (MethodImplOptions)512;

        /// <summary>
        /// Big enough that a read call costs little per byte, small enough that a block is still in the processor's
        /// cache when it is searched after its line feeds are counted.
        /// </summary>
        internal const int InitialBufferBytes = 256 * 1024;
        private const byte Tab = (byte)'\t';
        private const byte LineFeed = (byte)'\n';
        private const byte CarriageReturn = (byte)'\r';

        private static readonly byte[] SignaturePrefix = Encoding.ASCII.GetBytes("Signature:");

        private readonly Stream stream;
        private readonly LogReadBuffer readBuffer;
        private byte[] buffer;
        private int dataStart;
        private int dataEnd;
        private bool endOfStream;

        /// <summary>The end of the block's whole lines (after its last line feed; at the end of the file, its end).</summary>
        private int linesEnd;

        /// <summary>Where the search for the next wanted line goes on: always the start of a line.</summary>
        private int searchFrom;

        /// <summary>The markers searched for, and where each occurs next in the block (-1: not in it; below searchFrom: to search again).</summary>
        private byte[][] markers = Array.Empty<byte[]>();
        private int[] nextHits = Array.Empty<int>();

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

        /// <summary>Lines after the header passed so far, wanted or not (a last line without its line break included).</summary>
        public long LinesRead { get; private set; }

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
            var reader = new LogFileReader(OpenStream(path), buffer);
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
        /// A log file opened for reading as this reader reads it: shared with the service still writing, renaming or
        /// deleting it, read front to back into the reader's own buffer (no stream buffer of its own).
        /// </summary>
        internal static FileStream OpenStream(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);

        /// <summary>
        /// Moves to the next line that holds any of <paramref name="wanted"/> (bytes without a line feed; the same
        /// array on every call), passing the lines between; a line longer than the reader takes is passed as
        /// <see cref="LogLineKind.Malformed"/>, whatever it holds. A last line without its line break is still being
        /// written (or was cut): it counts as a record only when its field count is whole, which leaves at most the
        /// last column cut. Each marker is searched for once across a block, however many lines hold the others.
        /// </summary>
        [MethodImpl(HotPath)]
        public LogLineKind ReadLineHolding(byte[][] wanted)
        {
            if (!ReferenceEquals(wanted, markers))
            {
                markers = wanted;
                nextHits = new int[wanted.Length];
                for (var index = 0; index < nextHits.Length; index++) nextHits[index] = int.MinValue;
            }
            while (true)
            {
                if (searchFrom < linesEnd)
                {
                    var hit = NextHit();
                    if (hit >= 0) return TakeLineAround(hit);
                    searchFrom = linesEnd;
                }

                switch (NextBlock())
                {
                    case BlockKind.End:
                        return LogLineKind.End;
                    case BlockKind.TooLongLine:
                        return LogLineKind.Malformed;
                }
            }
        }

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
            return end == start ? string.Empty : Utf8Text.Encoding.GetString(buffer, start, end - start);
        }

        /// <summary>A field of the current record as text, the string the store gave last time for the same bytes (see <see cref="DenialTextStore.Shared"/>).</summary>
        [MethodImpl(HotPath)]
        public string GetSharedString(int column, DenialTextStore store)
        {
            GetField(column, out var start, out var end);
            return store.Shared(buffer, start, end);
        }

        /// <summary>The bytes of the current record, where <see cref="GetField"/> says its fields lie; valid until the next read.</summary>
        internal byte[] Buffer => buffer;

        public void Dispose() => stream.Dispose();

        private string? ReadHeader()
        {
            int lineFeed;
            while ((lineFeed = ByteSearch.IndexOf(buffer, dataStart, dataEnd, LineFeed)) < 0)
            {
                if (endOfStream) break;
                if (dataEnd - dataStart >= MaxHeaderBytes) return LogMessages.NoHeaderLine;
                Fill();
            }
            var end = lineFeed >= 0 ? lineFeed : dataEnd;
            if (lineFeed < 0 && end == dataStart) return LogMessages.EmptyFile;

            SetLine(dataStart, end);
            dataStart = searchFrom = linesEnd = lineFeed >= 0 ? lineFeed + 1 : dataEnd;
            var start = lineStart;
            if (lineEnd - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF) start += 3;
            var header = Utf8Text.Encoding.GetString(buffer, start, lineEnd - start);
            Columns = header.Split('\t');
            if (Columns.Length < 2 || Array.IndexOf(Columns, "Timestamp") < 0) return LogMessages.NoHeader;

            fieldStarts = new int[Columns.Length + 1];
            return null;
        }

        /// <summary>Where a field of the current record lies in <see cref="Buffer"/>: <c>[start..end)</c>.</summary>
        [MethodImpl(HotPath)]
        internal void GetField(int column, out int start, out int end)
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

        /// <summary>The first position at or after searchFrom where a marker occurs in the block's whole lines, or -1.</summary>
        [MethodImpl(HotPath)]
        private int NextHit()
        {
            var first = -1;
            for (var index = 0; index < markers.Length; index++)
            {
                var hit = nextHits[index];
                if (hit != -1 && hit < searchFrom) nextHits[index] = hit = ByteSearch.IndexOf(buffer, searchFrom, linesEnd, markers[index]);
                if (hit >= 0 && (first < 0 || hit < first)) first = hit;
            }
            return first;
        }

        /// <summary>
        /// The line around a hit of the block's whole lines becomes the current line (its start is the previous line
        /// feed's next byte, or where the search began, which is a line start); the search goes on after it.
        /// </summary>
        [MethodImpl(HotPath)]
        private LogLineKind TakeLineAround(int hit)
        {
            var start = ByteSearch.LastIndexOf(buffer, searchFrom, hit, LineFeed) + 1;
            if (start == 0) start = searchFrom;
            var lineFeed = ByteSearch.IndexOf(buffer, hit, linesEnd, LineFeed);
            var terminated = lineFeed >= 0;
            var end = terminated ? lineFeed : linesEnd;
            searchFrom = terminated ? lineFeed + 1 : linesEnd;

            lineTabs = ByteSearch.Count(buffer, start, end, Tab);
            SetLine(start, end);
            if (lineEnd == lineStart) return LogLineKind.Malformed;
            fieldCount = lineTabs + 1;
            fieldsLocated = false;
            if (fieldCount == Columns.Length) return LogLineKind.Record;
            if (fieldCount == 2 && terminated && lineEnd - lineStart >= SignaturePrefix.Length && ByteSearch.EqualsAt(buffer, lineStart, SignaturePrefix)) return LogLineKind.Signature;
            return LogLineKind.Malformed;
        }

        private enum BlockKind
        {
            Lines,
            TooLongLine,
            End,
        }

        /// <summary>
        /// Makes the next whole lines of the file the block to search, and counts them: reads on, growing the buffer
        /// for a line longer than it up to <see cref="MaxLineBytes"/>; a longer line is dropped whole and reported.
        /// </summary>
        [MethodImpl(HotPath)]
        private BlockKind NextBlock()
        {
            dataStart = linesEnd;
            while (true)
            {
                if (endOfStream)
                {
                    if (dataStart == dataEnd) return BlockKind.End;
                    // The last line, without its line break.
                    LinesRead++;
                    StartBlock(dataStart, dataEnd);
                    dataStart = dataEnd;
                    return BlockKind.Lines;
                }
                if (dataEnd - dataStart >= MaxLineBytes)
                {
                    LinesRead++;
                    SkipToNextLine();
                    searchFrom = linesEnd = dataStart;
                    return BlockKind.TooLongLine;
                }

                Fill();
                var lastLineFeed = ByteSearch.LastIndexOf(buffer, dataStart, dataEnd, LineFeed);
                if (lastLineFeed >= 0)
                {
                    StartBlock(dataStart, lastLineFeed + 1);
                    LinesRead += ByteSearch.Count(buffer, dataStart, linesEnd, LineFeed);
                    return BlockKind.Lines;
                }
            }
        }

        /// <summary>Whole lines in buffer[start..end) are to be searched; no marker has been looked for in them yet.</summary>
        private void StartBlock(int start, int end)
        {
            searchFrom = start;
            linesEnd = end;
            for (var index = 0; index < nextHits.Length; index++) nextHits[index] = int.MinValue;
        }

        /// <summary>Drops what the buffer holds of an over-long line and everything up to its end.</summary>
        private void SkipToNextLine()
        {
            dataStart = dataEnd;
            while (true)
            {
                if (dataStart == dataEnd)
                {
                    dataStart = dataEnd = 0;
                    if (!ReadMore()) return;
                }
                var lineFeed = ByteSearch.IndexOf(buffer, dataStart, dataEnd, LineFeed);
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
                System.Buffer.BlockCopy(buffer, dataStart, larger, 0, pending);
                buffer = readBuffer.Bytes = larger;
            }
            else if (dataStart > 0)
            {
                System.Buffer.BlockCopy(buffer, dataStart, buffer, 0, pending);
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
