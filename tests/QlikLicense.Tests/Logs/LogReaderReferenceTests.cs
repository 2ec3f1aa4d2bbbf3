using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The denial scan against a plain reference reader written here (split the bytes at line breaks and TABs, decode
    /// each field, compare strings): for any file, log-shaped or damaged byte by byte, the scan never throws and finds
    /// exactly the denials the reference finds, field by field. It guards any rewrite of the scan's inner loop (vector
    /// searches, buffer refills, field location) against the simple meaning of a Qlik log.
    /// </summary>
    public sealed class LogReaderReferenceTests
    {
        [Property(MaxTest = 400, Arbitrary = new[] { typeof(ReferenceLogArbitraries) })]
        public Property Any_file_gives_the_denials_the_reference_reader_finds(ReferenceLog log)
        {
            using var folder = new TempLogFolder();
            var file = folder.Write(log.FileName, log.Bytes);

            var found = Describe(new LicenseDenialScanner(new LicenseDenialScanOptions { IncludeServiceAccounts = true }).Scan(new[] { file }));
            var expected = Describe(ReferenceLogReader.Denials(log.Bytes));

            return found.SequenceEqual(expected).Label($"scan found\n  {string.Join("\n  ", found)}\nreference found\n  {string.Join("\n  ", expected)}");
        }

        [Property(MaxTest = 100, Arbitrary = new[] { typeof(ReferenceLogArbitraries) })]
        public Property A_copy_of_a_file_in_another_folder_adds_no_denial(ReferenceLog log)
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("node1/" + log.FileName, log.Bytes);
            var copy = folder.Write("node2/" + log.FileName, log.Bytes);

            var once = Describe(new LicenseDenialScanner(new LicenseDenialScanOptions { IncludeServiceAccounts = true }).Scan(new[] { file }));
            var twice = Describe(new LicenseDenialScanner(new LicenseDenialScanOptions { IncludeServiceAccounts = true }).Scan(new[] { file, copy }));

            return once.SequenceEqual(twice).Label($"{once.Count} denials from the file, {twice.Count} from the file and its copy");
        }

        [Fact]
        public void The_reference_reader_agrees_with_the_fixture_site_on_a_real_layout()
        {
            var file = LogTestFiles.FixtureFile("node1/Log/Repository/Audit/QLIKFIX1_AuditSecurity_Repository.txt");
            var expected = Describe(ReferenceLogReader.Denials(File.ReadAllBytes(file)));

            Assert.NotEmpty(expected);
            Assert.Equal(expected, Describe(new LicenseDenialScanner(new LicenseDenialScanOptions { IncludeServiceAccounts = true }).Scan(new[] { file })));
        }

        private static List<string> Describe(IEnumerable<LicenseDenialEvent> events) => events
            .Select(denial => string.Join(" | ", denial.Timestamp.ToString("o", CultureInfo.InvariantCulture), denial.UserDirectory, denial.UserId,
                denial.Origin ?? "-", denial.ClientAddress ?? "-", denial.SessionId ?? "-", denial.Message ?? "-", denial.IsServiceAccount))
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What a Qlik Sense log means, read the plain way: the first line is the header (a UTF-8 BOM left out), every
    /// later line split at LF (one CR before it dropped) is a record when it has exactly the header's number of
    /// TAB-separated fields. A record is a denial by its layout's columns; a denial needs a readable time and a user.
    /// In one file, a line whose Id (or, without one, time, session and user) was seen before is the same line again.
    /// Files and lines stay far below the real reader's size limits (64 KB header, 16 MB line).
    /// </summary>
    internal static class ReferenceLogReader
    {
        private const string NotAvailable = "Not available";

        public static List<LicenseDenialEvent> Denials(byte[] bytes)
        {
            var denials = new List<LicenseDenialEvent>();
            var lines = SplitLines(bytes);
            if (lines.Count == 0) return denials;

            var header = lines[0];
            if (header.Length >= 3 && header[0] == 0xEF && header[1] == 0xBB && header[2] == 0xBF) header = header[3..];
            var columns = Encoding.UTF8.GetString(header).Split('\t');
            if (columns.Length < 2 || !columns.Contains("Timestamp")) return denials;

            int Column(string name) => Array.IndexOf(columns, name);
            var namesUser = Column("UserDirectory") >= 0 && Column("UserId") >= 0;
            var namesActiveUser = !namesUser && Column("ActiveUserDirectory") >= 0 && Column("ActiveUserId") >= 0;
            var directoryColumn = namesUser ? Column("UserDirectory") : namesActiveUser ? Column("ActiveUserDirectory") : -1;
            var userColumn = namesUser ? Column("UserId") : namesActiveUser ? Column("ActiveUserId") : -1;
            if (userColumn < 0 && Column("UserName") < 0) return denials;
            var byCommand = Column("Command") >= 0 && Column("Result") >= 0;
            var byOperation = !byCommand && Column("Operation") >= 0;
            var byResultCode = !byCommand && !byOperation && Column("Message") >= 0 && namesActiveUser;
            if (!byCommand && !byOperation && !byResultCode) return denials;
            var clientColumn = Column("ClientHostAddress") >= 0 ? Column("ClientHostAddress") : Column("IpAddress");

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1))
            {
                var fields = SplitFields(line);
                if (line.Length == 0 || fields.Count != columns.Length) continue;
                string Field(string name) => Column(name) >= 0 ? fields[Column(name)] : null;
                string Optional(string value) => value == null || value == NotAvailable || value.Length == 0 ? null : value;

                var message = Field("Message");
                var isDenial = byCommand
                    ? Field("Result") == "403" && (Field("Command") == "License user access" || (message?.Contains("NoAvailableAccessType") ?? false))
                    : byOperation ? Field("Operation") == "UsageDenied" : message.Contains("NoAvailableAccessType");
                if (!isDenial || !QlikLogTimestamp.TryParse(Field("Timestamp"), out var time)) continue;

                string directory, user;
                if (userColumn >= 0)
                {
                    (directory, user) = (fields[directoryColumn], fields[userColumn]);
                    if (directory.Length == 0 || user.Length == 0) continue;
                }
                else
                {
                    var name = Field("UserName");
                    var backslash = name.IndexOf('\\');
                    if (backslash <= 0 || backslash == name.Length - 1) continue;
                    (directory, user) = (name[..backslash], name[(backslash + 1)..]);
                }

                var text = message?.Replace("\u21B5\u2193", "\n");
                var origin = Optional(Field("Origin"));
                var session = Field("ProxySessionId") == "0" ? null : Optional(Field("ProxySessionId"));
                session ??= LicenseDenialRecognizer.MessageValue(text, "SessionID");
                var client = Optional(clientColumn >= 0 ? fields[clientColumn] : null) ?? LicenseDenialRecognizer.MessageValue(text, "Hostname");
                var lineId = Optional(Field("Id")) ?? time.UtcTicks + "|" + session + "|" + directory + "\\" + user;
                if (!seen.Add(lineId)) continue;

                denials.Add(new LicenseDenialEvent(time, directory, user, origin, client, session, "reference", null, null, text,
                    IsServiceAccount(directory, user, origin, Optional(Field("ServiceUser")))));
            }
            return denials;
        }

        private static bool IsServiceAccount(string directory, string user, string origin, string serviceUser) =>
            directory.Equals("INTERNAL", StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin, "ManagementAccess", StringComparison.OrdinalIgnoreCase)
            || (serviceUser != null && serviceUser.Equals(directory + "\\" + user, StringComparison.OrdinalIgnoreCase) && serviceUser.IndexOf('\\') == directory.Length);

        /// <summary>Lines split at LF, one CR before it dropped; the text after the last LF is a line when there is any.</summary>
        private static List<byte[]> SplitLines(byte[] bytes)
        {
            var lines = new List<byte[]>();
            var start = 0;
            for (var index = 0; index <= bytes.Length; index++)
            {
                if (index < bytes.Length && bytes[index] != (byte)'\n') continue;
                if (index == bytes.Length && start == bytes.Length) break;
                var end = index > start && bytes[index - 1] == (byte)'\r' ? index - 1 : index;
                lines.Add(bytes[start..end]);
                start = index + 1;
            }
            return lines;
        }

        private static List<string> SplitFields(byte[] line)
        {
            var fields = new List<string>();
            var start = 0;
            for (var index = 0; index <= line.Length; index++)
            {
                if (index < line.Length && line[index] != (byte)'\t') continue;
                fields.Add(Encoding.UTF8.GetString(line, start, index - start));
                start = index + 1;
            }
            return fields;
        }
    }

    /// <summary>A log file's name and bytes, with how they were made for the failure message.</summary>
    public sealed record ReferenceLog(string FileName, byte[] Bytes, string Recipe)
    {
        public override string ToString() => Recipe + "\n" + Encoding.UTF8.GetString(Bytes).Replace("\t", "→").Replace("\r", "\\r");
    }

    /// <summary>
    /// Logs of the three layouts that record denials, columns shuffled and sometimes one left out, rows whose deciding
    /// fields come from small sets of right and nearly right values (so denials, near misses, repeated ids and service
    /// accounts all occur), raw lines, a cut last line, and sometimes bytes flipped, dropped or added anywhere.
    /// </summary>
    public static class ReferenceLogArbitraries
    {
        private static readonly string[] ProxyAuditTraceColumns =
        {
            "Sequence#", "Timestamp", "Level", "Hostname", "Logger", "Thread", "Id", "ServiceUser", "Message", "ProxySessionId",
            "ConnectionId", "ActiveUserDirectory", "ActiveUserId", "TicketId", "IpAddress", "AppId", "TargetHost", "VirtualProxy", "Checksum",
        };

        private static readonly Dictionary<string, string[]> Values = new()
        {
            ["UserDirectory"] = new[] { "CORP", "CORP", "INTERNAL", "DOMAIN", "", NotAvailableText },
            ["ActiveUserDirectory"] = new[] { "CORP", "CORP", "INTERNAL", "" },
            ["UserId"] = new[] { "jdoe", "JDOE", "o'brien", "zoë.müller", "a\\b", "", "sa_repository" },
            ["ActiveUserId"] = new[] { "jdoe", "anna maria", "", "qlikservice" },
            ["UserName"] = new[] { "CORP\\jdoe", "DOMAIN\\qlikservice", "CORP\\a\\b", "\\jdoe", "CORP\\", "jdoe", "" },
            ["Command"] = new[] { "License user access", "License user access", "license user access", "Sync user directory", "" },
            ["Result"] = new[] { "403", "403", "0", "4030", " 403" },
            ["Operation"] = new[] { "UsageDenied", "UsageDenied", "UsageGranted", "usagedenied" },
            ["Message"] = new[]
            {
                "Access to app denied, result code 'NoAvailableAccessType'", "No available access type, SessionID: s9, Hostname: \"h1\"",
                "Access was denied for User: 'CORP\\jdoe', SessionID: 'm1', Hostname: 'h2'↵↓second line", "", NotAvailableText, "NoAvailableAccessTyp",
            },
            ["Origin"] = new[] { "AppAccess", "ManagementAccess", NotAvailableText, "" },
            ["ServiceUser"] = new[] { "DOMAIN\\qlikservice", "CORP\\jdoe", NotAvailableText },
            ["ProxySessionId"] = new[] { "0", "s1", "s2", NotAvailableText, "" },
            ["ProxyPackageId"] = new[] { "0", "p1", "p2" },
            ["Id"] = new[] { "id1", "id2", "id3", "id4", "id5", "", NotAvailableText },
            ["ClientHostAddress"] = new[] { "::1", "::ffff:10.0.0.1", NotAvailableText, "" },
            ["IpAddress"] = new[] { "::1", NotAvailableText, "" },
        };

        private const string NotAvailableText = "Not available";

        private static readonly Gen<string> Times =
            from day in Gen.Choose(1, 3)
            from second in Gen.Choose(0, 3)
            from millisecond in Gen.Elements(0, 1, 500)
            from offset in Gen.Elements("+0100", "-0500", "Z")
            select string.Format(CultureInfo.InvariantCulture, "202403{0:00}T0800{1:00}.{2:000}{3}", day, second, millisecond, offset);

        private static readonly Gen<string> Junk =
            Gen.Choose(0, 12).SelectMany(length => Gen.ArrayOf(Gen.Elements('a', 'Z', ' ', '\\', '\'', 'é', '"', '\u21B5', '0'), length)).Select(chars => new string(chars));

        public static Arbitrary<ReferenceLog> Logs()
        {
            var gen =
                from layout in Gen.Elements(
                    ("X_AuditSecurity_Repository.txt", LogFileBuilder.AuditSecurityColumns),
                    ("X_License_Repository.txt", LogFileBuilder.LicenseTraceColumns),
                    ("X_Audit_Proxy.txt", ProxyAuditTraceColumns))
                from shuffled in Gen.Shuffle(layout.Item2)
                from leftOut in Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, layout.Item2.Length - 1)))
                let columns = shuffled.Where((_, index) => index != leftOut).ToArray()
                from rows in Gen.Choose(0, 25).SelectMany(count => Gen.ListOf(Line(columns), count))
                from bom in Gen.Elements(true, false)
                from lineBreak in Gen.Elements("\r\n", "\n")
                from cut in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                let text = string.Join("\t", columns) + lineBreak + string.Concat(rows.Select(row => row + lineBreak))
                let body = Encoding.UTF8.GetBytes(cut && text.Length > 0 ? text.TrimEnd('\n', '\r') : text)
                let bytes = bom ? Encoding.UTF8.GetPreamble().Concat(body).ToArray() : body
                from damage in Gen.Frequency((3, Gen.Constant(new List<(int, int, byte)>())), (1, Damage()))
                select new ReferenceLog(layout.Item1, Apply(bytes, damage),
                    $"{layout.Item1}, {rows.Count} lines, {(leftOut < 0 ? "all columns" : "without " + layout.Item2[leftOut])}, damage at {string.Join(",", damage.Select(edit => edit.Item1))}");
            return gen.ToArbitrary();
        }

        private static Gen<string> Line(string[] columns) => Gen.Frequency(
            (6, Gen.CollectToArray(columns, Field).Select(fields => string.Join("\t", fields))),
            (1, from fields in Gen.CollectToArray(columns, Field) from extra in Gen.Elements(-1, 1)
                select string.Join("\t", extra < 0 ? fields.Skip(1) : fields.Append("x"))),
            (1, Junk));

        private static Gen<string> Field(string column) =>
            column == "Timestamp" ? Gen.Frequency((8, Times), (1, Junk))
            : Values.TryGetValue(column, out var values) ? Gen.Frequency((8, Gen.Elements(values)), (1, Junk))
            : Junk;

        /// <summary>Edits at random places: (where, what: 0 replace, 1 remove, 2 insert, the byte).</summary>
        private static Gen<List<(int, int, byte)>> Damage() =>
            Gen.Choose(1, 5).SelectMany(count => Gen.ListOf(
                from place in Gen.Choose(0, int.MaxValue)
                from what in Gen.Choose(0, 2)
                from value in Gen.Frequency((3, Gen.Elements<byte>((byte)'\t', (byte)'\n', (byte)'\r')), (1, Gen.Choose(0, 255).Select(b => (byte)b)))
                select (place, what, value), count)).Select(edits => edits.ToList());

        private static byte[] Apply(byte[] bytes, List<(int Place, int What, byte Value)> edits)
        {
            var result = bytes.ToList();
            foreach (var (place, what, value) in edits)
            {
                var at = result.Count == 0 ? 0 : place % (result.Count + (what == 2 ? 1 : 0));
                if (what == 2) result.Insert(at, value);
                else if (result.Count == 0) continue;
                else if (what == 1) result.RemoveAt(at);
                else result[at] = value;
            }
            return result.ToArray();
        }
    }
}
