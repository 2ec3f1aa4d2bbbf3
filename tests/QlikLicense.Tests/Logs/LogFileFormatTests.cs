using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>How the reader copes with the ways log files differ or break (files written by LogFileBuilder).</summary>
    public class LogFileFormatTests
    {
        private static List<LicenseDenialEvent> Scan(out LogScanStatistics statistics, params string[] files)
        {
            var scanner = new LicenseDenialScanner();
            var events = scanner.Scan(files).ToList();
            statistics = scanner.Statistics;
            return events;
        }

        [Theory]
        [InlineData(true, "\r\n")]
        [InlineData(false, "\r\n")]
        [InlineData(true, "\n")]
        [InlineData(false, "\n")]
        public void Reads_with_or_without_BOM_and_with_CRLF_or_LF(bool bom, string lineBreak)
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("X_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { Bom = bom, LineBreak = lineBreak }
                .RepositoryOther("20240305T075900.000+0100")
                .RepositoryDenial("20240305T080000.250+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080500.000+0100", "CORP", "Zoë", "s2", "p2"));

            var events = Scan(out var statistics, file);

            Assert.Equal(new[] { "jdoe", "Zoë" }, events.Select(denial => denial.UserId));
            Assert.Equal("CORP", events[0].UserDirectory);
            Assert.Equal(0, statistics.LinesSkipped);
            Assert.Equal(3, statistics.LinesRead);
            Assert.Equal(new FileInfo(file).Length, statistics.BytesRead);
        }

        [Fact]
        public void Columns_are_found_by_name_in_each_file()
        {
            using var folder = new TempLogFolder();
            var reversed = LogFileBuilder.AuditSecurityColumns.Reverse().ToArray();
            var narrow = new[] { "Timestamp", "UserId", "Result", "UserDirectory", "Command", "Sequence#" };
            var files = new[]
            {
                folder.Write("A_AuditSecurity_Repository.txt", new LogFileBuilder(reversed).RepositoryDenial("20240305T080000.000+0100", "CORP", "first", "s1", "p1")),
                folder.Write("B_Service_Repository.txt", new LogFileBuilder(narrow).RepositoryDenial("20240305T090000.000+0100", "CORP", "second", "s2", "p2")),
            };

            var events = Scan(out _, files);

            Assert.Equal(new[] { "first", "second" }, events.Select(denial => denial.UserId));
            Assert.Null(events[1].Message);
            Assert.Equal("AppAccess", events[0].Origin);
        }

        [Fact]
        public void Cut_last_line_is_skipped_but_a_whole_last_line_without_line_break_is_read()
        {
            using var folder = new TempLogFolder();
            var whole = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns).RepositoryDenial("20240305T080000.000+0100", "CORP", "last", "s1", "p1").ToBytes();
            var withoutFinalBreak = whole.Take(whole.Length - 2).ToArray();
            var cut = whole.Take(whole.Length - 120).ToArray();

            Assert.Single(Scan(out var wholeStatistics, folder.Write("A_AuditSecurity_Repository.txt", withoutFinalBreak)));
            Assert.Equal(0, wholeStatistics.LinesSkipped);
            Assert.Empty(Scan(out var cutStatistics, folder.Write("B_AuditSecurity_Repository.txt", cut)));
            Assert.Equal(1, cutStatistics.LinesSkipped);
        }

        [Fact]
        public void Blank_and_short_lines_are_passed_and_long_or_unreadable_denial_lines_are_counted_not_fatal()
        {
            using var folder = new TempLogFolder();
            var denial = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns) { Bom = false, LineBreak = "\n" }
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "x", "s", "p").ToBytes();
            var denialLine = Encoding.UTF8.GetString(denial).Split('\n')[1];
            var file = folder.Write("X_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .Line("")
                .Line("1\t20.4.2.0\t20240305T080000.000+0100")
                .Line(denialLine + "\textra")
                .Line(denialLine.Replace("20240305T080000.000+0100", "2024-03-05 08:00"))
                .Line(denialLine.Replace("\tCORP\tx\t", "\t\t\t"))
                .RepositoryDenial("20240305T090000.000+0100", "CORP", "kept", "s2", "p2"));

            var events = Scan(out var statistics, file);

            Assert.Equal("kept", Assert.Single(events).UserId);
            Assert.Equal(6, statistics.LinesRead);
            // The denial with an extra field, the unreadable time and the missing user; the blank and short lines hold no denial's mark.
            Assert.Equal(3, statistics.LinesSkipped);
        }

        [Fact]
        public void Signature_trailer_of_rolled_files_is_neither_a_record_nor_an_error()
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("X_AuditSecurity_Repository_2024-03-05T03.59.01Z.log", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1")
                .Line("Signature:\t7cf3e4768228884815499e917185bf1fd7f1008d"));

            var events = Scan(out var statistics, file);

            Assert.Equal("AuditSecurity_Repository", Assert.Single(events).Source);
            Assert.Equal(0, statistics.LinesSkipped);
            Assert.Equal(2, statistics.LinesRead);
        }

        [Fact]
        public void Files_that_are_not_logs_are_skipped_with_a_reason()
        {
            using var folder = new TempLogFolder();
            var log = folder.Write("X_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            var files = new[]
            {
                folder.Write("empty.txt", Array.Empty<byte>()),
                folder.Write("notes.txt", Encoding.UTF8.GetBytes("just\ttext\r\n")),
                folder.Write("binary.log", Enumerable.Range(0, 200_000).Select(index => (byte)(index % 7 == 0 ? 9 : 65 + index % 26)).ToArray()),
                folder.Write("utf16.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Sequence#\tTimestamp\r\n")).ToArray()),
                Path.Combine(folder.Path, "vanished.txt"),
                log,
            };

            var events = Scan(out var statistics, files);

            Assert.Single(events);
            Assert.Equal(1, statistics.FilesRead);
            Assert.Equal(
                new[] { LogFileSkipReason.NotALog, LogFileSkipReason.NotALog, LogFileSkipReason.NotALog, LogFileSkipReason.NotALog, LogFileSkipReason.Unreadable },
                statistics.SkippedFiles.Select(skipped => skipped.Reason));
            Assert.Equal("not a Qlik Sense log: empty file", statistics.SkippedFiles[0].Detail);
            Assert.Equal(files[0] + ": not a Qlik Sense log: empty file", statistics.SkippedFiles[0].ToString());
        }

        [Fact]
        public void File_still_open_for_writing_by_the_service_is_read()
        {
            using var folder = new TempLogFolder();
            var file = Path.Combine(folder.Path, "X_AuditSecurity_Repository.txt");
            var content = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns).RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1").ToBytes();
            using var writer = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            writer.Write(content, 0, content.Length);
            writer.Flush();

            var scanner = new LicenseDenialScanner();
            using var events = scanner.Scan(new[] { file }).GetEnumerator();
            Assert.True(events.MoveNext());
            Assert.Equal("jdoe", events.Current.UserId);
        }

        [Fact]
        public void Lines_longer_than_the_read_buffer_are_read_whole()
        {
            using var folder = new TempLogFolder();
            var longUser = new string('u', 300_000);
            var file = folder.Write("X_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", longUser, "s1", "p1")
                .RepositoryDenial("20240305T090000.000+0100", "CORP", "short", "s2", "p2"));

            var events = Scan(out _, file);

            Assert.Equal(new[] { longUser, "short" }, events.Select(denial => denial.UserId));
        }

        [Fact]
        public void Cancellation_stops_the_scan()
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("X_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            Assert.Throws<OperationCanceledException>(() => new LicenseDenialScanner().Scan(new[] { file }, cancellation.Token).ToList());
        }

        [Fact]
        public void Cancellation_is_honoured_between_denial_lines_of_one_file()
        {
            using var folder = new TempLogFolder();
            var log = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns);
            for (var index = 0; index < 1000; index++) log.RepositoryDenial("20240305T080000.000+0100", "CORP", "user" + index, "s" + index, "p" + index);
            var file = folder.Write("X_AuditSecurity_Repository.txt", log);
            using var cancellation = new CancellationTokenSource();
            // The exclusion filter runs on the first denial line: cancelling there is cancelling mid-file, in the first block read.
            var scanner = new LicenseDenialScanner(new LicenseDenialScanOptions
            {
                ExcludeUser = (directory, userId) =>
                {
                    cancellation.Cancel();
                    return false;
                },
            });

            Assert.Throws<OperationCanceledException>(() => scanner.Scan(new[] { file }, cancellation.Token).ToList());
            Assert.Equal(1, scanner.Statistics.DenialLines);
        }
    }
}
