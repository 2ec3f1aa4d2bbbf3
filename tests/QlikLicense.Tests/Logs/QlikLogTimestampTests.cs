using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>A timestamp parsed where its bytes lie in a line: its field's bounds, not the buffer's, are what is read.</summary>
    public class QlikLogTimestampTests
    {
        [Fact]
        public void A_field_is_parsed_within_its_bounds_and_a_short_one_at_the_end_of_the_bytes_is_refused()
        {
            var line = Encoding.ASCII.GetBytes("0123456789ABCDEF\t20190101T000000Z\t2019");

            Assert.True(QlikLogTimestamp.TryParse(line, 17, 33, out var time));
            Assert.Equal(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), time);
            Assert.False(QlikLogTimestamp.TryParse(line, 34, line.Length, out _));
        }
    }
}
