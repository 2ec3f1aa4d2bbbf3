using System.Text;
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
        [Fact]
        public void A_denial_s_lines_are_matched_from_its_earliest_line()
        {
            // The repository's two lines of one request are 1.5 s apart; the License trace's line lies 1.9 s before the
            // first of them and 3.4 s before the second: within the tolerance of the denial's earliest line only.
            using var folder = new TempLogFolder();
            folder.Write("a/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("b/N_Service_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080001.500+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("c/N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T075958.100+0100", "CORP\\jdoe", "s1"));

            var denial = Assert.Single(Scan(folder));
            Assert.Equal(3, denial.Files.Count);
            Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 0, 0, TimeSpan.FromHours(1)), denial.Timestamp);
        }

        [Theory]
        // The repository's line (no request id here), then the License trace, then the proxy's: the proxy's line is within
        // the tolerance of the denial the first two made, not of the License trace's line alone.
        [InlineData("AuditSecurity_Repository", "License_Repository", "Audit_Proxy")]
        // Logs of one kind of evidence by name: AuditSecurity, then Other, then Service.
        [InlineData("AuditSecurity_Repository", "Other_Repository", "Service_Repository")]
        public void Lines_without_a_request_id_join_denials_log_kind_by_log_kind_best_witness_first(string first, string second, string third)
        {
            // A chain: each line within the tolerance of the next, the first and the last 3.8 s apart. Taken in the
            // order given, the second joins the first and the third joins them; any other order leaves two denials.
            using var folder = new TempLogFolder();
            WriteWithoutRequestId(folder, first, "20240305T080001.900+0100");
            WriteWithoutRequestId(folder, second, "20240305T080003.800+0100");
            WriteWithoutRequestId(folder, third, "20240305T080000.000+0100");

            var denial = Assert.Single(Scan(folder));
            Assert.Equal(first, denial.Source);
            Assert.Equal(3, denial.Files.Count);
        }

        /// <summary>A denial line of that log kind (a folder of its own) without a request id.</summary>
        internal static void WriteWithoutRequestId(TempLogFolder folder, string kind, string time)
        {
            var file = $"{kind}/N_{kind}.txt";
            if (kind == "License_Repository")
            {
                folder.Write(file, new LogFileBuilder(LogFileBuilder.LicenseTraceColumns).LicenseDenial(time, "CORP\\jdoe", "s1"));
            }
            else if (kind == "Audit_Proxy")
            {
                folder.Write(file, new LogFileBuilder(new[] { "Sequence#", "Timestamp", "Id", "Message", "ProxySessionId", "ActiveUserDirectory", "ActiveUserId", "IpAddress" })
                    .Row(new Dictionary<string, string>
                    {
                        ["Timestamp"] = time, ["Id"] = Guid.NewGuid().ToString(), ["Message"] = "Access to app denied, result code 'NoAvailableAccessType'",
                        ["ProxySessionId"] = "s1", ["ActiveUserDirectory"] = "CORP", ["ActiveUserId"] = "jdoe",
                    }));
            }
            else
            {
                folder.Write(file, new LogFileBuilder(LogFileBuilder.AuditSecurityColumns).RepositoryDenial(time, "CORP", "jdoe", "s1", "0"));
            }
        }

        [Fact]
        public void Lines_without_an_Id_are_told_apart_by_their_time_session_directory_and_user()
        {
            // Without the separators the four would read alike in pairs: COR + Pjdoe and CORP + jdoe; s + XCORP and sX + CORP.
            using var folder = new TempLogFolder();
            var log = new LogFileBuilder(new[] { "Timestamp", "UserDirectory", "UserId", "Command", "Result", "ProxySessionId" });
            foreach (var (directory, user, session) in new[] { ("COR", "Pjdoe", "s"), ("CORP", "jdoe", "s"), ("XCORP", "jdoe", "s"), ("CORP", "jdoe", "sX") })
            {
                log.Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = "20240305T080000.000+0100", ["UserDirectory"] = directory, ["UserId"] = user,
                    ["Command"] = "License user access", ["Result"] = "403", ["ProxySessionId"] = session,
                });
            }
            folder.Write("N_AuditSecurity_Repository.txt", log);
            var scanner = new LicenseDenialScanner();

            var events = scanner.Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList();

            Assert.Equal(new[] { "CORP\\jdoe", "CORP\\jdoe", "COR\\Pjdoe", "XCORP\\jdoe" },
                events.Select(denial => denial.UserDirectory + "\\" + denial.UserId).OrderBy(name => name, StringComparer.Ordinal));
            Assert.Equal(0, scanner.Statistics.DuplicateLines);
        }

        [Fact]
        public void Request_and_line_ids_are_compared_as_text_invalid_bytes_as_the_character_they_decode_to()
        {
            // U+FFFD written out, and a byte that is no UTF-8 (decoded as U+FFFD): the same id, as it was when ids were strings.
            var written = Encoding.UTF8.GetBytes("\uFFFD");
            var invalid = new byte[] { 0xFF };
            using var folder = new TempLogFolder();
            folder.Write("node1/N_AuditSecurity_Repository.txt", WithBytes(new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p\u00A7", id: "line\u00B6").ToBytes(), invalid, invalid));
            folder.Write("node1/N_Service_Repository.txt", WithBytes(new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.010+0100", "CORP", "jdoe", "s1", "p\u00A7").ToBytes(), written, invalid));
            // The AuditSecurity log copied to another node, its line's Id written out.
            folder.Write("node2/N_AuditSecurity_Repository.txt", WithBytes(new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p\u00A7", id: "line\u00B6").ToBytes(), invalid, written));
            var scanner = new LicenseDenialScanner();

            var denial = Assert.Single(scanner.Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList());

            Assert.Equal(2, denial.Files.Count);
            // The copy, and the Service log's line of the same denial.
            Assert.Equal(2, scanner.Statistics.DuplicateLines);
        }

        /// <summary>The file with the package id's placeholder (§) and the line id's (¶) replaced by the bytes given.</summary>
        private static byte[] WithBytes(byte[] file, byte[] package, byte[] line) =>
            Replace(Replace(file, Encoding.UTF8.GetBytes("\u00A7"), package), Encoding.UTF8.GetBytes("\u00B6"), line);

        private static byte[] Replace(byte[] bytes, byte[] placeholder, byte[] replacement)
        {
            var at = bytes.AsSpan().IndexOf(placeholder);
            return at < 0 ? bytes : bytes[..at].Concat(replacement).Concat(bytes[(at + placeholder.Length)..]).ToArray();
        }

        [Fact]
        public void An_event_takes_each_value_from_the_best_line_that_has_one()
        {
            using var folder = new TempLogFolder();
            folder.Write("a/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1", origin: "AppAccess", client: "::1")
                .RepositoryDenial("20240305T090000.000+0100", "CORP", "jdoe", "s3", "p2", origin: "Not available", client: "::3"));
            folder.Write("b/N_Service_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.005+0100", "CORP", "jdoe", "s2", "p1", origin: "Hub", client: "::2")
                .RepositoryDenial("20240305T090000.005+0100", "CORP", "jdoe", "s4", "p2", origin: "Hub", client: "::4"));

            var events = Scan(folder);

            Assert.Equal(new[] { "AppAccess ::1 s1", "Hub ::3 s3" }, events.Select(denial => $"{denial.Origin} {denial.ClientAddress} {denial.SessionId}"));
            Assert.All(events, denial => Assert.Equal("AuditSecurity_Repository", denial.Source));
        }

        [Fact]
        public void Lines_without_an_Id_are_told_apart_where_one_s_time_digits_run_on_into_the_other_s_session()
        {
            // 1 day and 10,000 days after 0001-01-01: 864000000000 and 8640000000000000 ticks. Without the separator
            // between time and session, 864000000000 + "0000s" and 8640000000000000 + "s" would name one line.
            using var folder = new TempLogFolder();
            var log = new LogFileBuilder(new[] { "Timestamp", "UserDirectory", "UserId", "Command", "Result", "ProxySessionId" });
            foreach (var (ticks, session) in new[] { (864000000000L, "0000s"), (8640000000000000L, "s") })
            {
                log.Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = new DateTime(ticks).ToString("yyyyMMdd'T'HHmmss.fff", System.Globalization.CultureInfo.InvariantCulture) + "+0000",
                    ["UserDirectory"] = "CORP", ["UserId"] = "jdoe", ["Command"] = "License user access", ["Result"] = "403",
                    ["ProxySessionId"] = session,
                });
            }
            folder.Write("N_AuditSecurity_Repository.txt", log);

            Assert.Equal(new[] { 864000000000L, 8640000000000000L }, Scan(folder).Select(denial => denial.Timestamp.UtcTicks));
        }

        [Fact]
        public void The_exclusion_filter_is_asked_about_each_directory_and_user_id_apart()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080001.000+0100", "COR", "Pjdoe", "s2", "p2"));
            var asked = new List<string>();

            var events = Scan(folder, new LicenseDenialScanOptions
            {
                ExcludeUser = (directory, userId) =>
                {
                    asked.Add(directory + "/" + userId);
                    return directory == "CORP";
                },
            });

            Assert.Equal(new[] { "CORP/jdoe", "COR/Pjdoe" }, asked);
            Assert.Equal("Pjdoe", Assert.Single(events).UserId);
        }

        [Fact]
        public void A_denial_is_a_service_account_s_when_any_of_its_lines_says_so()
        {
            // The repository's line names the account in the AppAccess context; the License trace runs as that account.
            using var folder = new TempLogFolder();
            folder.Write("a/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "DOMAIN", "qlikservice", "s1", "0"));
            folder.Write("b/N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.010+0100", "DOMAIN\\qlikservice", "s1"));

            var denial = Assert.Single(Scan(folder, new LicenseDenialScanOptions { IncludeServiceAccounts = true }));

            Assert.True(denial.IsServiceAccount);
            Assert.Equal(2, denial.Files.Count);
        }
        [Fact]
        public void Two_lines_of_one_log_are_two_denials_even_with_one_request_id()
        {
            // A log writes a denial once: its second line with that request id is a second denial, not a copy.
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080000.400+0100", "CORP", "jdoe", "s1", "p1"));

            Assert.Equal(2, Scan(folder).Count);
        }

        [Fact]
        public void Lines_with_other_ids_at_one_instant_session_and_user_are_no_copies()
        {
            // Time, session and user name only a line that has no Id; these two have theirs.
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p2"));
            var scanner = new LicenseDenialScanner();

            var events = scanner.Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList();

            Assert.Equal(2, events.Count);
            Assert.Equal(0, scanner.Statistics.DuplicateLines);
        }

        [Fact]
        public void A_line_exactly_the_tolerance_after_a_denial_s_earliest_line_joins_it()
        {
            using var folder = new TempLogFolder();
            WriteWithoutRequestId(folder, "AuditSecurity_Repository", "20240305T080000.000+0100");
            WriteWithoutRequestId(folder, "License_Repository", "20240305T080002.000+0100");

            Assert.Equal(2, Assert.Single(Scan(folder)).Files.Count);
        }

        [Fact]
        public void A_line_whose_log_the_denial_in_reach_already_holds_is_a_denial_of_its_own()
        {
            // The request's denial (2 s later: still in reach) holds this log's line already, so the line without a
            // request id cannot join it, however near.
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080002.000+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "0"));

            var events = Scan(folder);

            Assert.Equal(2, events.Count);
            Assert.All(events, denial => Assert.Single(denial.Files));
        }

        [Fact]
        public void A_denial_made_by_a_line_without_request_id_takes_its_place_in_time_before_the_next_log_kind_joins()
        {
            // The request p1's denial (08:00:00) holds a Service line, so the Service line without id (08:00:01) makes a
            // denial of its own. The License line (08:00:00.5) then joins the earliest denial in reach: p1's, not the
            // new one, though the new one was made last.
            using var folder = new TempLogFolder();
            folder.Write("a/N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("b/N_Service_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.005+0100", "CORP", "jdoe", "s1", "p1")
                .RepositoryDenial("20240305T080001.000+0100", "CORP", "jdoe", "s1", "0"));
            folder.Write("c/N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.500+0100", "CORP\\jdoe", "s1"));

            var events = Scan(folder);

            Assert.Equal(new[] { 3, 1 }, events.Select(denial => denial.Files.Count));
            Assert.Equal("Service_Repository", events[1].Source);
        }
    }
}
