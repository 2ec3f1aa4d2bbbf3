using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The PowerShell 7 build searches a log longer than its first read mapped into memory, from the end of its header,
    /// in windows of the read buffer's first size, and copies out only the lines it returns; the Windows PowerShell
    /// build (these tests run there too, in QlikLicense.Desktop.Tests) reads every file into its buffer. Either way a
    /// file reads as its stream reads it, but a mapped file ends at its length when it was opened.
    /// </summary>
    public sealed class LogFileMappingTests
    {
        private const int MaxLineBytes = 16 * 1024 * 1024;
        private static readonly byte[][] Markers = { Bytes("\tdenied"), Bytes("ZZ") };

#if WINDOWS_POWERSHELL_ENGINE
        private static readonly bool EngineMaps = false;

        private static bool IsMapped(LogFileReader reader) => false;
#else
        private static readonly bool EngineMaps = true;

        private static bool IsMapped(LogFileReader reader) => reader.IsMapped;
#endif

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        /// <summary>Every line the markers take (its kind, and for a record its fields), the lines and bytes passed, and whether the file was mapped.</summary>
        private static (List<string> Lines, long LinesRead, long BytesRead, bool Mapped) Read(LogFileReader reader)
        {
            Assert.Null(reader.NotALogReason);
            var lines = new List<string>();
            LogLineKind kind;
            while ((kind = reader.ReadLineHolding(Markers)) != LogLineKind.End)
            {
                lines.Add(kind == LogLineKind.Record ? string.Join("|", Enumerable.Range(0, reader.Columns.Length).Select(reader.GetString)) : kind.ToString());
            }
            return (lines, reader.LinesRead, reader.BytesRead, IsMapped(reader));
        }

        private static (List<string> Lines, long LinesRead, long BytesRead, bool Mapped) Read(string file, int blockBytes = LogFileReader.InitialBufferBytes)
        {
            using var reader = LogFileReader.Open(file, blockBytes);
            return Read(reader);
        }

        /// <summary>
        /// Three columns; many short lines around lines longer than the small windows, CRLF and LF, empty lines,
        /// markers at a line's start and end, a line holding both markers, a malformed line, the Signature trailer,
        /// and a last line without its line break.
        /// </summary>
        private static byte[] MixedLog(string lastLine)
        {
            var text = new StringBuilder("\uFEFFTimestamp\tUser\tResult\r\n");
            for (var line = 0; line < 240; line++)
            {
                text.Append(line % 7 == 3 ? $"t{line}\tuser{line}\tdenied\r\n" : $"t{line}\tuser{line}\tgranted\n");
                if (line % 20 == 5) text.Append($"t{line}\t{new string('é', 150)}\tdenied\n");
                if (line % 20 == 9) text.Append("\n\r\n");
                if (line % 20 == 13) text.Append($"ZZ{line}\tboth ZZ\tdenied\r\n");
                if (line % 20 == 17) text.Append($"t{line}\tdenied\n");
            }
            text.Append("Signature:\tZZ0a1b\r\n").Append(lastLine);
            return Bytes(text.ToString());
        }

        [Fact]
        public void A_file_longer_than_the_first_read_is_searched_in_windows_of_every_size_and_reads_as_its_stream_reads_it()
        {
            using var folder = new TempLogFolder();
            var bytes = MixedLog("tLast\tuserLast\tdenied");
            var file = folder.Write("X_AuditSecurity_Repository.txt", bytes);

            // The first read takes the whole file: no mapping, the stream's reading.
            var streamed = Read(file);
            Assert.False(streamed.Mapped);
            Assert.Equal(bytes.Length, streamed.BytesRead);
            Assert.Contains("Signature", streamed.Lines);
            Assert.Equal("tLast|userLast|denied", streamed.Lines[^1]);

            foreach (var blockBytes in Enumerable.Range(1, 150).Append(4096))
            {
                var read = Read(file, blockBytes);

                Assert.Equal(EngineMaps, read.Mapped);
                Assert.True(streamed.Lines.SequenceEqual(read.Lines), $"windows of {blockBytes} bytes: {string.Join(", ", read.Lines)}");
                Assert.Equal(streamed.LinesRead, read.LinesRead);
                Assert.Equal(streamed.BytesRead, read.BytesRead);
            }
        }

        [Fact]
        public void A_mapped_files_last_line_without_its_line_break_is_a_record_when_its_fields_are_whole_and_malformed_when_cut()
        {
            using var folder = new TempLogFolder();
            var whole = folder.Write("A_AuditSecurity_Repository.txt", MixedLog("tLast\tuserLast\tdenied"));
            var cut = folder.Write("B_AuditSecurity_Repository.txt", MixedLog("tLast\tdenied"));
            var empty = folder.Write("C_AuditSecurity_Repository.txt", MixedLog(string.Empty));

            foreach (var blockBytes in new[] { 1, 2, 3, 16, 21, 22, 23, 64 })
            {
                var fromWhole = Read(whole, blockBytes);
                var fromCut = Read(cut, blockBytes);
                var fromEmpty = Read(empty, blockBytes);

                Assert.Equal(EngineMaps, fromWhole.Mapped);
                Assert.Equal("tLast|userLast|denied", fromWhole.Lines[^1]);
                Assert.Equal("Malformed", fromCut.Lines[^1]);
                Assert.Equal("Signature", fromEmpty.Lines[^1]);
                Assert.Equal(fromEmpty.LinesRead + 1, fromWhole.LinesRead);
                Assert.Equal(fromWhole.LinesRead, fromCut.LinesRead);
            }
        }

        [Fact]
        public void A_file_growing_while_it_is_read_is_read_to_its_length_when_mapped_and_to_its_end_when_streamed()
        {
            using var folder = new TempLogFolder();
            var text = new StringBuilder("Timestamp\tUser\tResult\n");
            for (var line = 0; line < 40; line++) text.Append($"t{line}\tuser{line}\tgranted\n");
            text.Append("t1\tfirst\tdenied\nt2\tsecond\tdenied");
            var opened = Bytes(text.ToString());
            var file = folder.Write("X_AuditSecurity_Repository.txt", opened);

            using var reader = LogFileReader.Open(file, 32);
            using (var writer = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                writer.Write(Bytes(" later\nt3\tthird\tdenied\n"));
            }
            var read = Read(reader);

            Assert.Equal(EngineMaps, read.Mapped);
            if (EngineMaps)
            {
                // The line being written when the file was opened ends there, as a stream that read it then would end it.
                Assert.Equal(new[] { "t1|first|denied", "t2|second|denied" }, read.Lines);
                Assert.Equal(42, read.LinesRead);
                Assert.Equal(opened.Length, read.BytesRead);
            }
            else
            {
                Assert.Equal(new[] { "t1|first|denied", "t2|second|denied later", "t3|third|denied" }, read.Lines);
                Assert.Equal(43, read.LinesRead);
                Assert.Equal(new FileInfo(file).Length, read.BytesRead);
            }
        }

        [Fact]
        public void An_empty_file_a_header_alone_and_a_file_the_first_read_takes_whole_are_not_mapped()
        {
            using var folder = new TempLogFolder();
            var empty = folder.Write("A_AuditSecurity_Repository.txt", Array.Empty<byte>());
            var headerAlone = folder.Write("B_AuditSecurity_Repository.txt", Bytes("Timestamp\tUser\tResult\r\n"));
            var small = folder.Write("C_AuditSecurity_Repository.txt", Bytes("Timestamp\tUser\tResult\nt1\tu1\tdenied\n"));

            foreach (var blockBytes in new[] { 1, 7, LogFileReader.InitialBufferBytes })
            {
                using (var reader = LogFileReader.Open(empty, blockBytes))
                {
                    Assert.Equal(LogMessages.EmptyFile, reader.NotALogReason);
                    Assert.False(IsMapped(reader));
                }
                var fromHeader = Read(headerAlone, blockBytes);
                Assert.False(fromHeader.Mapped);
                Assert.Empty(fromHeader.Lines);
                Assert.Equal(0, fromHeader.LinesRead);
            }
            var fromSmall = Read(small);
            Assert.False(fromSmall.Mapped);
            Assert.Equal(new[] { "t1|u1|denied" }, fromSmall.Lines);
        }

        [Fact]
        public void A_line_one_byte_under_16_MB_is_read_whole_and_one_of_16_MB_is_passed_as_malformed_with_or_without_its_line_break()
        {
            using var folder = new TempLogFolder();
            var file = Path.Combine(folder.Path, "X_AuditSecurity_Repository.txt");
            using (var stream = File.Create(file))
            {
                void Write(string line) => stream.Write(Bytes(line));
                Write("Timestamp\tUser\tResult\n");
                Write("t1\t" + new string('a', MaxLineBytes - 1 - "t1\t\tdenied".Length) + "\tdenied\n");
                Write("t2\t" + new string('b', MaxLineBytes - "t2\t\tdenied".Length) + "\tdenied\n");
                Write("t3\tshort\tdenied\n");
                Write("t4\t" + new string('c', MaxLineBytes - "t4\t\tdenied".Length) + "\tdenied");
            }

            var read = Read(file);

            Assert.Equal(EngineMaps, read.Mapped);
            Assert.Equal(4, read.Lines.Count);
            Assert.Equal(MaxLineBytes - 1, read.Lines[0].Length);
            Assert.StartsWith("t1|aaa", read.Lines[0]);
            Assert.Equal(new[] { "Malformed", "t3|short|denied", "Malformed" }, read.Lines.Skip(1));
            Assert.Equal(4, read.LinesRead);
            Assert.Equal(new FileInfo(file).Length, read.BytesRead);
        }

        [Fact]
        public void A_named_pipe_which_cannot_be_mapped_is_read_from_its_stream()
        {
            // Windows has no named pipes among a folder's files: nothing to read there.
            if (OperatingSystem.IsWindows()) return;
            using var folder = new TempLogFolder();
            var bytes = MixedLog("tLast\tuserLast\tdenied");
            var expected = Read(folder.Write("A_AuditSecurity_Repository.txt", bytes));
            var pipe = Path.Combine(folder.Path, "B_AuditSecurity_Repository.txt");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();

            // The writer waits for the reader to open the pipe.
            var writer = Task.Run(() =>
            {
                using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
                stream.Write(bytes);
            });
            var read = Read(pipe, 64);
            writer.Wait();

            Assert.False(read.Mapped);
            Assert.Equal(expected.Lines, read.Lines);
            Assert.Equal(expected.LinesRead, read.LinesRead);
            Assert.Equal(bytes.Length, read.BytesRead);
        }

#if !WINDOWS_POWERSHELL_ENGINE
        [Fact]
        public void A_file_shorter_than_the_length_to_map_is_not_mapped_and_no_span_reaches_past_the_mapping()
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("X_AuditSecurity_Repository.txt", Bytes("Timestamp\tUser\n0123456789"));
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

            Assert.Null(MappedLogFile.TryMap(stream, stream.Length + 1));
            using var mapped = MappedLogFile.TryMap(stream, stream.Length);
            Assert.NotNull(mapped);
            Assert.Equal("0123456789", Encoding.ASCII.GetString(mapped.Bytes(15, 10)));
            Assert.Throws<ArgumentOutOfRangeException>(() => mapped.Bytes(15, 11).Length);
            Assert.Throws<ArgumentOutOfRangeException>(() => mapped.Bytes(26, 0).Length);
            Assert.Equal(0, stream.Position);
        }
#endif
    }
}
