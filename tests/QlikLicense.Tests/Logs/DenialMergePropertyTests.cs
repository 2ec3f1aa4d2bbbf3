using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QlikLicense.Logs;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// One denial is written by any of the logs that record denials (the repository's AuditSecurity and Service logs
    /// with the request's package id, the License trace and the proxy's Audit trace without one, each at its own small
    /// lag), files given in any order: the scan gives exactly one event per denial, with every file that recorded it,
    /// named after its best witness (the repository's license check first, then the License trace, then the proxy).
    /// Guards the de-duplication (<see cref="DenialDeduplicator"/>, <see cref="DenialCluster"/>) against any rewrite.
    /// </summary>
    public sealed class DenialMergePropertyTests
    {
        [Property(MaxTest = 150, Arbitrary = new[] { typeof(DenialSpreadArbitraries) })]
        public Property Each_denial_written_to_any_of_the_logs_is_one_event_with_every_file_that_recorded_it(DenialSpread spread)
        {
            using var folder = new TempLogFolder();
            var files = spread.Write(folder);

            var found = new LicenseDenialScanner().Scan(files).Select(denial =>
                    $"{denial.UserDirectory.ToUpperInvariant()}\\{denial.UserId.ToUpperInvariant()} {denial.Timestamp.UtcDateTime:HH:mm:ss.fff} {denial.Source} " +
                    string.Join(",", denial.Files.Select(Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal)))
                .OrderBy(text => text, StringComparer.Ordinal).ToList();
            var expected = spread.Denials.Select(denial => denial.Expected).OrderBy(text => text, StringComparer.Ordinal).ToList();

            return found.SequenceEqual(expected).Label($"found\n  {string.Join("\n  ", found)}\nexpected\n  {string.Join("\n  ", expected)}");
        }
    }

    /// <summary>Which logs record a denial, and at what lag after it (milliseconds).</summary>
    public sealed record SpreadDenial(int User, DateTime Time, int Request, IReadOnlyList<(string Kind, int Lag)> Lines)
    {
        public static readonly string[] Users = { "jdoe", "o'brien", "anna maria" };

        /// <summary>The log kinds, best witness first: evidence, then the kind's name.</summary>
        public static readonly string[] Kinds = { "AuditSecurity_Repository", "Service_Repository", "License_Repository", "Audit_Proxy" };

        public string Expected
        {
            get
            {
                var best = Lines.OrderBy(line => Array.IndexOf(Kinds, line.Kind)).ThenBy(line => line.Lag).First();
                var files = Lines.Select(line => DenialSpread.FileName(line.Kind)).Distinct().OrderBy(name => name, StringComparer.Ordinal);
                return $"CORP\\{Users[User].ToUpperInvariant()} {Time.AddMilliseconds(best.Lag):HH:mm:ss.fff} {best.Kind} {string.Join(",", files)}";
            }
        }
    }

    public sealed record DenialSpread(IReadOnlyList<SpreadDenial> Denials, int[] FileOrder, bool UpperCase)
    {
        private static readonly string[] ProxyTraceColumns =
        {
            "Sequence#", "Timestamp", "Level", "Hostname", "Logger", "Thread", "Id", "ServiceUser", "Message", "ProxySessionId",
            "ConnectionId", "ActiveUserDirectory", "ActiveUserId", "TicketId", "IpAddress", "AppId", "TargetHost", "VirtualProxy", "Checksum",
        };

        public static string FileName(string kind) => $"QLIKSIM_{kind}.txt";

        /// <summary>One file per log kind (in a folder of its own, as nodes and services keep them), lines in time order.</summary>
        internal List<string> Write(TempLogFolder folder)
        {
            var files = new List<string>();
            foreach (var (kind, index) in SpreadDenial.Kinds.Select((kind, index) => (kind, index)))
            {
                var lines = Denials.SelectMany(denial => denial.Lines.Where(line => line.Kind == kind).Select(line => (denial, At: denial.Time.AddMilliseconds(line.Lag))))
                    .OrderBy(line => line.At).ToList();
                var log = new LogFileBuilder(kind == "License_Repository" ? LogFileBuilder.LicenseTraceColumns
                    : kind == "Audit_Proxy" ? ProxyTraceColumns : LogFileBuilder.AuditSecurityColumns);
                foreach (var (denial, at) in lines)
                {
                    var time = at.ToString("yyyyMMdd'T'HHmmss.fff'+0000'", CultureInfo.InvariantCulture);
                    var directory = UpperCase && denial.Request % 2 == 0 ? "corp" : "CORP";
                    var user = UpperCase && denial.Request % 3 == 0 ? SpreadDenial.Users[denial.User].ToUpperInvariant() : SpreadDenial.Users[denial.User];
                    var session = "s" + denial.Request;
                    _ = kind switch
                    {
                        "License_Repository" => log.LicenseDenial(time, directory + "\\" + user, session),
                        "Audit_Proxy" => log.Row(new Dictionary<string, string>
                        {
                            ["Timestamp"] = time, ["Id"] = Guid.NewGuid().ToString(), ["Message"] = "Access to app denied, result code 'NoAvailableAccessType'",
                            ["ProxySessionId"] = session, ["ActiveUserDirectory"] = directory, ["ActiveUserId"] = user, ["IpAddress"] = "::ffff:10.0.0.1",
                        }),
                        _ => log.RepositoryDenial(time, directory, user, session, "p" + denial.Request),
                    };
                }
                files.Add(folder.Write($"node{index}/{FileName(kind)}", log));
            }
            return FileOrder.Select(index => files[index]).ToList();
        }

        public override string ToString() =>
            string.Join("; ", Denials.Select(denial => $"{SpreadDenial.Users[denial.User]}@{denial.Time:HH:mm:ss.fff}[{string.Join(",", denial.Lines.Select(line => line.Kind + "+" + line.Lag))}]"))
            + $" files {string.Join(",", FileOrder)} upper={UpperCase}";
    }

    public static class DenialSpreadArbitraries
    {
        private static readonly DateTime Start = new(2024, 3, 5, 8, 0, 0, DateTimeKind.Utc);

        public static Arbitrary<DenialSpread> Spreads()
        {
            // Lags as the logs show them: the repository's lines within ~25 ms, the License trace close by, the proxy's trace up to ~1 s later.
            var line = Gen.Elements(SpreadDenial.Kinds).SelectMany(kind => (kind switch
            {
                "Audit_Proxy" => Gen.Choose(100, 1000),
                "License_Repository" => Gen.Choose(0, 60),
                _ => Gen.Choose(0, 25),
            }).Select(lag => (kind, lag)));
            var denial =
                from user in Gen.Choose(0, SpreadDenial.Users.Length - 1)
                from kinds in Gen.NonEmptyListOf(line)
                select (user, kinds.GroupBy(each => each.kind).Select(same => same.First()).ToList());
            var gen =
                from denials in Gen.Choose(1, 12).SelectMany(count => Gen.ListOf(denial, count))
                from order in Gen.Shuffle(new[] { 0, 1, 2, 3 })
                from upper in Gen.Elements(true, false)
                select new DenialSpread(
                    // A user's denials at least 6 s apart: farther than twice the merge tolerance and the proxy's lag.
                    denials.Select((each, index) => new SpreadDenial(each.user, Start.AddSeconds(index * 6), index, each.Item2)).ToList(),
                    order, upper);
            return gen.ToArbitrary();
        }
    }
}
