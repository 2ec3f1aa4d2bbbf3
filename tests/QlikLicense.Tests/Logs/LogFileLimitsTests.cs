using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// Where a log's first line stops being a header and a line stops being read: the header is the first line, its UTF-8
    /// BOM (only a whole one) left out, at least two TAB-separated columns one of which is Timestamp, its line feed in
    /// the first 64 KB; a line of 16 MB or more is passed as malformed, whatever it holds, and the lines after it are read.
    /// </summary>
    public class LogFileLimitsTests
    {
        private const int MaxHeaderBytes = 64 * 1024;
        private const int MaxLineBytes = 16 * 1024 * 1024;

        private static readonly string[] Columns = { "Timestamp", "UserDirectory", "UserId", "Command", "Result" };

        private static (string NotALogReason, string[] Columns) Header(byte[] bytes)
        {
            using var folder = new TempLogFolder();
            using var reader = LogFileReader.Open(folder.Write("X_AuditSecurity_Repository.txt", bytes));
            return (reader.NotALogReason, reader.Columns);
        }

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        [Fact]
        public void A_header_needs_two_columns_one_of_them_Timestamp()
        {
            Assert.Equal(new[] { "Timestamp", "UserId" }, Header(Bytes("Timestamp\tUserId\n")).Columns);
            Assert.Null(Header(Bytes("Timestamp\tUserId\n")).NotALogReason);
            Assert.Null(Header(Bytes("UserId\tTimestamp")).NotALogReason);
            Assert.Equal(LogMessages.NoHeader, Header(Bytes("Timestamp\n1\t2\n")).NotALogReason);
            Assert.Equal(LogMessages.NoHeader, Header(Bytes("Time\tUserId\n")).NotALogReason);
        }

        [Fact]
        public void A_file_starting_with_a_line_break_has_an_empty_header_and_an_empty_file_has_none()
        {
            Assert.Equal(LogMessages.NoHeader, Header(Bytes("\nTimestamp\tUserId\n")).NotALogReason);
            Assert.Equal(LogMessages.NoHeader, Header(Bytes("\r\nTimestamp\tUserId\n")).NotALogReason);
            Assert.Equal(LogMessages.EmptyFile, Header(Array.Empty<byte>()).NotALogReason);
        }

        [Fact]
        public void Only_a_whole_BOM_is_left_out_of_the_header()
        {
            var bom = Encoding.UTF8.GetPreamble();
            Assert.Equal("Timestamp", Header(bom.Concat(Bytes("Timestamp\tUserId\r\n")).ToArray()).Columns[0]);
            // The BOM's last two bytes after another first byte: invalid UTF-8 that stays in the first column's name.
            var partial = Header(Bytes("A").Concat(new byte[] { 0xBB, 0xBF }).Concat(Bytes("\tTimestamp\n")).ToArray());
            Assert.Null(partial.NotALogReason);
            Assert.Equal("A\uFFFD\uFFFD", partial.Columns[0]);
        }

        [Fact]
        public void A_first_line_of_64_KB_without_its_line_break_is_no_header_and_one_byte_less_is_one()
        {
            var name = "Timestamp\tUserId\t";
            var shorter = Bytes(name + new string('c', MaxHeaderBytes - 1 - name.Length));
            var full = Bytes(name + new string('c', MaxHeaderBytes - name.Length));

            Assert.Null(Header(shorter).NotALogReason);
            Assert.Equal(LogMessages.NoHeaderLine, Header(full).NotALogReason);
        }

        [Fact]
        public void A_line_of_16_MB_or_more_is_passed_as_malformed_and_the_lines_after_it_are_read()
        {
            using var folder = new TempLogFolder();
            // A denial line of exactly 16 MB (its user id fills it), a short denial, and a last line longer still without
            // its line break.
            var file = Path.Combine(folder.Path, "X_AuditSecurity_Repository.txt");
            using (var stream = File.Create(file))
            {
                void Write(string text) => stream.Write(Bytes(text));
                var around = Bytes("20240305T090000.000+0100\tCORP\t\tLicense user access\t403").Length;

                Write(string.Join("\t", Columns) + "\n");
                Write($"20240305T090000.000+0100\tCORP\t{new string('a', MaxLineBytes - around)}\tLicense user access\t403\n");
                Write("20240305T080000.000+0100\tCORP\tafter\tLicense user access\t403\n");
                Write(new string('c', MaxLineBytes + 100));
            }

            var scanner = new LicenseDenialScanner();
            var users = scanner.Scan(new[] { file }).Select(denial => denial.UserId).ToList();

            Assert.Equal(new[] { "after" }, users);
            Assert.Equal(3, scanner.Statistics.LinesRead);
            Assert.Equal(2, scanner.Statistics.LinesSkipped);
            Assert.Equal(new FileInfo(file).Length, scanner.Statistics.BytesRead);
        }
    }
}
