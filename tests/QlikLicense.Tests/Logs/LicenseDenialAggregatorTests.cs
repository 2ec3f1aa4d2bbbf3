using QlikLicense.Logs;
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
