using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    public class LicenseDenialRecognizerTests
    {
        [Theory]
        [InlineData("DOMAIN\\administrator", "DOMAIN", "administrator")]
        [InlineData("CORP\\ext\\partner", "CORP", "ext\\partner")]
        [InlineData("CORP\\Zoë O'Brien", "CORP", "Zoë O'Brien")]
        [InlineData("CORP\\\\", "CORP", "\\")]
        public void User_name_splits_at_the_first_backslash(string userName, string directory, string userId)
        {
            Assert.True(LicenseDenialRecognizer.TrySplitUserName(userName, out var actualDirectory, out var actualUserId));
            Assert.Equal(directory, actualDirectory);
            Assert.Equal(userId, actualUserId);
        }

        [Theory]
        [InlineData("")]
        [InlineData("jdoe")]
        [InlineData("\\jdoe")]
        [InlineData("CORP\\")]
        public void User_name_without_directory_and_id_is_refused(string userName) =>
            Assert.False(LicenseDenialRecognizer.TrySplitUserName(userName, out _, out _));

        [Theory]
        [InlineData("Login access denied for SessionID: '8d7541cb-4205-4e57-b6ea-668edc0b5704', Hostname: \"::ffff:172.16.16.100\", OperationType: 'UsageDenied'", "8d7541cb-4205-4e57-b6ea-668edc0b5704", "::ffff:172.16.16.100")]
        [InlineData("No available access type, SessionID: ea16b266-4dba-4468-bcc2-fe78dc120799, Hostname: \"::1\"", "ea16b266-4dba-4468-bcc2-fe78dc120799", "::1")]
        [InlineData("Access was denied for User: 'Domain\\USER', with AccessID 'a1', SessionID: 'b2', SessionCount: '5', Hostname: '::1', OperationType: 'UsageDenied'", "b2", "::1")]
        [InlineData("Access to app '43d05965' denied, result code 'NoAvailableAccessType'", null, null)]
        public void Session_and_client_are_read_from_every_known_wording(string message, string session, string client)
        {
            Assert.Equal(session, LicenseDenialRecognizer.MessageValue(message, "SessionID"));
            Assert.Equal(client, LicenseDenialRecognizer.MessageValue(message, "Hostname"));
        }

        [Theory]
        [InlineData("INTERNAL", "sa_repository", "AppAccess", null, true)]
        [InlineData("DOMAIN", "qvservice", "ManagementAccess", null, true)]
        [InlineData("DOMAIN", "QVSERVICE", null, "domain\\qvservice", true)]
        [InlineData("DOMAIN", "administrator", "AppAccess", null, false)]
        [InlineData("DOMAIN", "administrator", null, "DOMAIN\\qvservice", false)]
        public void Service_accounts_are_told_from_people(string directory, string userId, string origin, string serviceUser, bool expected) =>
            Assert.Equal(expected, LicenseDenialRecognizer.IsServiceAccount(directory, userId, origin, serviceUser));

        [Theory]
        [InlineData("20190201T080842.467+0100", "2019-02-01T07:08:42.4670000+00:00", 60)]
        [InlineData("20190201T080842.467-0530", "2019-02-01T13:38:42.4670000+00:00", -330)]
        [InlineData("20190201T080842+01:00", "2019-02-01T07:08:42.0000000+00:00", 60)]
        [InlineData("20190201T080842.1234567Z", "2019-02-01T08:08:42.1234567+00:00", 0)]
        [InlineData("20240229T235959.999+1400", "2024-02-29T09:59:59.9990000+00:00", 840)]
        // The shortest form, and the first and last month, minute of an offset, and instants.
        [InlineData("20190101T000000Z", "2019-01-01T00:00:00.0000000+00:00", 0)]
        [InlineData("20191231T120000-0059", "2019-12-31T12:59:00.0000000+00:00", -59)]
        [InlineData("00010101T000000Z", "0001-01-01T00:00:00.0000000+00:00", 0)]
        [InlineData("99991231T235959.9999999Z", "9999-12-31T23:59:59.9999999+00:00", 0)]
        public void Timestamps_keep_their_offset(string text, string utc, int offsetMinutes)
        {
            Assert.True(QlikLogTimestamp.TryParse(text, out var value));
            Assert.Equal(utc, value.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
        }

        [Theory]
        [InlineData("")]
        [InlineData("2019-02-01 08:08:42")]
        [InlineData("20190230T080842.467+0100")]
        [InlineData("20190201T250842.467+0100")]
        [InlineData("20190201T080842.+0100")]
        [InlineData("20190201T080842.467")]
        [InlineData("20190201T080842.467+1500")]
        [InlineData("00010101T000000.000+0100")]
        [InlineData("99991231T235959.9999999-0001")]
        [InlineData("20191301T000000Z")]
        [InlineData("20190100T000000Z")]
        [InlineData("20190101T000000+1401")]
        [InlineData("20190101T000000+0060")]
        [InlineData("20190101T000000+01:0")]
        [InlineData("20190101T000000+01-00")]
        [InlineData("20190101X000000Z")]
        // A letter among the date's digits; a sign that is neither + nor -.
        [InlineData("2019X101T000000Z")]
        [InlineData("20190101T000000*0100")]
        [InlineData("\u01320190101T000000Z")]
        public void Malformed_timestamps_are_refused(string text) =>
            Assert.False(QlikLogTimestamp.TryParse(text, out _));

        [Fact]
        public void No_text_is_no_timestamp() => Assert.False(QlikLogTimestamp.TryParse((string)null, out _));

        [Theory]
        [InlineData("QLIKSERVER1_AuditSecurity_Repository.txt", "AuditSecurity_Repository")]
        [InlineData("QLIKSERVER1_AuditSecurity_Repository_2019-02-01T03.59.01Z.log", "AuditSecurity_Repository")]
        [InlineData("QLIKSERVER1_Audit_Proxy.EXCERPT.txt", "Audit_Proxy")]
        [InlineData("QLIK_FIX2_License_Repository.txt", "License_Repository")]
        [InlineData("export.txt", "export")]
        public void Log_kind_comes_from_the_file_name(string name, string kind) =>
            Assert.Equal(kind, LogSourceName.FromPath(Path.Combine("logs", name)));

        [Fact]
        public void Layouts_without_license_columns_are_not_read()
        {
            Assert.Null(LicenseDenialRecognizer.ForColumns(new[] { "Sequence#", "Timestamp", "Level", "Hostname", "Logger", "Thread", "Id", "ServiceUser", "Message", "Exception", "StackTrace", "ProxySessionId", "Id2" }));
            Assert.Null(LicenseDenialRecognizer.ForColumns(new[] { "Sequence#", "Timestamp", "Message", "ProxySessionId", "ActiveConnections" }));
            Assert.Null(LicenseDenialRecognizer.ForColumns(new[] { "Command", "Result", "UserDirectory", "UserId" }));
            Assert.NotNull(LicenseDenialRecognizer.ForColumns(LogFileBuilder.LicenseTraceColumns));
            Assert.NotNull(LicenseDenialRecognizer.ForColumns(LogFileBuilder.AuditSecurityColumns));
        }

        [Theory]
        // The service user's name and the line's user differ in one part only: no match.
        [InlineData("", "qvservice", "\\qvservice")]
        [InlineData("DOMAINX", "qvservice", "DOMAIN\\qvservice")]
        [InlineData("DOMAIN", "qvservic", "DOMAIN\\qvservice")]
        [InlineData("CORP", "qvservice", "DOMA\\qvservice")]
        [InlineData("DOMAIN", "qvservicf", "DOMAIN\\qvservice")]
        public void A_person_is_the_service_account_only_when_directory_and_id_both_match_the_service_user_whole(string directory, string userId, string serviceUser) =>
            Assert.False(LicenseDenialRecognizer.IsServiceAccount(directory, userId, null, serviceUser));

        [Fact]
        public void A_label_that_starts_the_message_names_its_value() =>
            Assert.Equal("abc", LicenseDenialRecognizer.MessageValue("SessionID: 'abc', Hostname: 'h'", "SessionID"));
    }
}
