using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The real April 2018 logs in ../shared/log-samples, read as they are: 229 denials, 220 of them the service
    /// account DOMAIN\qvservice polled by the monitoring apps, 9 of DOMAIN\administrator (1 in the rolled
    /// AuditSecurity log, 8 in the live one), each also written to other logs.
    /// </summary>
    public class RealLogSampleTests
    {
        private static List<LicenseDenialEvent> Scan(LicenseDenialScanOptions options, out LogScanStatistics statistics)
        {
            var files = LogFileLocator.Resolve(LogTestFiles.SharedSamples, skipped => throw new Xunit.Sdk.XunitException(skipped));
            var scanner = new LicenseDenialScanner(options);
            var events = scanner.Scan(files).ToList();
            statistics = scanner.Statistics;
            return events;
        }

        [SharedLogSamplesFact]
        public void People_only_by_default_nine_denials_of_one_user()
        {
            var events = Scan(new LicenseDenialScanOptions(), out var statistics);

            var summary = Assert.Single(LicenseDenialAggregator.Aggregate(events));
            Assert.Equal("DOMAIN", summary.UserDirectory);
            Assert.Equal("administrator", summary.UserId);
            Assert.Equal(9, summary.Count);
            Assert.Equal(new DateTime(2019, 1, 31, 15, 38, 33, 610, DateTimeKind.Utc), summary.FirstDenied);
            Assert.Equal(DateTimeKind.Utc, summary.FirstDenied.Kind);
            Assert.Equal(new DateTime(2019, 2, 1, 7, 20, 48, 749, DateTimeKind.Utc), summary.LastDenied);
            Assert.Equal(new[] { "::ffff:172.16.16.100" }, summary.Hostnames);
            Assert.Contains(summary.Files, file => file.EndsWith("QLIKSERVER1_AuditSecurity_Repository_2019-02-01T03.59.01Z.log"));
            Assert.Contains(summary.Files, file => file.EndsWith("QLIKSERVER1_AuditSecurity_Repository.txt"));
            Assert.All(events, denial => Assert.Equal("AppAccess", denial.Origin));
            Assert.All(events, denial => Assert.Equal("AuditSecurity_Repository", denial.Source));

            Assert.Equal(16, statistics.FilesSkipped);
            Assert.Equal(0, statistics.LinesSkipped);
            Assert.True(statistics.ServiceAccountLines > 0);
        }

        [SharedLogSamplesFact]
        public void Each_denial_counted_once_across_the_logs_that_record_it()
        {
            var events = Scan(new LicenseDenialScanOptions { IncludeServiceAccounts = true }, out var statistics);

            Assert.Equal(229, events.Count);
            var byUser = LicenseDenialAggregator.Aggregate(events).ToDictionary(summary => summary.UserId);
            Assert.Equal(220, byUser["qvservice"].Count);
            Assert.True(byUser["qvservice"].IsServiceAccount);
            Assert.Equal(new[] { "::1" }, byUser["qvservice"].Hostnames);
            Assert.Equal(9, byUser["administrator"].Count);
            Assert.False(byUser["administrator"].IsServiceAccount);
            Assert.Equal(statistics.DenialLines, events.Count + statistics.DuplicateLines);

            // The app openings at 08:19-08:20 reached the proxy: repository audit and service, License trace,
            // proxy audit, service and Audit trace all recorded them. The QMC opening at 08:08 never reached the proxy's app check.
            var appOpening = events.Single(denial => denial.Timestamp == new DateTimeOffset(2019, 2, 1, 8, 19, 41, 943, TimeSpan.FromHours(1)));
            Assert.Equal(6, appOpening.Files.Count);
            Assert.Equal("8d7541cb-4205-4e57-b6ea-668edc0b5704", appOpening.SessionId);
            var qmcOpening = events.Single(denial => denial.Timestamp == new DateTimeOffset(2019, 2, 1, 8, 8, 42, 467, TimeSpan.FromHours(1)));
            Assert.Equal(3, qmcOpening.Files.Count);
        }
    }
}
