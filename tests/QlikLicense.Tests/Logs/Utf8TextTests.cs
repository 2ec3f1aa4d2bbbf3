using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>A field's bytes kept for later: decoded on demand, equal and hashed by their bytes wherever they lie.</summary>
    public class Utf8TextTests
    {
        private static Utf8Text Text(string prefix, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(prefix + text);
            return new Utf8Text(bytes, Encoding.UTF8.GetByteCount(prefix), bytes.Length - Encoding.UTF8.GetByteCount(prefix));
        }

        [Fact]
        public void Empty_bytes_decode_to_empty_text_no_bytes_to_none_and_invalid_ones_to_the_replacement_character()
        {
            Assert.Equal(string.Empty, Text("abc", string.Empty).Decode());
            Assert.Null(default(Utf8Text).Decode());
            Assert.Equal("a\uFFFDb", new Utf8Text(new byte[] { (byte)'a', 0xFF, (byte)'b' }, 0, 3).Decode());
        }

        [Fact]
        public void Texts_are_equal_when_their_bytes_are_wherever_they_lie()
        {
            Assert.Equal(Text("x", "s-1"), Text("yyy", "s-1"));
            Assert.Equal(Text("x", "s-1").GetHashCode(), Text("yyy", "s-1").GetHashCode());
            Assert.NotEqual(Text("x", "s-1"), Text("x", "s-12"));
            Assert.NotEqual(Text("x", "s-1"), Text("x", "s-2"));
            Assert.NotEqual(Text("x", "s-1"), default);
            Assert.Equal(default(Utf8Text), default(Utf8Text));
        }

        [Fact]
        public void Different_texts_spread_over_the_hash_codes()
        {
            var hashes = Enumerable.Range(0, 100).Select(number => Text("#", "session-" + number).GetHashCode()).Distinct().Count();

            Assert.True(hashes > 90, $"{hashes} hash codes for 100 texts");
        }
    }
}
