using System;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// What one reading thread keeps of the denial lines it finds, without a string per field per line. Values that
    /// recur from line to line (directories, users, origins, client addresses, service accounts) are decoded once and
    /// the same string is handed out while their bytes recur; each line's own values (its message and ids) are copied
    /// as UTF-8 into large blocks and decoded only when read (<see cref="Utf8Text"/>). A scan keeps every admitted
    /// denial line until the files are merged, tens of thousands on a large site: as strings, they were most of the
    /// memory a scan allocated and the garbage collector copied. Used by one thread at a time, as its read buffer is.
    /// </summary>
    internal sealed class DenialTextStore
    {
        /// <summary>How many recurring values are remembered (a power of two); a new value takes its slot from an old one.</summary>
        private const int SharedSlots = 1024;

        /// <summary>Longer values are decoded each time: names and addresses are far shorter.</summary>
        private const int LongestShared = 256;

        /// <summary>
        /// Kept bytes go into blocks of this size; a value longer than a quarter of it gets an array of its own. Larger
        /// than the runtime's large-object threshold (85,000 bytes), so a block is born in the large-object heap, which
        /// the collector does not compact: the megabytes of text a scan keeps are never copied from one generation to
        /// the next while the scan allocates (in pwsh that cut a scan's collection pauses by about a third; docs/performance.md).
        /// </summary>
        internal const int BlockBytes = 128 * 1024;

        private readonly byte[]?[] sharedBytes = new byte[SharedSlots][];
        private readonly string[] sharedStrings = new string[SharedSlots];
        private byte[] block = Array.Empty<byte>();
        private int blockUsed;

        /// <summary>The text of <c>buffer[start..end)</c>, the same string as last time these bytes were asked for when it is still remembered.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public string Shared(byte[] buffer, int start, int end)
        {
            var length = end - start;
            if (length == 0) return string.Empty;
            if (length > LongestShared) return Utf8Text.Encoding.GetString(buffer, start, length);

            var slot = Hash(buffer, start, end) & (SharedSlots - 1);
            var remembered = sharedBytes[slot];
            if (remembered != null && remembered.Length == length && ByteSearch.EqualsAt(buffer, start, remembered)) return sharedStrings[slot];

            var bytes = new byte[length];
            Buffer.BlockCopy(buffer, start, bytes, 0, length);
            var text = Utf8Text.Encoding.GetString(bytes);
            sharedBytes[slot] = bytes;
            sharedStrings[slot] = text;
            return text;
        }

        /// <summary>
        /// A copy of <c>buffer[start..end)</c>. With <paramref name="comparable"/>, bytes that are not plain ASCII are kept
        /// as their decoded text encodes again (invalid bytes as U+FFFD), so two values are equal bytes exactly when
        /// they are equal text, as ids were compared when they were strings.
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public Utf8Text Keep(byte[] buffer, int start, int end, bool comparable)
        {
            if (comparable && !IsAscii(buffer, start, end))
            {
                var bytes = Utf8Text.Encoding.GetBytes(Utf8Text.Encoding.GetString(buffer, start, end - start));
                return Copy(bytes, 0, bytes.Length);
            }
            return Copy(buffer, start, end);
        }

        /// <summary>FNV-1a: cheap, and spreads the short values kept here well enough.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        internal static int Hash(byte[] buffer, int start, int end)
        {
            var hash = 2166136261;
            for (var index = start; index < end; index++)
            {
                hash = (hash ^ buffer[index]) * 16777619;
            }
            return (int)hash;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private Utf8Text Copy(byte[] buffer, int start, int end)
        {
            var length = end - start;
            if (length > BlockBytes / 4)
            {
                var own = new byte[length];
                Buffer.BlockCopy(buffer, start, own, 0, length);
                return new Utf8Text(own, 0, length);
            }
            if (block.Length - blockUsed < length)
            {
                block = new byte[BlockBytes];
                blockUsed = 0;
            }
            Buffer.BlockCopy(buffer, start, block, blockUsed, length);
            var kept = new Utf8Text(block, blockUsed, length);
            blockUsed += length;
            return kept;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static bool IsAscii(byte[] buffer, int start, int end)
        {
            for (var index = start; index < end; index++)
            {
                if (buffer[index] > 0x7F) return false;
            }
            return true;
        }
    }
}
