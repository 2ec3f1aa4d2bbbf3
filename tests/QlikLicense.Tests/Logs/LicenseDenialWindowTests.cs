using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>Since/Until compare absolute instants: the log's own offset against the caller's.</summary>
    public class LicenseDenialWindowTests
    {
        private static string WriteLog(TempLogFolder folder) =>
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "early", "s1", "p1")   // 07:00Z
                .RepositoryDenial("20240305T090000.000+0100", "CORP", "middle", "s2", "p2")  // 08:00Z
                .RepositoryDenial("20240305T100000.000+0100", "CORP", "late", "s3", "p3"));  // 09:00Z

        private static string[] UsersBetween(string file, DateTimeOffset? since, DateTimeOffset? until) =>
            new LicenseDenialScanner(new LicenseDenialScanOptions { Since = since, Until = until })
                .Scan(new[] { file }).Select(denial => denial.UserId).ToArray();

        [Fact]
        public void Since_in_another_zone_is_compared_as_an_instant()
        {
            using var folder = new TempLogFolder();
            var file = WriteLog(folder);

            // 03:00 at UTC-5 is 08:00Z, which is 09:00 in the log's +0100.
            var since = new DateTimeOffset(2024, 3, 5, 3, 0, 0, TimeSpan.FromHours(-5));

            Assert.Equal(new[] { "middle", "late" }, UsersBetween(file, since, null));
            Assert.Equal(new[] { "late" }, UsersBetween(file, since.AddTicks(1), null));
        }

        [Fact]
        public void Until_is_exclusive()
        {
            using var folder = new TempLogFolder();
            var file = WriteLog(folder);

            var until = new DateTimeOffset(2024, 3, 5, 13, 30, 0, TimeSpan.FromHours(5.5)); // 08:00Z

            Assert.Equal(new[] { "early" }, UsersBetween(file, null, until));
            Assert.Equal(new[] { "middle" }, UsersBetween(file, until, until.AddMinutes(1)));
        }

        [Fact]
        public void A_denial_whose_lines_straddle_a_bound_is_judged_by_its_best_line()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T075959.990+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.010+0100", "CORP\\jdoe", "s1"));
            var boundary = new DateTimeOffset(2024, 3, 5, 7, 0, 0, TimeSpan.Zero);
            var files = LogFileLocator.Resolve(folder.Path, _ => { }).ToList();

            var before = new LicenseDenialScanner(new LicenseDenialScanOptions { Until = boundary }).Scan(files).ToList();
            var after = new LicenseDenialScanner(new LicenseDenialScanOptions { Since = boundary }).Scan(files).ToList();

            Assert.Equal(2, Assert.Single(before).Files.Count);
            Assert.Empty(after);
        }

        [Fact]
        public void A_line_the_whole_tolerance_before_since_still_joins_its_denial()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T075958.000+0100", "CORP\\jdoe", "s1"));
            var since = new DateTimeOffset(2024, 3, 5, 7, 0, 0, TimeSpan.Zero);
            var scanner = new LicenseDenialScanner(new LicenseDenialScanOptions { Since = since });

            var denial = Assert.Single(scanner.Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList());

            Assert.Equal(2, denial.Files.Count);
            Assert.Equal(0, scanner.Statistics.OutsideWindowLines);
        }

        [Fact]
        public void A_window_from_the_earliest_to_the_latest_instant_holds_every_denial_and_an_empty_one_none()
        {
            using var folder = new TempLogFolder();
            var file = WriteLog(folder);
            var instant = new DateTimeOffset(2024, 3, 5, 8, 0, 0, TimeSpan.Zero);

            Assert.Equal(new[] { "early", "middle", "late" }, UsersBetween(file, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
            Assert.Empty(UsersBetween(file, instant, instant));
        }

        [Fact]
        public void Since_after_until_is_refused()
        {
            var now = DateTimeOffset.UtcNow;
            Assert.Throws<ArgumentException>(() => new LicenseDenialScanner(new LicenseDenialScanOptions { Since = now, Until = now.AddTicks(-1) }));
        }
    }
}
