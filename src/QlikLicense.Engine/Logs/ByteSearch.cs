using System;
using System.Runtime.CompilerServices;
#if !NET8_0_OR_GREATER
using System.Numerics;
#endif

namespace QlikLicense.Logs
{
    /// <summary>
    /// Finding and counting bytes within a range of a buffer: every byte of every log passes through
    /// <see cref="IndexOf(byte[], int, int, byte[])"/> and <see cref="Count"/>, so this is where a scan's time goes.
    /// The PowerShell 7 build (net8.0) uses the runtime's own vectorised span searches. The Windows PowerShell build
    /// (netstandard2.0) searches and counts with <see cref="Vector{T}"/> (System.Numerics.Vectors, which both .NET
    /// Framework and .NET accelerate) rather than System.Memory's spans, which .NET Framework does not vectorise and
    /// would be one more assembly to ship and bind; without hardware vectors its loops go one byte at a time.
    /// </summary>
    internal static class ByteSearch
    {
        /// <summary>Where <paramref name="value"/> (at least one byte) first occurs in <c>buffer[start..end)</c>, or -1.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int IndexOf(byte[] buffer, int start, int end, byte[] value)
        {
#if NET8_0_OR_GREATER
            var index = buffer.AsSpan(start, end - start).IndexOf(value);
            return index < 0 ? -1 : start + index;
#else
            return VectorIndexOf(buffer, start, end, value);
#endif
        }

        /// <summary>Where <paramref name="value"/> first occurs in <c>buffer[start..end)</c>, or -1.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int IndexOf(byte[] buffer, int start, int end, byte value)
        {
#if NET8_0_OR_GREATER
            var index = buffer.AsSpan(start, end - start).IndexOf(value);
            return index < 0 ? -1 : start + index;
#else
            return Array.IndexOf(buffer, value, start, end - start);
#endif
        }

        /// <summary>Where <paramref name="value"/> last occurs in <c>buffer[start..end)</c>, or -1.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int LastIndexOf(byte[] buffer, int start, int end, byte value)
        {
#if NET8_0_OR_GREATER
            var index = buffer.AsSpan(start, end - start).LastIndexOf(value);
            return index < 0 ? -1 : start + index;
#else
            return end == start ? -1 : Array.LastIndexOf(buffer, value, end - 1, end - start);
#endif
        }

        /// <summary>How many bytes of <c>buffer[start..end)</c> equal <paramref name="value"/>.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static int Count(byte[] buffer, int start, int end, byte value)
        {
#if NET8_0_OR_GREATER
            return buffer.AsSpan(start, end - start).Count(value);
#else
            return VectorCount(buffer, start, end, value);
#endif
        }

        /// <summary>Whether <c>buffer</c> holds <paramref name="value"/> at <paramref name="position"/> (the caller checked it fits).</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool EqualsAt(byte[] buffer, int position, byte[] value)
        {
            for (var index = 0; index < value.Length; index++)
            {
                if (buffer[position + index] != value[index]) return false;
            }
            return true;
        }

#if !NET8_0_OR_GREATER
        /// <summary>Byte-wide counters overflow after 255 vectors; they are summed and cleared before that.</summary>
        private const int VectorsPerSum = 255;

        /// <summary>
        /// Vectors compare the first, second and last bytes at every position at once; only positions where all three
        /// match are compared whole (a TAB-delimited field is rarely matched by three such bytes).
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        private static int VectorIndexOf(byte[] buffer, int start, int end, byte[] value)
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

        [MethodImpl(LogFileReader.HotPath)]
        private static int VectorCount(byte[] buffer, int start, int end, byte value)
        {
            var count = 0;
            var position = start;
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<byte>.Count;
                var wanted = new Vector<byte>(value);
                var counters = Vector<byte>.Zero;
                var vectors = 0;
                for (; end - position >= width; position += width)
                {
                    // A match is all ones (-1 as a byte): subtracting it adds one to that lane's counter.
                    counters -= Vector.Equals(new Vector<byte>(buffer, position), wanted);
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
                if (buffer[position] == value) count++;
            }
            return count;
        }

        private static int Sum(Vector<byte> counters)
        {
            Vector.Widen(counters, out var low, out var high);
            return Vector.Dot(low + high, Vector<ushort>.One);
        }
#endif
    }
}
