using System.Numerics;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Counting and finding bytes within a range of a buffer, a vector (16 to 64 bytes) at a time: every byte of
    /// every log line passes through <see cref="IndexOfCounting"/>, so this is where a scan's time goes. Written on
    /// <see cref="Vector{T}"/>, which netstandard2.0 has and both runtimes accelerate, rather than on System.Memory's
    /// spans: that package would be one more assembly to ship and bind in Windows PowerShell 5.1, and it lacks a
    /// count anyway. Without hardware vectors the loops fall back to one byte at a time.
    /// </summary>
    internal static class ByteSearch
    {
        /// <summary>Byte-wide counters overflow after 255 vectors; they are summed and cleared before that.</summary>
        private const int VectorsPerSum = 255;

        /// <summary>
        /// Where <paramref name="value"/> first occurs in <c>buffer[start..end)</c>, or -1; adds to
        /// <paramref name="count"/> how many bytes before it equal <paramref name="counted"/>. One pass finds a line's
        /// end and counts its TABs in one pass (a search, then a count, were two: about 5 % of the scan's time).
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int IndexOfCounting(byte[] buffer, int start, int end, byte value, byte counted, ref int count)
        {
            var position = start;
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<byte>.Count;
                var wanted = new Vector<byte>(value);
                var countedBytes = new Vector<byte>(counted);
                var counters = Vector<byte>.Zero;
                var vectors = 0;
                // Stops at the vector holding the value: its bytes are finished one at a time below.
                for (; end - position >= width; position += width)
                {
                    var bytes = new Vector<byte>(buffer, position);
                    if (Vector.EqualsAny(bytes, wanted)) break;
                    counters -= Vector.Equals(bytes, countedBytes);
                    if (++vectors == VectorsPerSum)
                    {
                        count += Sum(counters);
                        counters = Vector<byte>.Zero;
                        vectors = 0;
                    }
                }
                count += Sum(counters);
            }
            for (; position < end; position++)
            {
                var current = buffer[position];
                if (current == value) return position;
                if (current == counted) count++;
            }
            return -1;
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
