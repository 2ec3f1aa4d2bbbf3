using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>A denial's files as given, and a scanned denial's text decoded once, when first read.</summary>
    public class LicenseDenialEventTests
    {
        [Fact]
        public void Files_given_are_the_denial_s_files_beside_its_best_line_s_file()
        {
            var denial = new LicenseDenialEvent(
                DateTimeOffset.UnixEpoch, "CORP", "jdoe", "AppAccess", null, "s1", "AuditSecurity_Repository", "b.txt",
                new[] { "b.txt", "a.txt" }, "denied", isServiceAccount: false);

            Assert.Equal(new[] { "b.txt", "a.txt" }, denial.Files);
        }

        [Fact]
        public void A_scanned_denial_s_message_and_session_are_decoded_once_then_the_same_strings()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(LogFileBuilder.AuditSecurityColumns)
                .RepositoryDenial("20240305T080000.000+0100", "CORP", "jdoe", "s1", "p1"));
            folder.Write("N_License_Repository.txt", new LogFileBuilder(LogFileBuilder.LicenseTraceColumns)
                .LicenseDenial("20240305T080000.010+0100", "CORP\\jdoe", "s1"));

            var denial = Assert.Single(new LicenseDenialScanner().Scan(LogFileLocator.Resolve(folder.Path, _ => { })));

            var message = denial.Message;
            Assert.StartsWith("Access was denied for User: 'CORP\\jdoe'", message);
            Assert.Same(message, denial.Message);
            Assert.Equal("s1", denial.SessionId);
            Assert.Same(denial.SessionId, denial.SessionId);
        }
    }
}
