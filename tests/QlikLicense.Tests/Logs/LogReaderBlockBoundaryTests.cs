using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The reader searches blocks of the file for the denial marker and finds a line's bounds and fields around a hit.
    /// Reading one file with every block size from 1 byte up puts a block boundary at every position of every line:
    /// between CR and LF, inside the marker, inside a multi-byte UTF-8 character, and before lines longer than the
    /// block. Every size must find the same lines, kinds, fields and denials, and count every line.
    /// </summary>
    public sealed class LogReaderBlockBoundaryTests
    {
        private const string MultiByteUser = "Zoë Ångström 日本 😀";
        private static readonly string LongUser = new string('u', 700) + "é";

        /// <summary>
        /// The lines holding a marker of the audit layout (TAB "License user access" TAB "403" TAB, or NoAvailableAccessType),
        /// in file order; the others are passed without a look.
        /// </summary>
        private static readonly LogLineKind[] ExpectedKinds =
        {
            LogLineKind.Record, // denial, multi-byte user
            LogLineKind.Malformed, // a denial cut after its Result: a marker, too few fields
            LogLineKind.Record, // denial, user longer than the small blocks
            LogLineKind.Record, // a proxy's denial: Result 403 of another command, NoAvailableAccessType in the message
            LogLineKind.Record, // NoAvailableAccessType in a message, Result 200: a marker without a denial
            LogLineKind.Record, // denial whose message names NoAvailableAccessType too: both markers, one line
        };

        [Fact]
        public void Every_block_size_reads_the_same_lines_fields_and_denials()
        {
            using var folder = new TempLogFolder();
            var cutDenial = string.Join("\t", DenialLine("cut").Split('\t').Take(Array.IndexOf(LogFileBuilder.AuditSecurityColumns, "Result") + 2));
            var bytes = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { LineBreak = "\r\n" }
                .RepositoryOther("20240305T075900.000+0100")
                .RepositoryDenial("20240305T080000.250+0100", "CORP", MultiByteUser, "s1", "p1")
                .Line("a\tb\tc")
                .Line(cutDenial)
                .RepositoryDenial("20240305T080100.000+0100", "CORP", LongUser, "s2", "p2")
                .RepositoryOther("20240305T080200.000+0100", command: "License professional access", result: "403")
                .Line(string.Empty)
                .Row(new Dictionary<string, string> { ["Timestamp"] = "20240305T080300.000+0100", ["Message"] = "Took 403 ms", ["Result"] = "0" })
                .Row(new Dictionary<string, string> { ["Timestamp"] = "20240305T080400.000+0100", ["Message"] = "403", ["Result"] = "0" })
                .Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = "20240305T080410.000+0100", ["UserDirectory"] = "CORP", ["UserId"] = "proxied",
                    ["Command"] = "Add app privileges", ["Result"] = "403", ["Message"] = "Access to app denied, result code 'NoAvailableAccessType'",
                })
                .Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = "20240305T080420.000+0100", ["Command"] = "Add app privileges", ["Result"] = "200", ["Message"] = "NoAvailableAccessType",
                })
                .Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = "20240305T080500.000+0100", ["UserDirectory"] = "CORP", ["UserId"] = "twice",
                    ["Command"] = "License user access", ["Result"] = "403", ["Message"] = "403 NoAvailableAccessType",
                })
                .Line("Signature:\t0a1b2c")
                .ToBytes();
            var file = folder.Write("X_AuditSecurity_Repository.txt", bytes);

            foreach (var blockBytes in Enumerable.Range(1, 320).Concat(new[] { 4096, LogFileReader.InitialBufferBytes }))
            {
                var read = Read(file, blockBytes);

                Assert.True(ExpectedKinds.SequenceEqual(read.Kinds), $"block of {blockBytes} bytes: {string.Join(", ", read.Kinds)}");
                Assert.True(new[] { MultiByteUser, LongUser, "proxied", "twice" }.SequenceEqual(read.DeniedUsers), $"block of {blockBytes} bytes: {string.Join(", ", read.DeniedUsers)}");
                Assert.Equal("403 NoAvailableAccessType", read.LastMessage);
                Assert.Equal(13, read.LinesRead);
                Assert.Equal(bytes.Length, read.BytesRead);
            }
        }

        [Fact]
        public void A_last_line_without_line_break_is_whole_at_every_block_size_and_a_cut_one_is_malformed_or_passed()
        {
            using var folder = new TempLogFolder();
            var result = Array.IndexOf(LogFileBuilder.AuditSecurityColumns, "Result");
            var whole = folder.Write("A_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { LineBreak = "\n", Bom = false }
                .Unterminated(DenialLine(MultiByteUser)));
            var cutAfterMarker = folder.Write("B_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { LineBreak = "\n", Bom = false }
                .Unterminated(string.Join("\t", DenialLine(MultiByteUser).Split('\t').Take(result + 2))));
            var cutBeforeMarker = folder.Write("C_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { LineBreak = "\n", Bom = false }
                .Unterminated(string.Join("\t", DenialLine(MultiByteUser).Split('\t').Take(10))));

            foreach (var blockBytes in Enumerable.Range(1, 80))
            {
                Assert.Equal(new[] { MultiByteUser }, Read(whole, blockBytes).DeniedUsers);
                var afterMarker = Read(cutAfterMarker, blockBytes);
                Assert.Equal(new[] { LogLineKind.Malformed }, afterMarker.Kinds);
                Assert.Equal(1, afterMarker.LinesRead);
                var beforeMarker = Read(cutBeforeMarker, blockBytes);
                Assert.Empty(beforeMarker.Kinds);
                Assert.Equal(1, beforeMarker.LinesRead);
            }
        }

        [Fact]
        public void One_buffer_passed_from_file_to_file_reads_what_a_fresh_buffer_reads()
        {
            using var folder = new TempLogFolder();
            // The long file grows the small buffer for its long line; the short one then starts in the grown buffer,
            // behind the long file's bytes, and must see none of them.
            var longFile = folder.Write("A_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.250+0100", "CORP", LongUser, "s1", "p1")
                .RepositoryDenial("20240305T080100.000+0100", "CORP", MultiByteUser, "s2", "p2")
                .Line("a\tb\tc"));
            var shortFile = folder.Write("B_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { Bom = false }
                .RepositoryDenial("20240305T080200.000+0100", "CORP", "jdoe", "s3", "p3"));

            const int blockBytes = 7;
            var shared = new LogReadBuffer(blockBytes);
            foreach (var file in new[] { longFile, shortFile, longFile, shortFile })
            {
                var reused = Read(() => LogFileReader.Open(file, shared));
                var fresh = Read(file, blockBytes);

                Assert.Equal(fresh.Kinds, reused.Kinds);
                Assert.Equal(fresh.DeniedUsers, reused.DeniedUsers);
                Assert.Equal(fresh.LastMessage, reused.LastMessage);
                Assert.Equal(fresh.BytesRead, reused.BytesRead);
                Assert.Equal(fresh.LinesRead, reused.LinesRead);
            }
            Assert.True(shared.Bytes.Length > LongUser.Length, "the long line grew the shared buffer");
        }

        [Fact]
        public void A_line_whose_marker_or_empty_first_field_starts_the_block_is_read_at_every_block_size()
        {
            using var folder = new TempLogFolder();
            // Command and Result first: the marker of a denial is at the very start of its line, and the first line after
            // the header always starts the block searched. A later line holds only the other marker, the result code.
            var markerFirst = folder.Write("A_AuditSecurity_Repository.txt", new LogFileBuilder(new[] { "Command", "Result", "Timestamp", "UserDirectory", "UserId", "Message" }) { Bom = false }
                .Row(Denial("first", "License user access", "denied"))
                .Row(Denial("granted", "License user access", "granted", result: "0"))
                .Row(Denial("proxied", "Add app privileges", "result code 'NoAvailableAccessType'"))
                .Row(Denial("third", "License user access", "denied")));
            // An empty first field: the line starts with a TAB.
            var emptyFirst = folder.Write("B_AuditSecurity_Repository.txt", new LogFileBuilder(new[] { "Sequence#", "Timestamp", "UserDirectory", "UserId", "Command", "Result", "Message" })
                .Row(Denial("first", "License user access", "denied", sequence: string.Empty))
                .Row(Denial("second", "License user access", "denied", sequence: string.Empty)));

            foreach (var blockBytes in Enumerable.Range(1, 200).Append(LogFileReader.InitialBufferBytes))
            {
                Assert.Equal(new[] { "first", "proxied", "third" }, Read(markerFirst, blockBytes).DeniedUsers);
                Assert.Equal(new[] { "first", "second" }, Read(emptyFirst, blockBytes).DeniedUsers);
            }
        }

        private static Dictionary<string, string> Denial(string user, string command, string message, string result = "403", string sequence = "1") => new()
        {
            ["Sequence#"] = sequence, ["Timestamp"] = "20240305T080000.250+0100", ["UserDirectory"] = "CORP", ["UserId"] = user,
            ["Command"] = command, ["Result"] = result, ["Message"] = message,
        };

        private static string DenialLine(string user)
        {
            var bytes = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { Bom = false, LineBreak = "\n" }
                .RepositoryDenial("20240305T080000.250+0100", "CORP", user, "s1", "p1").ToBytes();
            return Encoding.UTF8.GetString(bytes).Split('\n')[1];
        }

        private static (List<LogLineKind> Kinds, List<string> DeniedUsers, string LastMessage, long LinesRead, long BytesRead) Read(string file, int blockBytes) =>
            Read(() => LogFileReader.Open(file, blockBytes));

        private static (List<LogLineKind> Kinds, List<string> DeniedUsers, string LastMessage, long LinesRead, long BytesRead) Read(Func<LogFileReader> open)
        {
            using var reader = open();
            Assert.Null(reader.NotALogReason);
            var layout = LicenseDenialRecognizer.ForColumns(reader.Columns);
            Assert.NotNull(layout);
            var userId = Array.IndexOf(reader.Columns, "UserId");
            var message = Array.IndexOf(reader.Columns, "Message");

            var kinds = new List<LogLineKind>();
            var deniedUsers = new List<string>();
            var lastMessage = string.Empty;
            LogLineKind kind;
            while ((kind = reader.ReadLineHolding(layout.Markers)) != LogLineKind.End)
            {
                kinds.Add(kind);
                if (kind != LogLineKind.Record) continue;
                lastMessage = reader.GetString(message);
                if (layout.Recognize(reader) != null) deniedUsers.Add(reader.GetString(userId));
            }
            return (kinds, deniedUsers, lastMessage, reader.LinesRead, reader.BytesRead);
        }
    }
}
