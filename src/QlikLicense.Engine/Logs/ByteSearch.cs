using System.Numerics;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Counting and finding bytes within a range of a buffer, a vector (16 to 64 bytes) at a time: every byte of
    /// every log line passes through <see cref="Count"/>, so this is where a scan's time goes. Written on
    /// <see cref="Vector{T}"/>, which netstandard2.0 has and both runtimes accelerate, rather than on System.Memory's
    /// spans: that package would be one more assembly to ship and bind in Windows PowerShell 5.1, and it lacks a
    /// count anyway. Without hardware vectors the loops fall back to one byte at a time.
    /// </summary>
    internal static class ByteSearch
    {
        /// <summary>Byte-wide counters overflow after 255 vectors; they are summed and cleared before that.</summary>
        private const int VectorsPerSum = 255;

        /// <summary>How many bytes of <c>buffer[start..end)</c> equal <paramref name="value"/>.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int Count(byte[] buffer, int start, int end, byte value)
        {
            var count = 0;
            var position = start;
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<byte>.Count;
                var wanted = new Vector<byte>(value);
                while (end - position >= width)
                {
                    // A match compares as 0xFF, i.e. -1: subtracting it adds one to that lane's counter.
                    var counters = Vector<byte>.Zero;
                    var vectors = 0;
                    for (; vectors < VectorsPerSum && end - position >= width; vectors++, position += width)
                    {
                        counters -= Vector.Equals(new Vector<byte>(buffer, position), wanted);
                    }
                    count += Sum(counters);
                }
            }
            for (; position < end; position++)
            {
                if (buffer[position] == value) count++;
            }
            return count;
        }

        /// <summary>
        /// Where <paramref name="value"/> (at least one byte) first occurs in <c>buffer[start..end)</c>, or -1.
        /// Vectors compare the first, second and last bytes at every position at once; only positions where all
        /// three match are compared whole (a TAB-delimited field is rarely matched by three such bytes).
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int IndexOf(byte[] buffer, int start, int end, byte[] value)
        {
            var last = end - value.Length;
            var position = start;
            if (Vector.IsHardwareAccelerated && value.Length >= 3)
            {
                var width = Vector<byte>.Count;
                var lastOffset = value.Length - 1;
                var first = new Vector<byte>(value[0]);
                var second = new Vector<byte>(value[1]);
                var final = new Vector<byte>(value[lastOffset]);
                // Candidates position..position+width-1 must all be <= last; every load then ends inside the range.
                for (; last - position >= width - 1; position += width)
                {
                    var candidates = Vector.Equals(new Vector<byte>(buffer, position), first)
                        & Vector.Equals(new Vector<byte>(buffer, position + 1), second)
                        & Vector.Equals(new Vector<byte>(buffer, position + lastOffset), final);
                    if (candidates == Vector<byte>.Zero) continue;
                    for (var lane = 0; lane < width; lane++)
                    {
                        if (candidates[lane] != 0 && EqualsAt(buffer, position + lane, value)) return position + lane;
                    }
                }
            }
            for (; position <= last; position++)
            {
                if (buffer[position] == value[0] && EqualsAt(buffer, position, value)) return position;
            }
            return -1;
        }

        /// <summary>Whether <c>buffer</c> holds <paramref name="value"/> at <paramref name="position"/> (the caller checked it fits).</summary>
        public static bool EqualsAt(byte[] buffer, int position, byte[] value)
        {
            for (var index = 0; index < value.Length; index++)
            {
                if (buffer[position + index] != value[index]) return false;
            }
            return true;
        }

        private static int Sum(Vector<byte> counters)
        {
            Vector.Widen(counters, out var low, out var high);
            return Vector.Dot(low + high, Vector<ushort>.One);
        }
    }
}
