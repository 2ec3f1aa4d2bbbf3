using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>What the scan returns in which order, what it counts, and which lines it lets through its window.</summary>
    public class LicenseDenialScannerTests
    {
        private static readonly DateTimeOffset Eight = new DateTimeOffset(2024, 3, 5, 8, 0, 0, TimeSpan.FromHours(1));

        private static List<LicenseDenialEvent> Scan(LicenseDenialScanner scanner, TempLogFolder folder) =>
            scanner.Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList();

        /// <summary>
        /// The scan's order is a stable sort by time, then directory and user id ignoring case: many events at few
        /// instants and for few users, spelled in two cases, as LINQ's stable ordering gives them.
        /// </summary>
        [Property(MaxTest = 200)]
        public Property Events_come_in_time_then_user_order_and_equal_ones_in_the_order_given(byte[] traits)
        {
            string[] directories = { "CORP", "corp", "ACME" };
            string[] users = { "jdoe", "JDoe", "asmith" };
            var events = traits.Select((trait, index) => new LicenseDenialEvent(
                Eight.AddMilliseconds(trait % 3), directories[trait / 3 % 3], users[trait / 9 % 3], null, null, null, "AuditSecurity_Repository",
                "line" + index, null, null, isServiceAccount: false)).ToList();

            var expected = events.OrderBy(denial => denial.Timestamp.UtcTicks)
                .ThenBy(denial => denial.UserDirectory, StringComparer.OrdinalIgnoreCase)
                .ThenBy(denial => denial.UserId, StringComparer.OrdinalIgnoreCase).Select(denial => denial.File);
            var ordered = LicenseDenialScanner.InTimeOrder(events).Select(denial => denial.File);
            return ordered.SequenceEqual(expected).Label(string.Join(" ", ordered));
        }

        [Fact]
        public void Scanning_no_list_of_files_is_refused_at_once()
        {
            Assert.Throws<ArgumentNullException>("files", () => new LicenseDenialScanner().Scan(null));
        }

        [Fact]
        public void Denials_at_one_instant_come_by_directory_then_user_id_ignoring_case()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "bob", "s1", "p1")
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "Alice", "s2", "p2")
                .RepositoryDenial("20240305T080000.000+0100", "acme", "zoe", "s3", "p3"));

            var events = Scan(new LicenseDenialScanner(), folder);

            Assert.Equal(new[] { "acme\\zoe", "CORP\\Alice", "CORP\\bob" }, events.Select(denial => denial.UserDirectory + "\\" + denial.UserId));
        }

        [Fact]
        public void Lines_outside_the_window_are_counted_once_each()
        {
            using var folder = new TempLogFolder();
            folder.Write("a/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T060000.000+0100", "CORP", "early", "s1", "p1")
                .RepositoryDenial("20240305T083000.000+0100", "CORP", "inside", "s2", "p2"));
            folder.Write("b/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T110000.000+0100", "CORP", "late", "s3", "p3"));
            var scanner = new LicenseDenialScanner(new LicenseDenialScanOptions { Since = Eight, Until = Eight.AddHours(2) });

            var denial = Assert.Single(Scan(scanner, folder));

            Assert.Equal("inside", denial.UserId);
            Assert.Equal(3, scanner.Statistics.DenialLines);
            Assert.Equal(2, scanner.Statistics.OutsideWindowLines);
        }

        [Fact]
        public void A_line_further_than_the_tolerance_before_since_is_left_out_though_it_is_in_reach_of_a_denial_inside()
        {
            // The best line is inside; the License line 1.9 s before Since joins it and makes its earliest line earlier,
            // so the proxy's line 2.1 s before Since would be in its reach; but the proxy's line is outside the window
            // widened by the tolerance, and was dropped as it was read.
            using var folder = new TempLogFolder();
            DenialDeduplicationTests.WriteWithoutRequestId(folder, "AuditSecurity_Repository", "20240305T080000.050+0100");
            DenialDeduplicationTests.WriteWithoutRequestId(folder, "License_Repository", "20240305T075958.100+0100");
            DenialDeduplicationTests.WriteWithoutRequestId(folder, "Audit_Proxy", "20240305T075957.900+0100");
            var scanner = new LicenseDenialScanner(new LicenseDenialScanOptions { Since = Eight });

            var denial = Assert.Single(Scan(scanner, folder));

            Assert.Equal(2, denial.Files.Count);
            Assert.Equal(1, scanner.Statistics.OutsideWindowLines);
            Assert.Equal(1, scanner.Statistics.DuplicateLines);
        }

        [Fact]
        public void A_line_holding_a_marker_that_is_no_denial_and_a_signature_holding_one_are_passed_over()
        {
            // The result code's name in the message of an app opened (Result 0), and in a rolled file's signature trailer.
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = "20240305T075900.000+0100", ["UserDirectory"] = "CORP", ["UserId"] = "jdoe", ["Command"] = "Open app",
                    ["Result"] = "0", ["Message"] = "Opened after NoAvailableAccessType was resolved",
                })
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1")
                .Line("Signature:\tNoAvailableAccessType"));
            var scanner = new LicenseDenialScanner();

            var denial = Assert.Single(Scan(scanner, folder));

            Assert.Equal(Eight, denial.Timestamp);
            Assert.Equal(1, scanner.Statistics.DenialLines);
            Assert.Equal(0, scanner.Statistics.LinesSkipped);
        }
    }
}
