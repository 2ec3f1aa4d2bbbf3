using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    public class LogReadBufferTests
    {
        [Fact]
        public void A_read_buffer_holds_at_least_one_byte()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new LogReadBuffer(0));
            Assert.Single(new LogReadBuffer(1).Bytes);
        }
    }
}
