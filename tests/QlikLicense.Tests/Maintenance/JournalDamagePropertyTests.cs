using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// A journal is the only record of changes that cost money and access: any torn or garbled line must cost only
/// itself. Records of every kind are written through <see cref="LicenseJournal"/>, some lines are then damaged in
/// place (cut, bytes replaced, junk added), and reading the journal must give back every other record exactly, each
/// damaged line as at most one problem naming its own line number, never an exception.
/// </summary>
public sealed class JournalDamagePropertyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qliklicense-journal-damage-" + Guid.NewGuid().ToString("N"));

    public JournalDamagePropertyTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(JournalArbitraries) })]
    public Property Any_damaged_line_costs_only_itself(JournalCase journalCase)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".jsonl");
        using (var journal = new LicenseJournal(path))
        {
            foreach (var record in journalCase.Records) journal.Append(record);
        }
        var lines = File.ReadAllBytes(path).Split((byte)'\n');
        foreach (var (line, damage) in journalCase.Damage) lines[line] = damage.Apply(lines[line]);
        File.WriteAllBytes(path, Join(lines));

        var problems = new List<JournalProblem>();
        var read = LicenseJournal.Read(path, problems.Add).ToList();

        var damaged = journalCase.Damage.Select(pair => pair.Line + 1).ToHashSet();
        var intact = journalCase.Records.Where((_, index) => !damaged.Contains(index + 1)).Select(Serialize).ToList();
        // A damaged line may still be a record (junk inside a string); it is then its own line's, or no written line's.
        var readIntact = read.Where(record => LineOf(record, journalCase) is var line && line > 0 && !damaged.Contains(line)).Select(Serialize).ToList();
        return (readIntact.SequenceEqual(intact)
                && problems.All(problem => damaged.Contains(problem.LineNumber) && problem.Path == path)
                && problems.Select(problem => problem.LineNumber).Distinct().Count() == problems.Count
                && read.Count + problems.Count <= journalCase.Records.Count)
            .Label($"{read.Count} read, {readIntact.Count} of {intact.Count} intact ones; problems at lines {string.Join(",", problems.Select(problem => problem.LineNumber))}");
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(JournalArbitraries) })]
    public Property A_line_torn_by_a_writer_that_died_costs_only_itself_when_the_next_writer_appends(JournalCase journalCase, PositiveInt cutAt)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".jsonl");
        var before = journalCase.Records.Take(journalCase.Records.Count / 2).ToList();
        var after = journalCase.Records.Skip(before.Count).ToList();
        var torn = Encoding.UTF8.GetBytes(Serialize(after.FirstOrDefault() ?? before.First()));
        using (var journal = new LicenseJournal(path))
        {
            foreach (var record in before) journal.Append(record);
        }
        using (var file = new FileStream(path, FileMode.Append)) file.Write(torn, 0, 1 + cutAt.Get % (torn.Length - 1));
        using (var journal = new LicenseJournal(path))
        {
            foreach (var record in after) journal.Append(record);
        }

        var problems = new List<JournalProblem>();
        var read = LicenseJournal.Read(path, problems.Add).Select(Serialize).ToList();

        return (read.SequenceEqual(before.Concat(after).Select(Serialize))
                && problems.Count == 1 && problems[0].LineNumber == before.Count + 1)
            .Label($"{read.Count} of {journalCase.Records.Count} read; problems: {string.Join("; ", problems)}");
    }

    /// <summary>The line a record came from: its operation id and event are unique in a generated journal.</summary>
    private static int LineOf(JournalRecord record, JournalCase journalCase) =>
        journalCase.Records.FindIndex(written => written.OperationId == record.OperationId && written.Event == record.Event) + 1;

    private static string Serialize(JournalRecord record) => JsonConvert.SerializeObject(record, JsonLinesFile.Settings);

    private static byte[] Join(byte[][] lines) => lines.SelectMany((line, index) => index == 0 ? line : new[] { (byte)'\n' }.Concat(line)).ToArray();
}

internal static class ByteLines
{
    public static byte[][] Split(this byte[] bytes, byte separator)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var index = 0; index <= bytes.Length; index++)
        {
            if (index < bytes.Length && bytes[index] != separator) continue;
            lines.Add(bytes[start..index]);
            start = index + 1;
        }
        return lines.ToArray();
    }
}

