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
    /// Property-based tests of the log reader and the denial scanner: whatever a file holds (random bytes, random
    /// headers, every kind of broken line, other encodings), reading it never throws and the statistics account for
    /// every line and every denial line. Each case is a temporary file, as the cmdlet reads them.
    /// </summary>
    public sealed class LogReaderFuzzTests
    {
        [Property(MaxTest = 300, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property Random_bytes_never_throw_every_line_is_counted_and_exactly_the_lines_holding_the_marker_are_found(FuzzBytes content)
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("X_AuditSecurity_Repository.txt", content.Bytes);

            var problems = new List<string>();
            foreach (var markers in MarkerSets)
            {
                using var reader = LogFileReader.Open(file);
                if (reader.NotALogReason != null) return true.Label("not a log: " + reader.NotALogReason);

                var found = new List<string>();
                LogLineKind kind;
                while ((kind = reader.ReadLineHolding(markers)) != LogLineKind.End)
                {
                    if (kind != LogLineKind.Record)
                    {
                        found.Add(kind.ToString());
                        continue;
                    }
                    found.Add(string.Join("\t", Enumerable.Range(0, reader.Columns.Length).Select(reader.GetString)));
                    for (var column = 0; column < reader.Columns.Length; column++)
                    {
                        reader.FieldEquals(column, Needle);
                        reader.FieldContains(column, Needle);
                    }
                }

                var expected = LinesAfterHeader(content.Bytes).Where(line => markers.Any(marker => Contains(line.Bytes, marker)))
                    .Select(line => Describe(line, reader.Columns.Length)).ToList();
                var lines = LinesAfterHeader(content.Bytes).Count;
                if (!expected.SequenceEqual(found) || reader.LinesRead != lines || reader.BytesRead != content.Bytes.Length)
                    problems.Add($"markers {string.Join(" ", markers.Select(marker => Encoding.UTF8.GetString(marker).Replace("\t", "<TAB>")))}: found [{string.Join(" | ", found)}], expected [{string.Join(" | ", expected)}]; " +
                                 $"{reader.LinesRead} of {lines} lines, {reader.BytesRead} of {content.Bytes.Length} bytes");
            }
            return (problems.Count == 0).Label(string.Join("; ", problems));
        }

        [Property(MaxTest = 300, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property Random_bytes_never_make_the_scanner_throw_and_its_counts_add_up(FuzzBytes content)
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("X_AuditSecurity_Repository.txt", content.Bytes);

            var scanner = new LicenseDenialScanner(new LicenseDenialScanOptions { IncludeServiceAccounts = true });
            var events = scanner.Scan(new[] { file }).ToList();
            var statistics = scanner.Statistics;

            return (statistics.FilesRead + statistics.FilesSkipped == 1
                    && statistics.LinesSkipped <= statistics.LinesRead
                    && (statistics.FilesSkipped == 1 || statistics.BytesRead == content.Bytes.Length)
                    && events.Count == statistics.Events
                    && DenialLinesAddUp(statistics))
                .Label(Describe(statistics));
        }

        [Property(MaxTest = 200, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property Every_kind_of_line_is_counted_where_it_belongs(LogScenario scenario)
        {
            using var folder = new TempLogFolder();
            var file = folder.Write(scenario.FileName, scenario.ToBytes());

            var scanner = new LicenseDenialScanner();
            var events = scanner.Scan(new[] { file }).ToList();
            var statistics = scanner.Statistics;

            return (statistics.FilesRead == 1
                    && statistics.LinesRead == scenario.Lines.Count + (scenario.GarbageTail.Length > 0 ? 1 : 0)
                    && statistics.LinesSkipped == scenario.Lines.Count(line => line.IsSkipped)
                    && statistics.DenialLines == scenario.Lines.Count(line => line.IsReadableDenial)
                    && statistics.ServiceAccountLines == scenario.Lines.Count(line => line.Kind == LineKind.ServiceAccountDenial)
                    && DenialLinesAddUp(statistics)
                    && statistics.BytesRead == new FileInfo(file).Length)
                .Label(Describe(statistics) + " for " + scenario)
                .And(AreTheDenialsOf(scenario, events));
        }

        [Property(MaxTest = 100, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property A_log_copied_to_another_node_gives_the_same_events_once(LogScenario scenario)
        {
            using var folder = new TempLogFolder();
            var bytes = scenario.ToBytes();
            var files = new[] { folder.Write("node1/" + scenario.FileName, bytes), folder.Write("node2/" + scenario.FileName, bytes) };

            var once = new LicenseDenialScanner();
            var onceEvents = once.Scan(files.Take(1)).ToList();
            var twice = new LicenseDenialScanner();
            var twiceEvents = twice.Scan(files).ToList();

            return (twice.Statistics.DenialLines == 2 * once.Statistics.DenialLines
                    && twice.Statistics.DuplicateLines == once.Statistics.DuplicateLines + once.Statistics.DenialLines - once.Statistics.ServiceAccountLines
                    && DenialLinesAddUp(twice.Statistics))
                .Label(Describe(twice.Statistics) + " for " + scenario)
                .And(AreTheDenialsOf(scenario, twiceEvents))
                .And(onceEvents.Select(denial => (denial.Timestamp, denial.UserId)).SequenceEqual(twiceEvents.Select(denial => (denial.Timestamp, denial.UserId)))
                    .Label("the same events, in the same order, from one copy and from two"));
        }

        [Property(MaxTest = 100, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property A_log_in_another_encoding_is_read_or_skipped_never_a_crash(LogScenario scenario, TextEncoding encoding)
        {
            using var folder = new TempLogFolder();
            var text = Encoding.UTF8.GetString(scenario.ToBytes());
            var bytes = encoding.Encoding.GetPreamble().Concat(encoding.Encoding.GetBytes(text.TrimStart('\uFEFF'))).ToArray();
            var file = folder.Write(scenario.FileName, bytes);

            var scanner = new LicenseDenialScanner();
            scanner.Scan(new[] { file }).ToList();
            var statistics = scanner.Statistics;

            // UTF-16 and UTF-32 put NULs between the header's letters: no Timestamp column, so not a log.
            var expectRead = encoding.IsAsciiCompatible;
            return (statistics.FilesRead == (expectRead ? 1 : 0)
                    && statistics.FilesSkipped == (expectRead ? 0 : 1)
                    && (expectRead || statistics.SkippedFiles[0].Reason == LogFileSkipReason.NotALog)
                    && DenialLinesAddUp(statistics))
                .Label(Describe(statistics) + " in " + encoding);
        }

        [Property(MaxTest = 100, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property Any_mix_of_logs_junk_missing_files_and_folders_is_counted_file_by_file(FileMix mix)
        {
            using var folder = new TempLogFolder();
            var files = mix.Write(folder.Path);

            var scanner = new LicenseDenialScanner();
            scanner.Scan(files).ToList();
            var statistics = scanner.Statistics;

            return (statistics.FilesRead + statistics.FilesSkipped == files.Count
                    && statistics.SkippedFiles.Count(skipped => skipped.Reason == LogFileSkipReason.Unreadable) == mix.Unopenable
                    && DenialLinesAddUp(statistics))
                .Label(Describe(statistics) + " for " + mix);
        }

        [Property(MaxTest = 1000, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property Timestamps_of_any_shape_parse_or_are_refused_and_parsed_ones_round_trip(TimestampText candidate)
        {
            if (!QlikLogTimestamp.TryParse(candidate.Text, out var parsed)) return true.Label("refused " + candidate.Text);

            var offset = parsed.Offset;
            var written = parsed.ToString("yyyyMMdd'T'HHmmss.fffffff", CultureInfo.InvariantCulture)
                          + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
            return (QlikLogTimestamp.TryParse(written, out var again) && again == parsed && again.Offset == parsed.Offset)
                .Label($"{candidate.Text} parsed as {parsed:o}, written back as {written}");
        }

        [Property(MaxTest = 100, Arbitrary = new[] { typeof(LogFuzzArbitraries) })]
        public Property Denials_of_different_users_at_the_same_instant_stay_apart_in_logs_without_line_ids(NonEmptySet<string> userIds, bool sameFile)
        {
            var users = userIds.Get.Where(id => id != null).Select(id => new string(id.Where(character => !char.IsControl(character) && character != '\t').ToArray()).Trim())
                .Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            using var folder = new TempLogFolder();
            var columns = new[] { "Timestamp", "UserDirectory", "UserId", "Command", "Result" };
            var lines = users.Select(user => new LogFileBuilder(columns) { Bom = false, LineBreak = "\n" }
                .Row(new Dictionary<string, string>
                {
                    ["Timestamp"] = "20240305T080000.000+0100", ["UserDirectory"] = "CORP", ["UserId"] = user,
                    ["Command"] = "License user access", ["Result"] = "403",
                })).ToList();
            var files = sameFile
                ? new[] { folder.Write("X_AuditSecurity_Repository.txt", lines.Aggregate(new LogFileBuilder(columns), (log, one) => log.Line(RowText(one)))) }
                : lines.Select((one, index) => folder.Write($"N{index}/X_AuditSecurity_Repository.txt", one)).ToArray();

            var events = new LicenseDenialScanner().Scan(files).ToList();

            return (events.Count == users.Count).Label($"{events.Count} events for {users.Count} users");
        }

        [Fact]
        public void A_file_that_disappears_or_is_a_folder_is_skipped_as_unreadable()
        {
            using var folder = new TempLogFolder();
            Directory.CreateDirectory(Path.Combine(folder.Path, "Looks_Like_A_Log.txt"));

            var scanner = new LicenseDenialScanner();
            scanner.Scan(new[] { Path.Combine(folder.Path, "gone.txt"), Path.Combine(folder.Path, "Looks_Like_A_Log.txt") }).ToList();

            Assert.Equal(new[] { LogFileSkipReason.Unreadable, LogFileSkipReason.Unreadable }, scanner.Statistics.SkippedFiles.Select(skipped => skipped.Reason));
        }

        private static readonly byte[] Needle = Encoding.ASCII.GetBytes("403");

        /// <summary>A one-byte marker (found on most lines), a denial marker, and two markers that often share a line.</summary>
        private static readonly byte[][][] MarkerSets =
        {
            new[] { Encoding.ASCII.GetBytes("\t") },
            new[] { Encoding.ASCII.GetBytes("\t403\t") },
            new[] { Encoding.ASCII.GetBytes("403"), Encoding.ASCII.GetBytes("\t\t") },
        };

        /// <summary>
        /// The events are the scenario's person denials, each once: the same instants and users (compared as sorted
        /// lists, since denials at one instant may come in any order of users), in time order.
        /// </summary>
        private static Property AreTheDenialsOf(LogScenario scenario, IReadOnlyList<LicenseDenialEvent> events)
        {
            var expected = scenario.Lines.Where(line => line.Kind == LineKind.PersonDenial)
                .Select(line => (Ticks: ParseTime(line.Time).UtcTicks, line.User)).OrderBy(denial => denial.Ticks).ThenBy(denial => denial.User, StringComparer.Ordinal).ToList();
            var found = events.Select(denial => (Ticks: denial.Timestamp.UtcTicks, User: denial.UserId)).ToList();
            var inTimeOrder = found.Zip(found.Skip(1), (earlier, later) => earlier.Ticks <= later.Ticks).All(ordered => ordered);
            return (inTimeOrder && expected.SequenceEqual(found.OrderBy(denial => denial.Ticks).ThenBy(denial => denial.User, StringComparer.Ordinal)))
                .Label($"events [{string.Join(", ", found)}], expected [{string.Join(", ", expected)}]");
        }

        private static DateTimeOffset ParseTime(string text) =>
            QlikLogTimestamp.TryParse(text, out var time) ? time : throw new FormatException(text);

        /// <summary>The lines after the header, without their CR, a last line without its break included.</summary>
        private static List<(byte[] Bytes, bool Terminated)> LinesAfterHeader(byte[] bytes)
        {
            var lines = new List<(byte[] Bytes, bool Terminated)>();
            var headerEnd = Array.IndexOf(bytes, (byte)'\n');
            if (headerEnd < 0) return lines;
            var start = headerEnd + 1;
            while (start < bytes.Length)
            {
                var lineFeed = Array.IndexOf(bytes, (byte)'\n', start);
                var end = lineFeed < 0 ? bytes.Length : lineFeed;
                lines.Add((bytes[start..(end > start && bytes[end - 1] == (byte)'\r' ? end - 1 : end)], lineFeed >= 0));
                start = end + 1;
            }
            return lines;
        }

        private static bool Contains(byte[] line, byte[] marker) => line.AsSpan().IndexOf(marker) >= 0;

        /// <summary>What the reader should say of a line holding the marker: its fields when they are the header's count.</summary>
        private static string Describe((byte[] Bytes, bool Terminated) line, int columns)
        {
            var text = Encoding.UTF8.GetString(line.Bytes);
            var fields = text.Split('\t');
            if (line.Bytes.Length > 0 && fields.Length == columns) return text;
            return line.Terminated && fields.Length == 2 && text.StartsWith("Signature:", StringComparison.Ordinal) ? "Signature" : "Malformed";
        }

        /// <summary>Every denial line is left out for exactly one reason or becomes (part of) an event.</summary>
        private static bool DenialLinesAddUp(LogScanStatistics statistics) =>
            statistics.DenialLines == statistics.ServiceAccountLines + statistics.ExcludedUserLines + statistics.OutsideWindowLines
                                      + statistics.DuplicateLines + statistics.Events;

        private static string RowText(LogFileBuilder oneRow) => Encoding.UTF8.GetString(oneRow.ToBytes()).Split('\n')[1];

        private static string Describe(LogScanStatistics statistics) =>
            $"files read {statistics.FilesRead}, skipped {statistics.FilesSkipped} ({string.Join("; ", statistics.SkippedFiles)}); lines read {statistics.LinesRead}, " +
            $"skipped {statistics.LinesSkipped}; denial lines {statistics.DenialLines} = service {statistics.ServiceAccountLines} + excluded {statistics.ExcludedUserLines} " +
            $"+ outside {statistics.OutsideWindowLines} + duplicate {statistics.DuplicateLines} + events {statistics.Events}; bytes {statistics.BytesRead}";
    }

    /// <summary>File content biased towards what matters to a line reader: tabs, line breaks, a BOM, often a real header first.</summary>
    public sealed record FuzzBytes(byte[] Bytes)
    {
        public override string ToString() => Convert.ToBase64String(Bytes);
    }

    public enum LineKind
    {
        PersonDenial,
        ServiceAccountDenial,
        OtherRecord,
        Blank,
        WrongFieldCount,
        Garbage,
        DenialWithUnreadableTime,
        DenialWithoutUser,
        Signature,
        LongerThanTheReadBuffer,
        /// <summary>A denial line missing a field: it holds the marker, but too few fields.</summary>
        DenialMissingAField,
        /// <summary>A record holding the marker's bytes in another column: no denial.</summary>
        MarkerInAnotherColumn,
    }

    /// <summary>A line of a scenario; a denial's time and user as written.</summary>
    public sealed record ScenarioLine(LineKind Kind, string Text, string Time = null, string User = null)
    {
        public bool IsReadableDenial => Kind is LineKind.PersonDenial or LineKind.ServiceAccountDenial;

        /// <summary>Lines holding the marker that cannot be read as a denial; lines without it are not looked at.</summary>
        public bool IsSkipped => Kind is LineKind.DenialWithUnreadableTime or LineKind.DenialWithoutUser or LineKind.DenialMissingAField;

        public override string ToString() => Kind.ToString();
    }

    /// <summary>A log of one of the two denial layouts, columns in any order among extra ones, with lines of every kind.</summary>
    public sealed record LogScenario(string FileName, string[] Columns, bool Bom, string LineBreak, IReadOnlyList<ScenarioLine> Lines, string GarbageTail)
    {
        public byte[] ToBytes()
        {
            var builder = new LogFileBuilder(Columns) { Bom = Bom, LineBreak = LineBreak };
            foreach (var line in Lines) builder.Line(line.Text);
            return builder.Unterminated(GarbageTail).ToBytes();
        }

        public override string ToString() =>
            $"{FileName} [{string.Join(",", Columns)}] bom={Bom} break={(LineBreak == "\n" ? "LF" : "CRLF")} lines=[{string.Join(",", Lines)}] tail={GarbageTail.Length}";
    }

    public sealed record TextEncoding(string Name, Encoding Encoding, bool IsAsciiCompatible)
    {
        public override string ToString() => Name;
    }

    public sealed record FileMix(IReadOnlyList<(string Kind, byte[] Content)> Files)
    {
        public int Unopenable => Files.Count(file => file.Kind is "missing" or "folder");

        public List<string> Write(string folder)
        {
            var paths = new List<string>();
            for (var index = 0; index < Files.Count; index++)
            {
                var (kind, content) = Files[index];
                var path = Path.Combine(folder, $"F{index}_AuditSecurity_Repository.txt");
                if (kind == "folder") Directory.CreateDirectory(path);
                else if (kind != "missing") File.WriteAllBytes(path, content);
                paths.Add(path);
            }
            return paths;
        }

        public override string ToString() => string.Join(",", Files.Select(file => file.Kind));
    }

    public sealed record TimestampText(string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>The generators, registered through [Property(Arbitrary = ...)].</summary>
    public static class LogFuzzArbitraries
    {
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        private static readonly string[] ExtraColumns = { "Level", "Logger", "Thread", "Custom Column", "Zoë", "" };

        private static readonly Gen<string> LogTimes =
            from day in Gen.Choose(1, 28)
            from hour in Gen.Choose(0, 23)
            from second in Gen.Choose(0, 59)
            from millisecond in Gen.Choose(0, 999)
            from offset in Gen.Elements("+0100", "-0500", "+0000", "+0530", "Z")
            select string.Format(CultureInfo.InvariantCulture, "202403{0:00}T{1:00}00{2:00}.{3:000}{4}", day, hour, second, millisecond, offset);

        private static readonly Gen<string> UserIds = Gen.Elements("jdoe", "o'brien", "zoë.müller", "anna maria", "a\\b", "JDOE", "d'angelo");

        /// <summary>Bytes that are not TAB, CR or LF: text and binary junk that stays on one line and in one field.</summary>
        private static readonly Gen<byte> JunkByte = Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E).Select(value => (byte)value)),
            (3, Gen.Choose(0x80, 0xFF).Select(value => (byte)value)),
            (1, Gen.Elements<byte>(0x00, 0x01, 0x0B, 0x0C, 0x1B, 0x7F)));

        private static Gen<string> JunkText(int maximumLength) =>
            Gen.Choose(1, maximumLength).SelectMany(length => Gen.ArrayOf(JunkByte, length))
                .Select(bytes => Encoding.UTF8.GetString(bytes));

        public static Arbitrary<FuzzBytes> Bytes()
        {
            var structural = Gen.Frequency(
                (8, JunkByte),
                (3, Gen.Constant((byte)'\t')),
                (2, Gen.Constant((byte)'\n')),
                (1, Gen.Constant((byte)'\r')));
            var body = Gen.Sized(size => Gen.Choose(0, size * 20).SelectMany(length => Gen.ArrayOf(structural, length)));
            var header = Gen.Elements(LogFileBuilder.AuditSecurityColumns, LogFileBuilder.LicenseTraceColumns, new[] { "Timestamp", "UserDirectory", "UserId", "Command", "Result" })
                .Select(columns => Encoding.UTF8.GetBytes(string.Join("\t", columns) + "\r\n"));
            var prefix = Gen.Frequency(
                (3, header),
                (1, header.Select(bytes => Utf8Bom.Concat(bytes).ToArray())),
                (1, Gen.Constant(Array.Empty<byte>())));
            return Gen.Zip(prefix, body, (first, rest) => new FuzzBytes(first.Concat(rest).ToArray())).ToArbitrary();
        }

        public static Arbitrary<LogScenario> Scenarios()
        {
            var gen =
                from trace in Gen.Elements(false, true)
                let known = trace ? LogFileBuilder.LicenseTraceColumns : LogFileBuilder.AuditSecurityColumns
                from extra in Gen.SubListOf(ExtraColumns)
                // Qlik's own order (Result right after Command: the audit layout's markers are the two fields together) or any.
                from columns in Gen.OneOf(
                    Gen.Constant(known.Concat(extra.Where(name => !known.Contains(name))).ToArray()),
                    Gen.Shuffle(known.Concat(extra.Where(name => !known.Contains(name))).ToArray()))
                from bom in Gen.Elements(true, false)
                from lineBreak in Gen.Elements("\r\n", "\n")
                from lines in Gen.Sized(size => Gen.Choose(0, Math.Max(1, size)).SelectMany(count => Gen.ListOf(Line(trace, columns), count)))
                from tail in Gen.Frequency((3, Gen.Constant(string.Empty)), (1, JunkText(40)))
                select new LogScenario(trace ? "X_License_Repository.txt" : "X_AuditSecurity_Repository.txt", columns, bom, lineBreak, lines.ToList(), tail);
            return gen.ToArbitrary();
        }

        public static Arbitrary<TextEncoding> Encodings() => Gen.Elements(
            new TextEncoding("UTF-8", new UTF8Encoding(false), true),
            new TextEncoding("Latin-1", Encoding.Latin1, true),
            new TextEncoding("UTF-16LE", new UnicodeEncoding(false, true), false),
            new TextEncoding("UTF-16LE without BOM", new UnicodeEncoding(false, false), false),
            new TextEncoding("UTF-16BE", new UnicodeEncoding(true, true), false),
            new TextEncoding("UTF-32", new UTF32Encoding(false, true), false)).ToArbitrary();

        public static Arbitrary<FileMix> Mixes()
        {
            var file = Gen.OneOf(
                Scenarios().Generator.Select(scenario => ("log", scenario.ToBytes())),
                Bytes().Generator.Select(content => ("junk", content.Bytes)),
                Gen.Constant(("empty", Array.Empty<byte>())),
                Gen.Constant(("missing", Array.Empty<byte>())),
                Gen.Constant(("folder", Array.Empty<byte>())));
            return Gen.Choose(0, 6).SelectMany(count => Gen.ListOf(file, count)).Select(files => new FileMix(files.ToList())).ToArbitrary();
        }

        public static Arbitrary<TimestampText> TimestampTexts()
        {
            var digits = Gen.Choose(0, 9).Select(digit => (char)('0' + digit));
            var anyChar = Gen.Frequency((5, digits), (1, Gen.Elements('T', '.', '+', '-', ':', 'Z', ' ', 'x')));
            var shaped =
                from date in Gen.ArrayOf(digits, 8)
                from time in Gen.ArrayOf(digits, 6)
                from fraction in Gen.Frequency((1, Gen.Constant(string.Empty)), (3, Gen.Choose(1, 9).SelectMany(length => Gen.ArrayOf(digits, length)).Select(value => "." + new string(value))))
                from offset in Gen.OneOf(
                    Gen.Constant("Z"),
                    from sign in Gen.Elements('+', '-') from value in Gen.ArrayOf(digits, 4) select sign + new string(value),
                    from sign in Gen.Elements('+', '-') from value in Gen.ArrayOf(digits, 4) select $"{sign}{value[0]}{value[1]}:{value[2]}{value[3]}",
                    Gen.ArrayOf(anyChar, 3).Select(value => new string(value)))
                select new string(date) + "T" + new string(time) + fraction + offset;
            var loose = Gen.Sized(size => Gen.Choose(0, size + 30).SelectMany(length => Gen.ArrayOf(anyChar, length))).Select(value => new string(value));
            return Gen.Frequency((4, shaped), (1, loose), (1, LogTimes)).Select(text => new TimestampText(text)).ToArbitrary();
        }

        private static Gen<ScenarioLine> Line(bool trace, string[] columns) => Gen.Frequency(
            (4, from time in LogTimes
                from user in UserIds
                from markerTwice in Gen.Elements(false, false, true)
                select new ScenarioLine(LineKind.PersonDenial, Denial(trace, columns, time, "CORP", user, markerTwice), time, user)),
            (2, from time in LogTimes
                select new ScenarioLine(LineKind.ServiceAccountDenial, Denial(trace, columns, time, trace ? "DOMAIN" : "INTERNAL", trace ? "qlikservice" : "sa_repository"))),
            (2, from time in LogTimes select new ScenarioLine(LineKind.OtherRecord, Other(trace, columns, time))),
            (1, Gen.Constant(new ScenarioLine(LineKind.Blank, string.Empty))),
            (1, Gen.Choose(0, columns.Length + 3).Where(tabs => tabs != columns.Length - 1)
                .Select(tabs => new ScenarioLine(LineKind.WrongFieldCount, string.Join("\t", Enumerable.Repeat("x", tabs + 1))))),
            (1, JunkText(200).Select(text => new ScenarioLine(LineKind.Garbage, text))),
            (1, JunkText(20).Where(text => !QlikLogTimestamp.TryParse(text, out _))
                .Select(text => new ScenarioLine(LineKind.DenialWithUnreadableTime, Denial(trace, columns, text, "CORP", "jdoe")))),
            (1, from time in LogTimes select new ScenarioLine(LineKind.DenialWithoutUser, Denial(trace, columns, time, string.Empty, string.Empty))),
            (1, Gen.Constant(new ScenarioLine(LineKind.Signature, "Signature:\t7cf3e4768228884815499e917185bf1fd7f1008d"))),
            (1, Gen.Choose(LogFileReader.InitialBufferBytes + 1, LogFileReader.InitialBufferBytes + 100_000)
                .Select(length => new ScenarioLine(LineKind.LongerThanTheReadBuffer, new string('u', length)))),
            (1, from time in LogTimes select new ScenarioLine(LineKind.DenialMissingAField, WithoutAField(trace, columns, Denial(trace, columns, time, "CORP", "jdoe")))),
            (1, from time in LogTimes select new ScenarioLine(LineKind.MarkerInAnotherColumn, MarkerElsewhere(trace, columns, time))));

        /// <summary>The column whose value the layout's marker is: Result in audit logs, Operation in the license trace.</summary>
        private static string MarkerColumn(bool trace) => trace ? "Operation" : "Result";

        private static string MarkerValue(bool trace) => trace ? "UsageDenied" : "403";

        /// <summary>A column that is neither the marker's nor one the denial test or the user reads.</summary>
        private static string OtherColumn(bool trace) => trace ? "Level" : "ObjectName";

        /// <summary>
        /// A denial line without one field, so that it holds the marker whole (a TAB still on both sides of its fields:
        /// Command's and Result's where Result follows Command) but not every field: the first field goes, or the last
        /// when the marker's first field is one of the first two.
        /// </summary>
        private static string WithoutAField(bool trace, string[] columns, string line)
        {
            var fields = line.Split('\t').ToList();
            var markerColumn = Array.IndexOf(columns, MarkerColumn(trace));
            var command = Array.IndexOf(columns, "Command");
            var firstMarkerColumn = !trace && command == markerColumn - 1 ? command : markerColumn;
            fields.RemoveAt(firstMarkerColumn >= 2 ? 0 : fields.Count - 1);
            return string.Join("\t", fields);
        }

        private static string MarkerElsewhere(bool trace, string[] columns, string time) => trace
            ? RowOf(columns, log => log.Row(new Dictionary<string, string>
                { ["Timestamp"] = time, ["Operation"] = "UsageGranted", ["UserName"] = "CORP\\jdoe", [OtherColumn(trace)] = MarkerValue(trace) }))
            : RowOf(columns, log => log.Row(new Dictionary<string, string>
                { ["Timestamp"] = time, ["UserDirectory"] = "CORP", ["UserId"] = "jdoe", ["Command"] = "License user access", ["Result"] = "0", [OtherColumn(trace)] = MarkerValue(trace) }));

        /// <summary>
        /// One denial line in the scenario's column order, as the shared builder writes it; with the marker twice, another
        /// column holds the marker's value too (the line must still be one denial line).
        /// </summary>
        private static string Denial(bool trace, string[] columns, string time, string directory, string userId, bool markerTwice = false)
        {
            var line = trace
                ? RowOf(columns, log => log.LicenseDenial(time, directory.Length == 0 ? string.Empty : directory + "\\" + userId, Guid.NewGuid().ToString()))
                : RowOf(columns, log => log.RepositoryDenial(time, directory, userId, Guid.NewGuid().ToString(), Guid.NewGuid().ToString()));
            if (!markerTwice) return line;
            var fields = line.Split('\t');
            fields[Array.IndexOf(columns, OtherColumn(trace))] = MarkerValue(trace);
            return string.Join("\t", fields);
        }

        private static string Other(bool trace, string[] columns, string time) => trace
            ? RowOf(columns, log => log.Row(new Dictionary<string, string> { ["Timestamp"] = time, ["Operation"] = "UsageGranted", ["UserName"] = "CORP\\jdoe" }))
            : RowOf(columns, log => log.RepositoryOther(time));

        private static string RowOf(string[] columns, Func<LogFileBuilder, LogFileBuilder> write)
        {
            var text = Encoding.UTF8.GetString(write(new LogFileBuilder(columns) { Bom = false, LineBreak = "\n" }).ToBytes());
            return text.Split('\n')[1];
        }
    }
}
