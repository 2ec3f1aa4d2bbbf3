using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QlikLicense.Logs;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    public class LicenseDenialAggregatorTests
    {
        private static LicenseDenialEvent Denial(string directory, string userId, string time, string client, params string[] files) =>
            new LicenseDenialEvent(
                DateTimeOffset.ParseExact(time, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
                directory, userId, "AppAccess", client, "s", "AuditSecurity_Repository", files[0], files, "denied", isServiceAccount: false);

        [Fact]
        public void One_summary_per_user_case_insensitively()
        {
            var summaries = LicenseDenialAggregator.Aggregate(new[]
            {
                Denial("CORP", "jdoe", "2024-03-05T10:00:00.000+01:00", "::ffff:10.0.0.21", "a.txt"),
                Denial("corp", "JDOE", "2024-03-05T03:00:00.000-05:00", "::FFFF:10.0.0.21", "b.txt", "a.txt"),
                Denial("CORP", "jdoe", "2024-03-04T23:30:00.000-01:00", null, "c.log"),
                Denial("CORP", "asmith", "2024-03-05T09:00:00.000+00:00", "::ffff:10.0.0.5", "a.txt"),
            });

            Assert.Equal(new[] { "asmith", "jdoe" }, summaries.Select(summary => summary.UserId));
            var jdoe = summaries[1];
            Assert.Equal("CORP", jdoe.UserDirectory);
            Assert.Equal(3, jdoe.Count);
            Assert.Equal(new DateTime(2024, 3, 5, 0, 30, 0, DateTimeKind.Utc), jdoe.FirstDenied);
            Assert.Equal(new DateTime(2024, 3, 5, 9, 0, 0, DateTimeKind.Utc), jdoe.LastDenied);
            Assert.Equal(DateTimeKind.Utc, jdoe.FirstDenied.Kind);
            Assert.Equal(new[] { "::ffff:10.0.0.21" }, jdoe.Hostnames);
            Assert.Equal(new[] { "a.txt", "b.txt", "c.log" }, jdoe.Files);
        }

        [Fact]
        public void A_user_is_a_service_account_when_any_of_its_denials_is_and_a_denial_s_one_file_is_its_files()
        {
            LicenseDenialEvent Denial(string time, bool isServiceAccount, string file) => new(
                DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), "DOMAIN", "qlikservice", "AppAccess", null, "s",
                "AuditSecurity_Repository", file, null, "denied", isServiceAccount);

            var summary = Assert.Single(LicenseDenialAggregator.Aggregate(new[]
            {
                Denial("2024-03-05T08:00:00Z", isServiceAccount: false, "a.txt"),
                Denial("2024-03-05T09:00:00Z", isServiceAccount: true, null),
                Denial("2024-03-05T10:00:00Z", isServiceAccount: false, "b.txt"),
            }));

            Assert.True(summary.IsServiceAccount);
            Assert.Equal(new[] { "a.txt", "b.txt" }, summary.Files);
            Assert.Empty(Denial("2024-03-05T09:00:00Z", false, null).Files);
        }

        /// <summary>
        /// The summary is what sorting and de-duplicating every denial gives, whether the denials come oldest first (as a
        /// scan gives them, with the same address and file-list instances recurring) or in any order: the cause of the
        /// newest denial that states one (of denials at the same instant, the first that came), each address and file
        /// once in the order first seen, the first and last times.
        /// </summary>
        [Property(MaxTest = 300)]
        public Property A_user_s_summary_is_that_of_all_denials_sorted_and_de_duplicated(byte[] times, byte[] traits, bool oldestFirst)
        {
            string[] addresses = { "::ffff:10.0.0.1", "::FFFF:10.0.0.1", "::ffff:10.0.0.2", null };
            string[][] fileLists = { new[] { "a.log" }, new[] { "b.log" }, new[] { "b.log", "a.log" } };
            LicenseDenialCause[] causes = { LicenseDenialCause.Unstated, LicenseDenialCause.NoAccessType, LicenseDenialCause.TooManySessions };
            var start = new DateTimeOffset(2024, 3, 5, 8, 0, 0, TimeSpan.Zero);

            var denials = Enumerable.Range(0, Math.Min(times.Length, traits.Length)).Select(index =>
            {
                var trait = traits[index];
                var files = fileLists[trait / 12 % 3];
                return new LicenseDenialEvent(
                    start.AddMinutes(times[index] % 4), "CORP", "jdoe", "AppAccess", addresses[trait / 3 % 4], "s", "AuditSecurity_Repository",
                    files[0], files, "denied", isServiceAccount: false, cause: causes[trait % 3]);
            }).ToList();
            if (oldestFirst) denials = denials.OrderBy(denial => denial.Timestamp).ToList();
            if (denials.Count == 0) return true.Label("no denials");

            var summary = LicenseDenialAggregator.Aggregate(denials).Single();

            var cause = denials.OrderByDescending(denial => denial.TimeUtc).FirstOrDefault(denial => denial.Cause != LicenseDenialCause.Unstated)?.Cause
                        ?? LicenseDenialCause.Unstated;
            var hostnames = denials.Select(denial => denial.ClientAddress).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
            var files = denials.SelectMany(denial => denial.Files).Distinct(StringComparer.Ordinal);
            var same = summary.Cause == cause && summary.Hostnames.SequenceEqual(hostnames) && summary.Files.SequenceEqual(files)
                       && summary.Count == denials.Count && summary.FirstDenied == denials.Min(denial => denial.TimeUtc)
                       && summary.LastDenied == denials.Max(denial => denial.TimeUtc);
            return same.Label($"cause {summary.Cause} (expected {cause}), hostnames {string.Join(",", summary.Hostnames)}, files {string.Join(",", summary.Files)}, " +
                              $"{summary.Count} denials {summary.FirstDenied:HH:mm}-{summary.LastDenied:HH:mm}");
        }

        [Fact]
        public void No_events_no_summaries() => Assert.Empty(LicenseDenialAggregator.Aggregate(Array.Empty<LicenseDenialEvent>()));

        [Fact]
        public void Summaries_come_by_directory_ignoring_case_and_no_list_is_refused()
        {
            var summaries = LicenseDenialAggregator.Aggregate(new[]
            {
                Denial("ZETA", "a", "2024-03-05T08:00:00.000+00:00", null, "a.txt"),
                Denial("acme", "b", "2024-03-05T08:00:00.000+00:00", null, "a.txt"),
                Denial("CORP", "c", "2024-03-05T08:00:00.000+00:00", null, "a.txt"),
            });

            Assert.Equal(new[] { "acme", "CORP", "ZETA" }, summaries.Select(summary => summary.UserDirectory));
            Assert.Throws<ArgumentNullException>("events", () => LicenseDenialAggregator.Aggregate(null));
        }
    }
}
