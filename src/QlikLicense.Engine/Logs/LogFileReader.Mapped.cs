#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// The PowerShell 7 build's reading of a file mapped into memory (<see cref="MappedLogFile"/>): blocks of whole
    /// lines are windows of the mapping, of at most <see cref="LogReadBuffer.BlockBytes"/> (or one line longer than
    /// that), searched and counted in place; only a line around a hit is copied into the buffer, where the field,
    /// layout and timestamp code finds it as it finds a line of a block read. Lines, kinds, counts and the limits on a
    /// line's length are those of the stream: a last line without its line break ends at the length mapped.
    /// </summary>
    internal sealed partial class LogFileReader
    {
        private MappedLogFile? mapped;

        /// <summary>Where the current block starts in the mapped file; searchFrom and linesEnd count from here.</summary>
        private long blockStart;

        /// <summary>The block searched: the buffer, or the current window of the mapped file.</summary>
        private ReadOnlySpan<byte> CurrentBlock => mapped != null ? mapped.Bytes(blockStart, linesEnd) : buffer;

        /// <summary>Whether the lines after the header are searched in the mapped file rather than read into the buffer.</summary>
        internal bool IsMapped => mapped != null;

        /// <summary>
        /// Maps the file when it holds more than the header's read took (a smaller one is in the buffer already),
        /// and goes on from the end of the header; a file the system will not map, or a pipe, is read on from the stream.
        /// </summary>
        private void MapAfterHeader()
        {
            if (!stream.CanSeek) return;
            var length = stream.Length;
            if (length <= BytesRead) return;
            mapped = MappedLogFile.TryMap(stream, length);
            if (mapped == null) return;
            // The bytes read past the header are searched again in the mapping.
            BytesRead -= dataEnd - dataStart;
            blockStart = BytesRead;
            searchFrom = linesEnd = 0;
        }

        /// <summary>
        /// Makes the next whole lines of the mapped file the block to search, and counts them: the lines of the next
        /// window up to its last line feed; with no line feed in a window, one line however long, up to
        /// <see cref="MaxLineBytes"/> (a longer one is passed whole and reported), or the file's last line.
        /// </summary>
        [MethodImpl(HotPath)]
        private BlockKind NextMappedBlock()
        {
            var file = mapped!;
            blockStart += linesEnd;
            var remaining = file.Length - blockStart;
            if (remaining == 0) return BlockKind.End;

            var window = file.Bytes(blockStart, (int)Math.Min(remaining, readBuffer.BlockBytes));
            var lastLineFeed = window.LastIndexOf(LineFeed);
            if (lastLineFeed >= 0)
            {
                StartBlock(0, lastLineFeed + 1);
                LinesRead += window.Slice(0, linesEnd).Count(LineFeed);
                BytesRead += linesEnd;
                return BlockKind.Lines;
            }

            LinesRead++;
            var line = file.Bytes(blockStart, (int)Math.Min(remaining, MaxLineBytes));
            var lineFeed = line.IndexOf(LineFeed);
            if (lineFeed >= 0 || line.Length < MaxLineBytes)
            {
                StartBlock(0, lineFeed >= 0 ? lineFeed + 1 : line.Length);
                BytesRead += linesEnd;
                return BlockKind.Lines;
            }
            SkipMappedLine();
            return BlockKind.TooLongLine;
        }

        /// <summary>Passes a line of <see cref="MaxLineBytes"/> or more that starts the block: up to its line feed, or the end.</summary>
        private void SkipMappedLine()
        {
            var file = mapped!;
            var position = blockStart + MaxLineBytes;
            while (position < file.Length)
            {
                var rest = file.Bytes(position, (int)Math.Min(file.Length - position, int.MaxValue));
                var lineFeed = rest.IndexOf(LineFeed);
                position += lineFeed >= 0 ? lineFeed + 1 : rest.Length;
                if (lineFeed >= 0) break;
            }
            BytesRead += position - blockStart;
            blockStart = position;
            searchFrom = linesEnd = 0;
        }

        /// <summary>Copies a line of the mapped file to the start of the buffer (grown when the line is longer), where its fields are read.</summary>
        [MethodImpl(HotPath)]
        private void CopyToBuffer(ReadOnlySpan<byte> line)
        {
            if (line.Length > buffer.Length) buffer = readBuffer.Bytes = new byte[Math.Max(line.Length, 2 * buffer.Length)];
            line.CopyTo(buffer);
        }
    }
}
#endif
