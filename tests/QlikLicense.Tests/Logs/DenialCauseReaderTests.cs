using QlikLicense.Logs;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// Why a denial happened, as its lines say it: the wordings of the real 2018 sample and of Qlik's support
    /// articles, and the result codes the module takes (unconfirmed apart from NoAvailableAccessType).
    /// </summary>
    public class DenialCauseReaderTests
    {
        [Theory]
        // The real 2018 sample: the repository audit says nothing of the cause, the License trace and the proxy do.
        [InlineData("Login access denied for SessionID: 'f3c80904-2694-43fc-87aa-ee574c41d9d2', Hostname: \"::ffff:172.16.16.100\", OperationType: 'UsageDenied'", LicenseDenialCause.Unstated)]
        [InlineData("No available access type, SessionID: f3c80904-2694-43fc-87aa-ee574c41d9d2, Hostname: \"::ffff:172.16.16.100\"", LicenseDenialCause.NoAccessType)]
        [InlineData("Access to app '43d05965-486c-4d02-8509-ea4e1c107d36' denied, result code 'NoAvailableAccessType'", LicenseDenialCause.NoAccessType)]
        // Since June 2019: the session count of the refused person, five being the most one may hold.
        [InlineData("Access was denied for User: 'Domain\\USER', with AccessID 'a', SessionID: 'b', SessionCount: '5', Hostname: '::1', OperationType: 'UsageDenied'", LicenseDenialCause.TooManySessions)]
        [InlineData("Access was denied for User: 'Domain\\USER', with AccessID 'a', SessionID: 'b', SessionCount: '7', Hostname: '::1', OperationType: 'UsageDenied'", LicenseDenialCause.TooManySessions)]
        [InlineData("Access was denied for User: 'Domain\\USER', with AccessID 'a', SessionID: 'b', SessionCount: '1', Hostname: '::1', OperationType: 'UsageDenied'", LicenseDenialCause.Unstated)]
        [InlineData("UsageID: 1b3b, SessionID: 42e7, SessionCount: 4, Hostname: '::ffff:10.0.0.21'", LicenseDenialCause.Unstated)]
        // The result codes and wordings taken for the other causes (unconfirmed).
        [InlineData("Access to app 'x' denied, result code 'TooManySessions'", LicenseDenialCause.TooManySessions)]
        [InlineData("Access to app 'x' denied, result code 'PendingUserSync'", LicenseDenialCause.PendingUserSync)]
        [InlineData("Access to app 'x' denied, result code 'UnknownUser'", LicenseDenialCause.UnknownUser)]
        [InlineData("Access to app 'x' denied, result code 'LicenseNotAvailable'", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("Access to app 'x' denied, result code 'ExcessAssignment'", LicenseDenialCause.ExcessAssignment)]
        [InlineData("The license has expired", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("You cannot access Qlik Sense because you have no access pass or too many sessions active in parallel", LicenseDenialCause.TooManySessions)]
        [InlineData(null, LicenseDenialCause.Unstated)]
        [InlineData("", LicenseDenialCause.Unstated)]
        public void One_message_tells_its_cause(string message, LicenseDenialCause expected) => Assert.Equal(expected, DenialCauseReader.Read(message));

        [Theory]
        [InlineData("NoAvailableAccessType", LicenseDenialCause.NoAccessType)]
        [InlineData("NoAccessType", LicenseDenialCause.NoAccessType)]
        [InlineData("NoAccessPass", LicenseDenialCause.NoAccessType)]
        [InlineData("TooManySessions", LicenseDenialCause.TooManySessions)]
        [InlineData("TooManyParallelSessions", LicenseDenialCause.TooManySessions)]
        [InlineData("MaxSessionsReached", LicenseDenialCause.TooManySessions)]
        [InlineData("PendingUserSync", LicenseDenialCause.PendingUserSync)]
        [InlineData("UserSyncPending", LicenseDenialCause.PendingUserSync)]
        [InlineData("UnknownUser", LicenseDenialCause.UnknownUser)]
        [InlineData("UserNotFound", LicenseDenialCause.UnknownUser)]
        [InlineData("LicenseNotAvailable", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("LicenseExpired", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("LicenseInvalid", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("ExcessAssignment", LicenseDenialCause.ExcessAssignment)]
        [InlineData("ExcessAllocation", LicenseDenialCause.ExcessAssignment)]
        public void Every_result_code_names_its_cause_quoted_or_not_in_any_case_after_either_label(string code, LicenseDenialCause expected)
        {
            Assert.Equal(expected, DenialCauseReader.Read($"Access to app 'x' denied, result code '{code}'"));
            Assert.Equal(expected, DenialCauseReader.Read($"Denied. ResultCode: {code.ToUpperInvariant()}"));
            Assert.Equal(expected, DenialCauseReader.Read($"Denied (resultcode={code.ToLowerInvariant()})"));
        }

        [Theory]
        [InlineData("No available access type", LicenseDenialCause.NoAccessType)]
        [InlineData("The user has no access pass", LicenseDenialCause.NoAccessType)]
        [InlineData("Too many sessions", LicenseDenialCause.TooManySessions)]
        [InlineData("Too many parallel sessions", LicenseDenialCause.TooManySessions)]
        [InlineData("Session limit reached", LicenseDenialCause.TooManySessions)]
        [InlineData("Waiting for user sync", LicenseDenialCause.PendingUserSync)]
        [InlineData("User not yet synchronized", LicenseDenialCause.PendingUserSync)]
        [InlineData("Unknown user", LicenseDenialCause.UnknownUser)]
        [InlineData("User not found", LicenseDenialCause.UnknownUser)]
        [InlineData("License not available", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("Licence not available", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("The license has expired", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("The licence has expired", LicenseDenialCause.LicenseNotAvailable)]
        [InlineData("Excess assignment of a professional access", LicenseDenialCause.ExcessAssignment)]
        // A result code the module does not know, and no wording it knows: nothing stated.
        [InlineData("Access to app 'x' denied, result code 'AccessDenied'", LicenseDenialCause.Unstated)]
        [InlineData("Access to app 'x' denied, result code '42'", LicenseDenialCause.Unstated)]
        [InlineData("Access denied, result code", LicenseDenialCause.Unstated)]
        // A generic result code with a specific wording: the wording; a specific code with a generic wording: the code.
        [InlineData("No available access type: session limit reached, result code 'NoAvailableAccessType'", LicenseDenialCause.TooManySessions)]
        [InlineData("No available access type, result code 'UnknownUser'", LicenseDenialCause.UnknownUser)]
        public void Every_wording_names_its_cause_in_any_case(string message, LicenseDenialCause expected)
        {
            Assert.Equal(expected, DenialCauseReader.Read(message));
            Assert.Equal(expected, DenialCauseReader.Read(message.ToUpperInvariant()));
        }

        [Fact]
        public void A_specific_cause_of_any_line_wins_over_no_access_type_which_every_refusal_has_in_the_trace()
        {
            Assert.Equal(LicenseDenialCause.TooManySessions, DenialCauseReader.Of(new[]
            {
                "No available access type, SessionID: b, Hostname: \"::1\"",
                "Access was denied for User: 'CORP\\a', with AccessID 'a', SessionID: 'b', SessionCount: '5', Hostname: '::1', OperationType: 'UsageDenied'",
            }));
            Assert.Equal(LicenseDenialCause.NoAccessType, DenialCauseReader.Of(new[] { "Login access denied for SessionID: 'b'", "No available access type, SessionID: b" }));
            Assert.Equal(LicenseDenialCause.Unstated, DenialCauseReader.Of(new[] { "Login access denied for SessionID: 'b'", null }));
        }

        [Fact]
        public void The_fixture_site_scan_gives_each_denial_and_person_the_cause_of_its_lines()
        {
            var files = LogFileLocator.Resolve(LogTestFiles.FixtureSite, skipped => throw new Xunit.Sdk.XunitException(skipped)).ToList();
            var events = new LicenseDenialScanner().Scan(files).ToList();

            // Every person's refusals reach the License trace, which says "No available access type"; the repository
            // audit's wordings (2018 and 2019+) name no cause of their own, but for CORP\ext\partner's: SessionCount '5'.
            var causes = LicenseDenialAggregator.Aggregate(events).ToDictionary(summary => summary.UserId, summary => summary.Cause);
            Assert.Equal(LicenseDenialCause.TooManySessions, causes["ext\\partner"]);
            Assert.Equal(new[] { "jdoe", "nolog", "Zoë O'Brien" }.Order(StringComparer.Ordinal), causes.Where(pair => pair.Value == LicenseDenialCause.NoAccessType).Select(pair => pair.Key).Order(StringComparer.Ordinal));
            Assert.All(events.Where(denial => denial.UserId == "jdoe"), denial => Assert.Equal(LicenseDenialCause.NoAccessType, denial.Cause));
        }

        [Fact]
        public void A_person_takes_the_cause_of_the_latest_denial_that_states_one()
        {
            LicenseDenialEvent Denial(string time, LicenseDenialCause cause) => new(
                DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), "CORP", "jdoe", "AppAccess", null, "s",
                "AuditSecurity_Repository", "a.txt", null, "denied", isServiceAccount: false, cause);

            var summary = Assert.Single(LicenseDenialAggregator.Aggregate(new[]
            {
                Denial("2026-11-01T09:00:00Z", LicenseDenialCause.NoAccessType),
                Denial("2026-11-02T09:00:00Z", LicenseDenialCause.TooManySessions),
                Denial("2026-11-03T09:00:00Z", LicenseDenialCause.Unstated),
            }));
            Assert.Equal(LicenseDenialCause.TooManySessions, summary.Cause);
        }

        [Theory]
        // The code is the cause even where the message's words name another.
        [InlineData("Refused, result code 'ExcessAssignment': unknown user", LicenseDenialCause.ExcessAssignment)]
        [InlineData("Refused, result code 'ExcessAllocation': user not found", LicenseDenialCause.ExcessAssignment)]
        // Either label as the message's first word.
        [InlineData("result code 'UnknownUser'", LicenseDenialCause.UnknownUser)]
        [InlineData("ResultCode: UnknownUser", LicenseDenialCause.UnknownUser)]
        // A code's name without a label before it is no result code (nor a wording: the words are not apart).
        [InlineData("'UnknownUser' was refused", LicenseDenialCause.Unstated)]
        [InlineData("Refused: UnknownUser", LicenseDenialCause.Unstated)]
        public void A_result_code_is_read_only_after_its_label_wherever_that_stands_and_wins_over_the_wording(string message, LicenseDenialCause expected) =>
            Assert.Equal(expected, DenialCauseReader.Read(message));
    }
}
