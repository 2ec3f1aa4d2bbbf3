using System.Text;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Tests.Maintenance;

public sealed class JournalOperationsTests : IDisposable
{
    private const string Site = "qlik.corp.example:4242";
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly string folder = Directory.CreateTempSubdirectory("qliklicense-journal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string JournalPath => Path.Combine(folder, "journal.jsonl");

    private static LicenseAllocation Allocation(string userId, LicenseAccessType type = LicenseAccessType.Professional) => new()
    {
        Id = Guid.NewGuid(),
        Type = type,
        UserDirectory = "CORP",
        UserId = userId,
        UserName = userId.ToUpperInvariant(),
        UserKey = Guid.NewGuid(),
    };

    private static (JournalRecord Release, JournalRecord Result) Released(LicenseAllocation allocation, AllocationOutcome outcome, int minutes, string site = Site)
    {
        var release = JournalRecord.ReleaseOf(allocation, site, Start.AddMinutes(minutes));
        return (release, release.FollowUp(JournalEvent.Result, outcome, Start.AddMinutes(minutes).AddSeconds(1),
            outcome == AllocationOutcome.Quarantined ? Start.AddDays(7) : null));
    }

    private void Write(params JournalRecord[] records)
    {
        using var journal = new LicenseJournal(JournalPath);
        foreach (var record in records) journal.Append(record);
    }

    [Fact]
    public void A_release_and_its_result_are_one_operation_with_the_outcome()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Quarantined, 0);
        Write(release, result);

        var content = JournalOperations.Read(JournalPath);

        var operation = Assert.Single(content.Operations);
        Assert.Empty(content.Problems);
        Assert.Null(content.Warning);
        Assert.Equal(JournalEvent.Release, operation.Event);
        Assert.Equal(AllocationOutcome.Quarantined, operation.Outcome);
        Assert.Equal(Start.AddDays(7), operation.QuarantineEnd);
        Assert.Equal(release.Time, operation.Time);
        Assert.Equal(release.AllocationId, operation.AllocationId);
        Assert.Equal(Path.GetFullPath(JournalPath), Path.GetFullPath(operation.JournalPath));
    }

    [Fact]
    public void A_release_without_result_stays_an_operation_without_outcome()
    {
        var (release, _) = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        Write(release);

        var operation = Assert.Single(JournalOperations.Read(JournalPath).Operations);
        Assert.Null(operation.Outcome);
    }

    [Fact]
    public void A_corrupt_line_is_reported_with_its_number_and_the_others_are_read()
    {
        var first = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        var second = Released(Allocation("asmith"), AllocationOutcome.Released, 1);
        Write(first.Release, first.Result);
        File.AppendAllText(JournalPath, "{\"time\":\"2026-11-20T09:00:30.000Z\",\"event\":\"Rel\u0000ease\" garbage\n");
        Write(second.Release, second.Result);

        var content = JournalOperations.Read(JournalPath);

        Assert.Equal(new[] { "jdoe", "asmith" }, content.Operations.Select(operation => operation.UserId));
        var problem = Assert.Single(content.Problems);
        Assert.Equal(3, problem.LineNumber);
        Assert.Contains("1 line", content.Warning);
    }

    [Fact]
    public void A_last_line_cut_off_mid_write_is_skipped_and_the_release_before_it_kept()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        var (cut, _) = Released(Allocation("asmith"), AllocationOutcome.Released, 1);
        Write(release, result, cut);
        var bytes = File.ReadAllBytes(JournalPath);
        File.WriteAllBytes(JournalPath, bytes[..^40]);

        var content = JournalOperations.Read(JournalPath);

        Assert.Equal("jdoe", Assert.Single(content.Operations).UserId);
        Assert.Equal(3, Assert.Single(content.Problems).LineNumber);
    }

    [Fact]
    public void A_result_whose_release_line_was_lost_still_makes_the_operation()
    {
        var (_, result) = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        Write(result);

        var operation = Assert.Single(JournalOperations.Read(JournalPath).Operations);
        Assert.Equal(JournalEvent.Release, operation.Event);
        Assert.Equal(AllocationOutcome.Released, operation.Outcome);
    }

    [Fact]
    public void A_missing_journal_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => JournalOperations.Read(Path.Combine(folder, "nothing.jsonl")));
    }

    [Fact]
    public void A_journal_written_with_a_byte_order_mark_and_crlf_reads_the_same()
    {
        var (release, result) = Released(Allocation("o'brien"), AllocationOutcome.Released, 0);
        Write(release, result);
        var lines = File.ReadAllLines(JournalPath);
        File.WriteAllText(JournalPath, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var content = JournalOperations.Read(JournalPath);
        Assert.Empty(content.Problems);
        Assert.Equal("o'brien", Assert.Single(content.Operations).UserId);
    }

    [Fact]
    public void Restore_lines_pair_intent_and_outcome_and_combining_twice_changes_nothing()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Quarantined, 0);
        var intent = release.FollowUp(JournalEvent.Restore, null, Start.AddHours(1));
        var outcome = release.FollowUp(JournalEvent.Restore, AllocationOutcome.Reinstated, Start.AddHours(1).AddSeconds(1));

        var once = JournalOperations.Combine(new[] { release, result, intent, outcome });
        var twice = JournalOperations.Combine(once);

        Assert.Equal(new[] { JournalEvent.Release, JournalEvent.Restore }, once.Select(operation => operation.Event));
        Assert.Equal(new AllocationOutcome?[] { AllocationOutcome.Quarantined, AllocationOutcome.Reinstated }, once.Select(operation => operation.Outcome));
        Assert.Equal(intent.Time, once[1].Time);
        Assert.Equal(once.Select(Describe), twice.Select(Describe));
    }

    private static string Describe(JournalRecord operation) =>
        $"{operation.Event} {operation.OperationId} {operation.Outcome} {operation.Time:O} {operation.AllocationId} {operation.QuarantineEnd:O}";
}
