using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// What one denial line gives: a column's value where it has one, "0" (for ids), empty or "Not available" being none;
    /// where the session or client column has none, the value the message labels (SessionID, Hostname).
    /// </summary>
    public class DenialLineValuesTests
    {
        private static readonly string[] Columns =
            { "Timestamp", "Id", "UserDirectory", "UserId", "Origin", "ClientHostAddress", "ProxySessionId", "ProxyPackageId", "Command", "Result", "Message" };

        private static Dictionary<string, string> Line(string time, string user, string session, string package, string client = "Not available", string origin = "AppAccess") => new()
        {
            ["Timestamp"] = time, ["Id"] = Guid.NewGuid().ToString(), ["UserDirectory"] = "CORP", ["UserId"] = user, ["Origin"] = origin,
            ["ClientHostAddress"] = client, ["ProxySessionId"] = session, ["ProxyPackageId"] = package, ["Command"] = "License user access", ["Result"] = "403",
            ["Message"] = $"Access was denied for User: 'CORP\\{user}', SessionID: ' m-{user} ', Hostname: \"h-{user}\", OperationType: 'UsageDenied'",
        };

        private static List<LicenseDenialEvent> Scan(TempLogFolder folder) =>
            new LicenseDenialScanner().Scan(LogFileLocator.Resolve(folder.Path, _ => { })).ToList();

        [Fact]
        public void A_session_or_client_column_without_a_value_gives_way_to_the_message_s()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", new LogFileBuilder(Columns)
                .Row(Line("20240305T080000.000+0100", "zero", "0", "p1"))
                .Row(Line("20240305T080100.000+0100", "empty", string.Empty, "p2", client: string.Empty))
                .Row(Line("20240305T080200.000+0100", "missing", "Not available", "p3"))
                .Row(Line("20240305T080300.000+0100", "own", " s-own ", "p4", client: "::1", origin: string.Empty)));

            var events = Scan(folder);

            Assert.Equal(
                new[] { "zero m-zero h-zero AppAccess", "empty m-empty h-empty AppAccess", "missing m-missing h-missing AppAccess", "own" },
                events.Select(denial => denial.UserId == "own" ? "own" : $"{denial.UserId} {denial.SessionId} {denial.ClientAddress} {denial.Origin}"));
            // A column's value is taken as it stands; a message's, trimmed.
            Assert.Equal((" s-own ", "::1", (string)null), (events[3].SessionId, events[3].ClientAddress, events[3].Origin));
        }

        [Fact]
        public void Lines_whose_request_id_is_0_empty_or_not_available_belong_to_no_request_and_are_matched_by_time()
        {
            // Two denials of each user 5 s apart, written by the AuditSecurity and the Service log: were the id a request's,
            // every line of a user would name the same request.
            using var folder = new TempLogFolder();
            foreach (var kind in new[] { "AuditSecurity_Repository", "Service_Repository" })
            {
                var lag = kind == "AuditSecurity_Repository" ? "000" : "010";
                var log = new LogFileBuilder(Columns);
                foreach (var (user, package) in new[] { ("zero", "0"), ("empty", string.Empty), ("missing", "Not available") })
                {
                    log.Row(Line($"20240305T080000.{lag}+0100", user, "s1", package)).Row(Line($"20240305T080005.{lag}+0100", user, "s1", package));
                }
                folder.Write($"{kind}/N_{kind}.txt", log);
            }

            var events = Scan(folder);

            Assert.Equal(6, events.Count);
            Assert.All(events, denial => Assert.Equal(2, denial.Files.Count));
        }
    }
}
