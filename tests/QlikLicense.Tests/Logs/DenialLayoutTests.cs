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
        public void Headers_that_cannot_record_a_denial_have_no_layout(string columns) =>
            Assert.Null(LicenseDenialRecognizer.ForColumns(columns.Split(',')));
    }
}