/// <summary>How one line is damaged without adding a line break: cut (a torn write), bytes replaced, junk put in.</summary>
public sealed record LineDamage(string Kind, int Position, byte[] Junk)
{
    public byte[] Apply(byte[] line)
    {
        var at = line.Length == 0 ? 0 : Position % line.Length;
        return Kind switch
        {
            "cut" => line[..at],
            "replace" => line[..at].Concat(Junk).Concat(line[Math.Min(line.Length, at + Junk.Length)..]).ToArray(),
            "insert" => line[..at].Concat(Junk).Concat(line[at..]).ToArray(),
            _ => Junk,
        };
    }

    public override string ToString() => $"{Kind}@{Position}:{Convert.ToBase64String(Junk)}";
}

/// <summary>Records of every event, and the damage to some of their lines (line index, damage).</summary>
public sealed record JournalCase(List<JournalRecord> Records, List<(int Line, LineDamage Damage)> Damage)
{
    public override string ToString() =>
        $"{Records.Count} records ({string.Join(",", Records.Select(record => record.Event))}); damage {string.Join(", ", Damage.Select(pair => $"line {pair.Line + 1}: {pair.Damage}"))}";
}

public static class JournalArbitraries
{
    private static readonly Gen<string> Names = Gen.Elements("jdoe", "o'brien", "zoë.müller", "a\\b", "\"quoted\"", "line\nbreak", "{\"event\":1}", "\u2028", "");

    private static readonly Gen<DateTime> Times =
        from day in Gen.Choose(0, 3650)
        from milliseconds in Gen.Choose(0, 86_399_999)
        select new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day).AddMilliseconds(milliseconds);

    private static readonly Gen<JournalRule> Rules =
        from name in Names
        from text in Gen.Elements("((user.group=\"Sales\"))", "user.userId like \"*\"", "")
        from disabled in Gen.Elements(true, false)
        from modified in Times
        select new JournalRule { Id = Guid.NewGuid(), Name = name, Type = LicenseAccessType.Analyzer, Rule = text, Disabled = disabled, ModifiedDate = modified };

    private static Gen<JournalRecord> Record() =>
        from journalEvent in Gen.Elements(Enum.GetValues<JournalEvent>())
        from time in Times
        from type in Gen.Elements(LicenseAccessType.Professional, LicenseAccessType.Analyzer)
        from directory in Names
        from user in Names
        from outcome in Gen.Elements<AllocationOutcome?>(null, AllocationOutcome.Released, AllocationOutcome.Quarantined, AllocationOutcome.Failed)
        from message in Gen.Elements(null, "the site said no", "réponse ↵↓ \"quoted\"")
        from before in Gen.OrNull(Rules)
        from after in Gen.OrNull(Rules)
        select new JournalRecord
        {
            Format = JournalRecord.CurrentFormat, Time = time, Event = journalEvent, OperationId = Guid.NewGuid(), Site = "qlik.example:4242",
            AllocationId = Guid.NewGuid(), Type = type, UserKey = Guid.NewGuid(), UserDirectory = directory, UserId = user, UserName = user,
            LastUsed = time.AddDays(-40), Outcome = outcome, Message = message, RuleBefore = before, RuleAfter = after,
            AutoAssignBefore = journalEvent == JournalEvent.AutoAssignmentChange ? false : null,
            AutoAssignAfter = journalEvent == JournalEvent.AutoAssignmentChange ? true : null,
        };

    private static readonly Gen<LineDamage> Damages =
        from kind in Gen.Elements("cut", "replace", "insert", "whole")
        from position in Gen.Choose(0, int.MaxValue)
        from junk in Gen.Choose(1, 12).SelectMany(length => Gen.ArrayOf(
            Gen.Frequency((3, Gen.Elements("{}[]\":,\\ ".Select(character => (byte)character).ToArray())), (1, Gen.Choose(0, 255).Select(value => (byte)value))), length))
        select new LineDamage(kind, position, junk.Where(value => value != (byte)'\n').ToArray());

    public static Arbitrary<JournalCase> Cases()
    {
        var gen =
            from records in Gen.Choose(2, 20).SelectMany(count => Gen.ListOf(Record(), count))
            from damaged in Gen.SubListOf(Enumerable.Range(0, records.Count).ToArray())
            from damage in Gen.ListOf(Damages, damaged.Count)
            select new JournalCase(records.ToList(), damaged.Zip(damage, (line, one) => (line, one)).ToList());
        return gen.ToArbitrary();
    }
}
