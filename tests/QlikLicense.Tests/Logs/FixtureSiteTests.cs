using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// Our own two-node site in Fixtures/logs/site (see LogTestFiles.cs for where it comes from). Its denials,
    /// in UTC: CORP\jdoe 2024-03-04 08:15:30.120 (rolled log, proxy audit and trace), 2024-03-05 07:00:00.250 and
    /// 07:00:01.900 (a retry 1.65 s later in the same session; License trace, proxy audit, and a proxy trace that
    /// lags by 0.9 s) and 10:00:00 (written cORP\JDOE); CORP\Zoë O'Brien 2024-03-04 13:00; CORP\ext\partner
    /// 2024-03-05 09:30 (message with an encoded line break); CORP\nolog 12:00 (License trace only); the service
    /// account DOMAIN\qlikservice twice (ManagementAccess). Not denials: a granted license check, an app refused
    /// by a security rule (result code AccessDenied), a granted usage.
    /// </summary>
    public class FixtureSiteTests
    {
        private static List<LicenseDenialEvent> ScanSite(LicenseDenialScanOptions options, out LogScanStatistics statistics)
        {
            var skippedFolders = new List<string>();
            var files = LogFileLocator.Resolve(LogTestFiles.FixtureSite, skippedFolders.Add).ToList();
            Assert.Empty(skippedFolders);
            var scanner = new LicenseDenialScanner(options);
            var events = scanner.Scan(files).ToList();
            statistics = scanner.Statistics;
            return events;
        }

        [Fact]
        public void People_are_reported_once_per_denial_and_grouped_per_user()
        {
            var summaries = LicenseDenialAggregator.Aggregate(ScanSite(new LicenseDenialScanOptions(), out _));

            Assert.Equal(
                new[] { "CORP\\ext\\partner:1", "CORP\\jdoe:4", "CORP\\nolog:1", "CORP\\Zoë O'Brien:1" },
                summaries.Select(summary => $"{summary.UserDirectory}\\{summary.UserId}:{summary.Count}"));

            var jdoe = summaries.Single(summary => summary.UserId == "jdoe");
            Assert.Equal(new DateTime(2024, 3, 4, 8, 15, 30, 120, DateTimeKind.Utc), jdoe.FirstDenied);
            Assert.Equal(new DateTime(2024, 3, 5, 10, 0, 0, 0, DateTimeKind.Utc), jdoe.LastDenied);
            Assert.Equal(DateTimeKind.Utc, jdoe.LastDenied.Kind);
            Assert.Equal(new[] { "::ffff:10.0.0.21", "::ffff:10.0.0.22" }, jdoe.Hostnames);
            Assert.Equal(5, jdoe.Files.Count);
            Assert.False(jdoe.IsServiceAccount);
        }

        [Fact]
        public void Service_accounts_only_on_request()
        {
            var events = ScanSite(new LicenseDenialScanOptions { IncludeServiceAccounts = true }, out var statistics);

            var service = events.Where(denial => denial.IsServiceAccount).ToList();
            Assert.Equal(2, service.Count);
            Assert.All(service, denial => Assert.Equal("qlikservice", denial.UserId));
            Assert.All(service, denial => Assert.Equal("ManagementAccess", denial.Origin));
            Assert.Equal(9, events.Count);
            Assert.Equal(0, statistics.ServiceAccountLines);

            ScanSite(new LicenseDenialScanOptions(), out var peopleOnly);
            Assert.Equal(3, peopleOnly.ServiceAccountLines);
        }

        [Fact]
        public void Denial_in_a_retry_burst_pairs_with_the_right_lines_of_every_log()
        {
            var events = ScanSite(new LicenseDenialScanOptions(), out _);

            var burst = events.Where(denial => denial.TimeUtc.Date == new DateTime(2024, 3, 5) && denial.TimeUtc.Hour == 7).ToList();
            Assert.Equal(2, burst.Count);
            foreach (var denial in burst)
            {
                Assert.Equal(
                    new[] { "QLIKFIX1_AuditSecurity_Repository.txt", "QLIKFIX1_License_Repository.txt", "QLIK_FIX2_AuditSecurity_Proxy.txt", "QLIK_FIX2_Audit_Proxy.txt" },
                    denial.Files.Select(Path.GetFileName));
            }
        }

        [Fact]
        public void Event_carries_the_best_line_and_what_other_logs_add()
        {
            var events = ScanSite(new LicenseDenialScanOptions(), out _);

            var first = events[0];
            Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 15, 30, 120, TimeSpan.FromHours(1)), first.Timestamp);
            Assert.Equal(TimeSpan.FromHours(1), first.Timestamp.Offset);
            Assert.Equal(new DateTime(2024, 3, 4, 8, 15, 30, 120, DateTimeKind.Utc), first.TimeUtc);
            Assert.Equal("AuditSecurity_Repository", first.Source);
            Assert.EndsWith("QLIKFIX1_AuditSecurity_Repository_2024-03-04T23.00.00Z.log", first.File);
            Assert.Equal("AppAccess", first.Origin);
            Assert.Equal("::ffff:10.0.0.21", first.ClientAddress);
            Assert.StartsWith("Login access denied for SessionID: '", first.Message);
            Assert.False(first.IsServiceAccount);

            var licenseOnly = events.Single(denial => denial.UserId == "nolog");
            Assert.Equal("License_Repository", licenseOnly.Source);
            Assert.Null(licenseOnly.Origin);
            Assert.Equal("::ffff:10.0.0.60", licenseOnly.ClientAddress);
            Assert.NotNull(licenseOnly.SessionId);
        }

        [Fact]
        public void Users_with_quotes_spaces_accents_and_backslashes_survive()
        {
            var events = ScanSite(new LicenseDenialScanOptions(), out _);

            var zoe = events.Single(denial => denial.UserId == "Zoë O'Brien");
            Assert.Equal("CORP", zoe.UserDirectory);
            Assert.Equal(2, zoe.Files.Count);

            var partner = events.Single(denial => denial.UserId == "ext\\partner");
            Assert.Equal("CORP", partner.UserDirectory);
            Assert.Equal(2, partner.Files.Count);
            Assert.EndsWith("OperationType: 'UsageDenied'\nSession limit reached", partner.Message);
        }

        [Fact]
        public void Odd_files_and_lines_are_skipped_and_counted()
        {
            ScanSite(new LicenseDenialScanOptions(), out var statistics);

            Assert.Equal(5, statistics.FilesRead);
            Assert.Equal(
                new[] { "README.txt:NotALog", "setup.log:NotALog", "QLIK_FIX2_Performance_Proxy.txt:NoLicenseColumns" },
                statistics.SkippedFiles.Select(skipped => $"{Path.GetFileName(skipped.Path)}:{skipped.Reason}"));
            // The live AuditSecurity log: its long line and its cut last line hold a denial's mark but are no whole
            // record; its blank and short lines hold none and are passed without a look.
            Assert.Equal(2, statistics.LinesSkipped);
            var bytesOnDisk = Directory.GetFiles(LogTestFiles.FixtureSite, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
            Assert.Equal(bytesOnDisk, statistics.BytesRead);
            Assert.Equal(21, statistics.DenialLines);
            Assert.Equal(7, statistics.Events);
        }

        [Fact]
        public void Excluded_users_are_left_out_and_asked_about_once()
        {
            var asked = new List<string>();
            var events = ScanSite(new LicenseDenialScanOptions
            {
                ExcludeUser = (directory, userId) =>
                {
                    asked.Add(directory + "\\" + userId);
                    return userId.Equals("jdoe", StringComparison.OrdinalIgnoreCase);
                },
            }, out var statistics);

            Assert.DoesNotContain(events, denial => denial.UserId.Equals("jdoe", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(3, events.Count);
            Assert.Equal(asked.Count, asked.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.True(statistics.ExcludedUserLines >= 4);
        }
    }
}
