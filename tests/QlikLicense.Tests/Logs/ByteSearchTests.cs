using System.Numerics;
using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The searches and counts against a byte-by-byte reference, over every start and end within buffers made of few
    /// distinct bytes (so matches, near misses and matches cut by the range's ends are frequent), at lengths around
    /// the vector width and the counters' 255-vector limit. The test project runs them on the PowerShell 7 build's span
    /// searches; QlikLicense.Desktop.Tests runs the same file on the Windows PowerShell build's vector loops.
    /// </summary>
    public sealed class ByteSearchTests
    {
        private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("\t403x\n");

        public static TheoryData<string> Values => new TheoryData<string> { "\t403\t", "403", "\t4", "x", "xx", "\n\n\n", "NoAvailableAccessType" };

        /// <summary>The denial markers of an audit log, among the lines they are searched in and the near misses of those.</summary>
        public static TheoryData<string> Markers => new TheoryData<string> { "\tLicense user access\t403\t", "NoAvailableAccessType" };

        private static readonly string[] LogFragments =
        {
            "\tLicense user access\t0\tAccess granted\t", "\tLicense user access\t403\t", "Not available\tLicense\t",
            "NoAvailableAccessType", "NoAvailableAccessTyp", "\tLicense user access\t40", "\r\n", "\t", "3",
        };

        [Fact]
        public void Count_IndexOf_and_LastIndexOf_of_a_byte_agree_with_going_byte_by_byte_for_every_range()
        {
            var width = Vector<byte>.Count;
            foreach (var length in new[] { 1, width - 1, width, width + 1, 3 * width + 5, 255 * width, 255 * width + 1, 600 * width + 7 })
            {
                var buffer = RandomBytes(length, seed: length);
                var starts = new[] { 0, 1, width - 1, width, length / 2 }.Where(start => start <= length).Distinct();
                foreach (var start in starts)
                {
                    foreach (var end in new[] { start, start + 1, length - 1, length }.Where(end => end >= start && end <= length).Distinct())
                    {
                        foreach (var value in new[] { (byte)'\n', (byte)'\t', (byte)'y' })
                        {
                            var range = buffer.Skip(start).Take(end - start).ToList();
                            var first = range.IndexOf(value);
                            var last = range.LastIndexOf(value);

                            Assert.Equal(range.Count(item => item == value), ByteSearch.Count(buffer, start, end, value));
                            Assert.Equal(first < 0 ? -1 : start + first, ByteSearch.IndexOf(buffer, start, end, value));
                            Assert.Equal(last < 0 ? -1 : start + last, ByteSearch.LastIndexOf(buffer, start, end, value));
                        }
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(Values))]
        public void IndexOf_agrees_with_searching_byte_by_byte_for_every_range(string text)
        {
            var value = Encoding.ASCII.GetBytes(text);
            var buffer = RandomBytes(3 * Vector<byte>.Count + 11, seed: text.Length);
            for (var start = 0; start <= buffer.Length; start++)
            {
                for (var end = start; end <= buffer.Length; end++)
                {
                    Assert.Equal(NaiveIndexOf(buffer, start, end, value), ByteSearch.IndexOf(buffer, start, end, value));
                }
            }
        }

        [Theory]
        [MemberData(nameof(Markers))]
        public void IndexOf_finds_a_denial_marker_among_log_lines_and_their_near_misses_as_searching_byte_by_byte_does(string text)
        {
            var value = Encoding.ASCII.GetBytes(text);
            var random = new Random(text.Length);
            var buffer = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 60).Select(_ => LogFragments[random.Next(LogFragments.Length)])));
            for (var start = 0; start <= buffer.Length; start++)
            {
                Assert.Equal(NaiveIndexOf(buffer, start, buffer.Length, value), ByteSearch.IndexOf(buffer, start, buffer.Length, value));
                Assert.Equal(NaiveIndexOf(buffer, 0, start, value), ByteSearch.IndexOf(buffer, 0, start, value));
            }
        }

        [Fact]
        public void IndexOf_finds_a_value_that_ends_exactly_at_the_end_of_the_range_and_not_one_cut_by_it()
        {
            var buffer = Encoding.ASCII.GetBytes(new string('x', 2 * Vector<byte>.Count) + "\t403\t");
            var value = Encoding.ASCII.GetBytes("\t403\t");

            Assert.Equal(2 * Vector<byte>.Count, ByteSearch.IndexOf(buffer, 0, buffer.Length, value));
            Assert.Equal(-1, ByteSearch.IndexOf(buffer, 0, buffer.Length - 1, value));
            Assert.Equal(-1, ByteSearch.IndexOf(buffer, 2 * Vector<byte>.Count + 1, buffer.Length, value));
        }

        private static byte[] RandomBytes(int length, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray();
        }

        private static int NaiveIndexOf(byte[] buffer, int start, int end, byte[] value)
        {
            for (var position = start; position + value.Length <= end; position++)
            {
                if (buffer.AsSpan(position, value.Length).SequenceEqual(value)) return position;
            }
            return -1;
        }
    }
}
