using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// Which headers can record a denial, and the bytes (<see cref="DenialLayout.Markers"/>) the reader searches each
    /// block for: the tested fields whole, with the TAB before them unless they are the first column and the TAB after
    /// them unless they are the last, so that a longer value holding them (4030, "License user access 2") is no hit.
    /// </summary>
    public class DenialLayoutTests
    {
        private const string Check = "License user access";
        private const string Code = "NoAvailableAccessType";

        public static TheoryData<string, string> Layouts => new TheoryData<string, string>
        {
            // The repository's audit log as Qlik writes it: Result right after Command, a Message column.
            { string.Join(",", LogFileBuilder.AuditSecurityColumns), $"<TAB>{Check}<TAB>403<TAB> | {Code}" },
            // Command and Result together at the start of a line, and at its end; without a Message, no result code.
            { "Command,Result,Timestamp,UserDirectory,UserId,Message", $"{Check}<TAB>403<TAB> | {Code}" },
            { "Timestamp,UserDirectory,UserId,Command,Result", $"<TAB>{Check}<TAB>403" },
            { "Message,Timestamp,UserDirectory,UserId,Command,Result", $"<TAB>{Check}<TAB>403 | {Code}" },
            // Result elsewhere than right after Command (before it, or apart): the Result field alone, first or last too.
            { "Timestamp,UserDirectory,UserId,Result,Command,Message", "<TAB>403<TAB>" },
            { "Result,Timestamp,UserDirectory,UserId,Command", "403<TAB>" },
            { "Timestamp,Command,UserDirectory,UserId,Result", "<TAB>403" },
            // The License trace: the Operation field; the user in UserName, or in UserDirectory and UserId.
            { string.Join(",", LogFileBuilder.LicenseTraceColumns), "<TAB>UsageDenied<TAB>" },
            { "Operation,Timestamp,UserName", "UsageDenied<TAB>" },
            { "Timestamp,UserDirectory,UserId,Operation", "<TAB>UsageDenied" },
            // The proxy's Audit trace: the active user and the result code anywhere in the message.
            { "Timestamp,ActiveUserDirectory,ActiveUserId,Message", Code },
        };

        [Theory]
        [MemberData(nameof(Layouts))]
        public void Each_layout_searches_for_its_tested_fields_whole(string columns, string markers)
        {
            var layout = LicenseDenialRecognizer.ForColumns(columns.Split(','));

            Assert.NotNull(layout);
            Assert.Equal(markers, string.Join(" | ", layout.Markers.Select(marker => Encoding.ASCII.GetString(marker).Replace("\t", "<TAB>"))));
        }

        [Theory]
        // No time, or no user: nothing to report.
        [InlineData("UserDirectory,UserId,Command,Result")]
        [InlineData("Timestamp,UserDirectory,Command,Result,Message")]
        [InlineData("Timestamp,UserId,Operation")]
        // A user but nothing that tells a denial.
        [InlineData("Timestamp,UserDirectory,UserId,Command")]
        [InlineData("Timestamp,UserName,Result")]
        // The bare result code counts only in a trace naming the active user, not in a log naming the user as audit logs do.
        [InlineData("Timestamp,UserDirectory,UserId,Message")]
        [InlineData("Timestamp,UserDirectory,UserId,ActiveUserDirectory,ActiveUserId,Message")]
        [InlineData("Timestamp,ActiveUserDirectory,ActiveUserId")]
        // Half of the active user names no user.
        [InlineData("Timestamp,ActiveUserId,Operation")]
        [InlineData("Timestamp,ActiveUserDirectory,Operation")]
        public void Headers_that_cannot_record_a_denial_have_no_layout(string columns) =>
            Assert.Null(LicenseDenialRecognizer.ForColumns(columns.Split(',')));

        [Theory]
        [InlineData("UserDirectory,Timestamp,UserId,Command,Result")]
        [InlineData("UserId,Timestamp,UserDirectory,Operation")]
        [InlineData("ActiveUserDirectory,Timestamp,ActiveUserId,Message")]
        [InlineData("ActiveUserId,ActiveUserDirectory,Timestamp,Message")]
        [InlineData("UserName,Timestamp,Operation")]
        [InlineData("Message,Timestamp,ActiveUserDirectory,ActiveUserId")]
        public void A_user_or_message_column_may_be_the_first(string columns) =>
            Assert.NotNull(LicenseDenialRecognizer.ForColumns(columns.Split(',')));

        private const string Time = "20240305T090000.000+0100";
        private const string DeniedMessage = "No available access type, SessionID: 'm-1', Hostname: 'h-1'";

        private static readonly string[] ReadColumns =
            { "Timestamp", "Id", "UserDirectory", "UserId", "Origin", "ClientHostAddress", "ProxySessionId", "ProxyPackageId", "Command", "Result", "Message" };

        private static readonly Dictionary<string, string> DeniedLine = new()
        {
            ["Timestamp"] = Time, ["Id"] = "rec-1", ["UserDirectory"] = "CORP", ["UserId"] = "jdoe", ["Origin"] = "AppAccess",
            ["ClientHostAddress"] = "10.0.0.9", ["IpAddress"] = "10.0.0.9", ["ProxySessionId"] = "s-1", ["ProxyPackageId"] = "p-1",
            ["Command"] = Check, ["Result"] = "403", ["Message"] = DeniedMessage,
        };

        /// <summary>The layout's reading of the first line of a file with these columns that holds one of its markers.</summary>
        private static (DenialEvidence? Evidence, bool HasSubject, DenialSubject Subject, DenialRecord Record) ReadLine(
            IReadOnlyList<string> columns, IReadOnlyDictionary<string, string> values)
        {
            var layout = LicenseDenialRecognizer.ForColumns(columns.ToArray());
            Assert.NotNull(layout);
            using var folder = new TempLogFolder();
            var line = string.Join("\t", columns.Select(column => values.TryGetValue(column, out var value) ? value : string.Empty));
            using var reader = LogFileReader.Open(folder.Write("N_AuditSecurity_Repository.txt", Encoding.UTF8.GetBytes(string.Join("\t", columns) + "\n" + line + "\n")));
            Assert.Equal(LogLineKind.Record, reader.ReadLineHolding(layout.Markers));
            var evidence = layout.Recognize(reader);
            var store = new DenialTextStore();
            if (!layout.TryReadSubject(reader, store, out var subject)) return (evidence, false, subject, null);
            return (evidence, true, subject, layout.Read(reader, store, subject, evidence ?? DenialEvidence.RepositoryLicenseCheck, "AuditSecurity_Repository", new[] { "N" }));
        }

        private static Dictionary<string, string> DeniedLineWith(params (string Column, string Value)[] changes)
        {
            var values = new Dictionary<string, string>(DeniedLine);
            foreach (var (column, value) in changes) values[column] = value;
            return values;
        }

        [Theory]
        [InlineData("Timestamp")]
        [InlineData("Id")]
        [InlineData("UserDirectory")]
        [InlineData("UserId")]
        [InlineData("Origin")]
        [InlineData("ClientHostAddress")]
        [InlineData("IpAddress")]
        [InlineData("ProxySessionId")]
        [InlineData("ProxyPackageId")]
        [InlineData("Message")]
        public void Each_value_is_read_from_its_column_the_first_included(string first)
        {
            var columns = ReadColumns.Select(column => first == "IpAddress" && column == "ClientHostAddress" ? "IpAddress" : column).ToList();
            columns.Remove(first);
            columns.Insert(0, first);

            var (evidence, hasSubject, subject, record) = ReadLine(columns, DeniedLine);

            Assert.Equal(DenialEvidence.RepositoryLicenseCheck, evidence);
            Assert.True(hasSubject);
            Assert.Equal((new DateTimeOffset(2024, 3, 5, 8, 0, 0, TimeSpan.Zero), "CORP", "jdoe", "AppAccess", false),
                (subject.Timestamp.ToUniversalTime(), subject.UserDirectory, subject.UserId, subject.Origin, subject.IsServiceAccount));
            Assert.Equal(("10.0.0.9", "s-1", "p-1", "rec-1", DeniedMessage),
                (record.ClientAddress, record.SessionId, record.PackageId.Decode(), record.RecordId.Decode(), record.Message));
        }

        [Fact]
        public void A_first_column_Origin_of_management_access_makes_the_line_the_service_account_s()
        {
            var columns = ReadColumns.Where(column => column != "Origin").Prepend("Origin").ToList();

            Assert.True(ReadLine(columns, DeniedLineWith(("Origin", "ManagementAccess"))).Subject.IsServiceAccount);
        }

        [Fact]
        public void With_the_message_first_a_line_without_session_or_client_takes_the_message_s()
        {
            var columns = ReadColumns.Where(column => column != "Message").Prepend("Message").ToList();

            var record = ReadLine(columns, DeniedLineWith(("ClientHostAddress", "Not available"), ("ProxySessionId", "Not available"))).Record;

            Assert.Equal(("h-1", "m-1"), (record.ClientAddress, record.SessionId));
        }

        [Fact]
        public void A_column_with_no_value_gives_none()
        {
            var record = ReadLine(ReadColumns, DeniedLineWith(("Id", string.Empty), ("Origin", "Not available"), ("ProxyPackageId", "0"))).Record;

            Assert.Equal((true, null, true), (record.RecordId.IsNull, record.Origin, record.PackageId.IsNull));
        }

        [Fact]
        public void A_403_of_another_command_is_a_denial_only_when_its_message_holds_the_result_code_wherever_the_message_stands()
        {
            // Result apart from Command: every 403 line holds the marker and is tested.
            var withMessage = new[] { "Timestamp", "UserDirectory", "UserId", "Result", "Command", "Message" };
            var other = DeniedLineWith(("Command", "Open app"), ("Message", $"Access to app 'x' denied, result code '{Code}'"));

            Assert.Equal(DenialEvidence.ProxyAppAccess, ReadLine(withMessage, other).Evidence);
            Assert.Null(ReadLine(withMessage, DeniedLineWith(("Command", "Open app"), ("Message", "Forbidden"))).Evidence);
            Assert.Null(ReadLine(withMessage.Take(5).ToArray(), other).Evidence);
            Assert.Equal(DenialEvidence.ProxyAppAccess, ReadLine(withMessage.Skip(5).Concat(withMessage.Take(5)).ToArray(), other).Evidence);
        }

        [Fact]
        public void A_marker_found_outside_the_tested_field_is_no_denial()
        {
            // The License trace's marker (a whole UsageDenied field) in its message; the proxy trace's code in the user's id.
            Assert.Null(ReadLine(new[] { "Timestamp", "UserName", "Message", "Operation" },
                new Dictionary<string, string> { ["Timestamp"] = Time, ["UserName"] = "CORP\\jdoe", ["Message"] = "UsageDenied", ["Operation"] = "UsageGranted" }).Evidence);
            Assert.Null(ReadLine(new[] { "Timestamp", "ActiveUserDirectory", "ActiveUserId", "Message" },
                new Dictionary<string, string> { ["Timestamp"] = Time, ["ActiveUserDirectory"] = "CORP", ["ActiveUserId"] = Code, ["Message"] = "Opened" }).Evidence);
        }

        [Theory]
        [InlineData("", "jdoe")]
        [InlineData("CORP", "")]
        public void A_line_without_its_user_s_directory_or_id_has_no_subject(string directory, string user) =>
            Assert.False(ReadLine(ReadColumns, DeniedLineWith(("UserDirectory", directory), ("UserId", user))).HasSubject);

        [Theory]
        [InlineData("CORP\\jdoe", true)]
        [InlineData("CORP\\", false)]
        [InlineData("\\jdoe", false)]
        [InlineData("jdoe", false)]
        public void A_user_name_names_a_user_only_with_a_directory_and_an_id(string userName, bool named)
        {
            var read = ReadLine(new[] { "Timestamp", "UserName", "Operation" },
                new Dictionary<string, string> { ["Timestamp"] = Time, ["UserName"] = userName, ["Operation"] = "UsageDenied" });

            Assert.Equal(DenialEvidence.LicenseTrace, read.Evidence);
            Assert.Equal(named, read.HasSubject);
            if (named) Assert.Equal(("CORP", "jdoe"), (read.Subject.UserDirectory, read.Subject.UserId));
        }
    }
}
