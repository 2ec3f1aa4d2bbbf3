using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>One denial written to several logs counts once; separate denials stay separate.</summary>
    public class DenialDeduplicationTests
    {
        private static List<LicenseDenialEvent> Scan(TempLogFolder folder, LicenseDenialScanOptions options = null) =>
            new LicenseDenialScanner(options).Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList();

        [Fact]
        public void Audit_and_License_lines_of_one_denial_are_one_event_whatever_the_file_order()
        {
            using var folder = new TempLogFolder();
            folder.Write("a/N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.262+0100", "CORP\\jdoe", "s1")
                .LicenseDenial("20240305T090000.000+0100", "CORP\\jdoe", "s2"));
            folder.Write("b/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.250+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T090000.010+0100", "corp", "JDOE", "s2", "p2"));

            var events = Scan(folder);

            Assert.Equal(2, events.Count);
            Assert.All(events, denial => Assert.Equal("AuditSecurity_Repository", denial.Source));
            Assert.All(events, denial => Assert.Equal(2, denial.Files.Count));
        }

        [Fact]
        public void Quick_retries_in_one_session_are_separate_denials()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080000.400+0100", "CORP", "jdoe", "s1", "p2"));
            folder.Write("N_Service_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.004+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080000.405+0100", "CORP", "jdoe", "s1", "p2"));
            folder.Write("N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.001+0100", "CORP\\jdoe", "s1")
                .LicenseDenial("20240305T080000.402+0100", "CORP\\jdoe", "s1"));

            var events = Scan(folder);

            Assert.Equal(2, events.Count);
            Assert.All(events, denial => Assert.Equal(3, denial.Files.Count));
        }

        [Fact]
        public void Different_request_ids_keep_lines_apart_even_at_the_same_instant()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("N_Service_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s2", "p2"));

            Assert.Equal(2, Scan(folder).Count);
        }

        [Fact]
        public void Lines_of_one_denial_match_across_time_zones()
        {
            using var folder = new TempLogFolder();
            folder.Write("central/N1_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("rim/N2_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T020000.300-0500", "CORP\\jdoe", "s1"));

            var denial = Assert.Single(Scan(folder));
            Assert.Equal(2, denial.Files.Count);
        }

        [Fact]
        public void Lines_further_apart_than_the_tolerance_are_separate_denials()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080003.000+0100", "CORP\\jdoe", "s1"));

            Assert.Equal(2, Scan(folder).Count);
        }

        [Fact]
        public void Other_users_at_the_same_instant_are_not_merged()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.000+0100", "CORP\\asmith", "s2"));

            Assert.Equal(new[] { "asmith", "jdoe" }, Scan(folder).Select(denial => denial.UserId).OrderBy(id => id));
        }

        [Fact]
        public void Same_log_copied_to_two_folders_counts_once()
        {
            using var folder = new TempLogFolder();
            var log = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1", id: "f9aca7ea-cef3-4d96-8fe9-7a7f5fbfa999");
            folder.Write("Log/Repository/Audit/N_AuditSecurity_Repository_2024-03-05T03.59.01Z.log", log);
            folder.Write("ArchivedLogs/N/Repository/Audit/N_AuditSecurity_Repository_2024-03-05T03.59.01Z.log", log);
            var scanner = new LicenseDenialScanner();

            var denial = Assert.Single(scanner.Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList());

            Assert.Equal(2, scanner.Statistics.DenialLines);
            Assert.Equal(1, scanner.Statistics.DuplicateLines);
            Assert.Single(denial.Files);
        }

        [Fact]
        public void Copies_are_dropped_in_the_order_the_files_are_given_not_the_order_they_finish()
        {
            // The first file is long, its copies short: read in parallel, the copies finish first. The line kept must
            // still be the first file's, as reading one file after the other keeps it.
            using var folder = new TempLogFolder();
            const string id = "f9aca7ea-cef3-4d96-8fe9-7a7f5fbfa999";
            var longLog = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns);
            for (var line = 0; line < 150_000; line++) longLog.RepositoryOther("20240305T070000.000+0100");
            longLog.RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1", id: id);
            var copy = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1", id: id);
            var files = new List<string> { folder.Write("a/N_AuditSecurity_Repository.log", longLog) };
            for (var index = 0; index < 6; index++) files.Add(folder.Write($"copy{index}/N_AuditSecurity_Repository.log", copy));

            for (var scan = 0; scan < 3; scan++)
            {
                var scanner = new LicenseDenialScanner();
                var denial = Assert.Single(scanner.Scan(files).ToList());
                Assert.Equal(files[0], denial.File);
                Assert.Equal(new[] { files[0] }, denial.Files);
                Assert.Equal(6, scanner.Statistics.DuplicateLines);
            }
        }
    }
}
