using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The reader's own rules, with markers of its caller's choosing: which line a marker takes (once, wherever in the
    /// line it lies), what a line of the wrong width is (the two-field Signature trailer or malformed), how lines are
    /// counted, and where a first line stops being a header.
    /// </summary>
    public class LogFileReaderTests
    {
        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        private static byte[][] Markers(params string[] markers) => markers.Select(Bytes).ToArray();

        /// <summary>Each line the reader takes with these markers (100 at most): its kind and, for a record, its first field.</summary>
        private static (List<string> Lines, long LinesRead) ReadAll(byte[] content, params string[] markers)
        {
            using var folder = new TempLogFolder();
            using var reader = LogFileReader.Open(folder.Write("X_AuditSecurity_Repository.txt", content));
            Assert.Null(reader.NotALogReason);
            var wanted = Markers(markers);
            var lines = new List<string>();
            LogLineKind kind;
            // Bounded: a reader that takes a line again would otherwise never reach the end.
            while (lines.Count < 100 && (kind = reader.ReadLineHolding(wanted)) != LogLineKind.End)
            {
                lines.Add(kind == LogLineKind.Record ? $"{kind} {reader.GetString(0)}" : kind.ToString());
            }
            return (lines, reader.LinesRead);
        }

        private static string NotALogReason(byte[] content)
        {
            using var folder = new TempLogFolder();
            using var reader = LogFileReader.Open(folder.Write("X_AuditSecurity_Repository.txt", content));
            return reader.NotALogReason;
        }

        [Fact]
        public void Each_line_holding_a_marker_is_taken_once_whether_the_marker_is_its_second_byte_or_its_last()
        {
            var (lines, linesRead) = ReadAll(Bytes("Timestamp\tA\naZ\tb\nc\tdZ\ne\tf\ng\tZ\n"), "Z");

            Assert.Equal(new[] { "Record aZ", "Record c", "Record g" }, lines);
            Assert.Equal(4, linesRead);
        }

        [Fact]
        public void A_field_is_searched_and_read_from_its_first_byte_and_an_empty_one_reads_as_empty_text()
        {
            using var folder = new TempLogFolder();
            // The first line after the header is moved to the start of the buffer: its first field starts at byte 0.
            using var reader = LogFileReader.Open(folder.Write("X_AuditSecurity_Repository.txt", Bytes("Timestamp\tA\nZone\t\n")));

            Assert.Equal(LogLineKind.Record, reader.ReadLineHolding(Markers("Z")));
            Assert.True(reader.FieldContains(0, Bytes("Zo")));
            Assert.False(reader.FieldContains(0, Bytes("oZ")));
            Assert.Equal(string.Empty, reader.GetString(1));
        }

        [Fact]
        public void Only_a_terminated_two_field_line_starting_with_Signature_is_the_trailer_other_widths_are_malformed()
        {
            var content = Bytes("Timestamp\tA\tB\tC\n" +
                "Signature:\tM\n" +     // the trailer
                "Signature:\tM\tx\n" +  // Signature: but three fields
                "Signed\tM\n" +         // two fields without the prefix
                "t\tM\tb\tc\n" +        // a record
                "Signature:\tM");       // the trailer's fields, cut before its line break

            Assert.Equal(new[] { "Signature", "Malformed", "Malformed", "Record t", "Malformed" }, ReadAll(content, "M").Lines);
        }

        [Fact]
        public void A_header_without_line_break_is_the_whole_file_and_no_line_follows_it()
        {
            var (lines, linesRead) = ReadAll(Bytes("Timestamp\tA"), "Timestamp", "A");

            Assert.Empty(lines);
            Assert.Equal(0, linesRead);
        }

        [Fact]
        public void An_empty_line_at_the_start_of_a_block_is_counted_as_a_line()
        {
            // After the header the rest of the file is moved to the buffer's start: the empty line's line feed is its byte 0.
            var (lines, linesRead) = ReadAll(Bytes("Timestamp\tA\n\naZ\tb"), "Z");

            Assert.Equal(new[] { "Record aZ" }, lines);
            Assert.Equal(2, linesRead);
        }

        [Fact]
        public void A_file_starting_with_a_line_break_has_an_empty_header_however_long_the_rest()
        {
            Assert.Equal(LogMessages.NoHeader, NotALogReason(Bytes("\n" + new string('x', 70 * 1024))));
            Assert.Equal(LogMessages.NoHeader, NotALogReason(Bytes("\nX\tTimestamp\tY")));
        }

        [Fact]
        public void A_first_line_that_is_only_a_BOM_is_an_empty_header()
        {
            using var folder = new TempLogFolder();
            using var reader = LogFileReader.Open(folder.Write("X_AuditSecurity_Repository.txt", Encoding.UTF8.GetPreamble().Concat(Bytes("\nTimestamp\tA\n")).ToArray()));

            Assert.Equal(LogMessages.NoHeader, reader.NotALogReason);
            Assert.Equal(new[] { string.Empty }, reader.Columns);
        }

        [Fact]
        public void A_file_whose_first_read_fails_is_an_error_from_Open_and_no_reader_is_handed_out()
        {
            // Linux's /proc/self/mem opens, but reading at offset 0 (never mapped) fails with EIO: a disk error after the open.
            var error = Assert.ThrowsAny<IOException>(() => LogFileReader.Open("/proc/self/mem").Dispose());

            Assert.IsNotType<FileNotFoundException>(error);
        }
    }
}
