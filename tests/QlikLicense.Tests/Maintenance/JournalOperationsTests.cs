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
    public void A_missing_journal_is_file_not_found_naming_the_journal()
    {
        var missing = Path.Combine(folder, "nothing.jsonl");

        var error = Assert.Throws<FileNotFoundException>(() => JournalOperations.Read(missing));

        Assert.Equal((MaintenanceMessages.Journal.FileNotFound(missing), missing), (error.Message, error.FileName));
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

    [Fact]
    public void Read_for_an_operation_warns_once_for_the_lines_it_skipped_and_names_each_in_the_verbose_stream()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        Write(release, result);
        File.AppendAllText(JournalPath, "{\"event\":\n[garbage\n");
        var host = new RecordingHost(approve: true);

        var operations = JournalOperations.Read(JournalPath, host, "Nothing was undone.", CancellationToken.None);

        Assert.Equal("jdoe", Assert.Single(operations).UserId);
        Assert.Equal($"2 lines of the journal '{JournalPath}' could not be read and were skipped (-Verbose shows them).", Assert.Single(host.Warnings));
        Assert.Equal(2, host.Verbose.Count);
        Assert.StartsWith($"{JournalPath}:3: not valid JSON: ", host.Verbose[0]);
        Assert.StartsWith($"{JournalPath}:4: not valid JSON: ", host.Verbose[1]);
    }

    [Fact]
    public void One_line_skipped_is_warned_of_in_the_singular_and_a_journal_read_whole_warns_of_nothing()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        Write(release, result);
        var whole = new RecordingHost(approve: true);
        JournalOperations.Read(JournalPath, whole, "Nothing was undone.", CancellationToken.None);
        File.AppendAllText(JournalPath, "[garbage\n");
        var host = new RecordingHost(approve: true);

        JournalOperations.Read(JournalPath, host, "Nothing was undone.", CancellationToken.None);

        Assert.Empty(whole.Warnings);
        Assert.Empty(whole.Verbose);
        Assert.Equal($"1 line of the journal '{JournalPath}' could not be read and was skipped (-Verbose shows it).", Assert.Single(host.Warnings));
    }

    [Fact]
    public void A_journal_that_is_not_there_stops_the_operation_saying_what_was_not_done()
    {
        var missing = Path.Combine(folder, "nothing.jsonl");

        var error = Assert.Throws<OperationException>(() => JournalOperations.Read(missing, new RecordingHost(approve: true), "Nothing was undone.", CancellationToken.None));
        var quiet = Assert.Throws<OperationException>(() => JournalOperations.Read(missing, new RecordingHost(approve: true), string.Empty, CancellationToken.None));

        Assert.Equal((ProblemKind.JournalNotFound, (object)missing), (error.Problem.Kind, error.Problem.Target));
        Assert.Equal($"The journal '{missing}' does not exist. Nothing was undone.", error.Message);
        Assert.Equal($"The journal '{missing}' does not exist.", quiet.Message);
        Assert.IsType<FileNotFoundException>(error.Problem.Exception);
    }

    [Fact]
    public void A_journal_another_writer_holds_exclusively_stops_the_operation_as_not_readable()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Released, 0);
        Write(release, result);
        using var holder = new FileStream(JournalPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<OperationException>(() => JournalOperations.Read(JournalPath, new RecordingHost(approve: true), "Nothing was undone.", CancellationToken.None));

        Assert.Equal((ProblemKind.JournalNotReadable, (object)JournalPath), (error.Problem.Kind, error.Problem.Target));
        Assert.StartsWith($"Cannot read the journal '{JournalPath}': ", error.Message);
        Assert.EndsWith(" Nothing was undone.", error.Message);
        Assert.IsAssignableFrom<IOException>(error.Problem.Exception.InnerException);
    }

    [Fact]
    public void An_outcome_line_gives_its_change_the_allocation_quarantine_end_and_message_and_the_rule_after_when_it_names_one()
    {
        var allocated = Guid.NewGuid();
        var intent = new JournalRecord { Time = Start, Event = JournalEvent.Allocate, OperationId = Guid.NewGuid(), Site = Site, UserId = "jdoe" };
        var outcome = intent.FollowUp(JournalEvent.Allocate, AllocationOutcome.Allocated, Start.AddSeconds(1), Start.AddDays(7), "read back");
        outcome.AllocationId = allocated;
        var before = new JournalRule { Name = "Sales", Rule = "old" };
        var planned = new JournalRule { Name = "Sales", Rule = "planned" };
        var changed = new JournalRecord { Time = Start, Event = JournalEvent.RuleChange, OperationId = Guid.NewGuid(), Site = Site, RuleBefore = before, RuleAfter = planned };
        var changedOutcome = changed.FollowUp(JournalEvent.RuleChange, AllocationOutcome.Changed, Start.AddSeconds(1));
        changedOutcome.RuleAfter = new JournalRule { Name = "Sales", Rule = "stored" };
        var failed = new JournalRecord { Time = Start, Event = JournalEvent.RuleChange, OperationId = Guid.NewGuid(), Site = Site, RuleBefore = before, RuleAfter = planned };
        var failedOutcome = failed.FollowUp(JournalEvent.RuleChange, AllocationOutcome.Failed, Start.AddSeconds(1), message: "refused");
        failedOutcome.RuleAfter = null;

        var operations = JournalOperations.Combine(new[] { intent, changed, failed, outcome, changedOutcome, failedOutcome });

        Assert.Equal(3, operations.Count);
        Assert.Equal((AllocationOutcome.Allocated, allocated, Start.AddDays(7), "read back", Start),
            (operations[0].Outcome.Value, operations[0].AllocationId, operations[0].QuarantineEnd.Value, operations[0].Message, operations[0].Time));
        Assert.Equal((AllocationOutcome.Changed, "stored"), (operations[1].Outcome.Value, operations[1].RuleAfter.Rule));
        Assert.Equal((AllocationOutcome.Failed, "planned", "refused"), (operations[2].Outcome.Value, operations[2].RuleAfter.Rule, operations[2].Message));
    }

    [Fact]
    public void An_outcome_line_without_its_intent_and_a_second_outcome_of_one_change_are_operations_of_their_own()
    {
        var intent = new JournalRecord { Time = Start, Event = JournalEvent.Allocate, OperationId = Guid.NewGuid(), Site = Site, UserId = "jdoe" };
        var outcome = intent.FollowUp(JournalEvent.Allocate, AllocationOutcome.Allocated, Start.AddSeconds(1));
        var again = intent.FollowUp(JournalEvent.Allocate, AllocationOutcome.Failed, Start.AddSeconds(2));
        var lost = new JournalRecord { Time = Start, Event = JournalEvent.Allocate, OperationId = Guid.NewGuid(), Site = Site, UserId = "asmith" }
            .FollowUp(JournalEvent.Allocate, AllocationOutcome.Allocated, Start.AddSeconds(3));

        var operations = JournalOperations.Combine(new[] { intent, outcome, again, lost });

        Assert.Equal(new[] { ("jdoe", AllocationOutcome.Allocated), ("jdoe", AllocationOutcome.Failed), ("asmith", AllocationOutcome.Allocated) },
            operations.Select(operation => (operation.UserId, operation.Outcome.Value)));
    }

    [Fact]
    public void A_release_line_written_twice_is_one_operation_and_its_result_completes_it()
    {
        var (release, result) = Released(Allocation("jdoe"), AllocationOutcome.Quarantined, 0);
        var message = result.FollowUp(JournalEvent.Result, AllocationOutcome.Quarantined, result.Time, result.QuarantineEnd, "in quarantine");

        var operation = Assert.Single(JournalOperations.Combine(new[] { release, release, message }));

        Assert.Equal((JournalEvent.Release, AllocationOutcome.Quarantined, Start.AddDays(7), "in quarantine"),
            (operation.Event, operation.Outcome.Value, operation.QuarantineEnd.Value, operation.Message));
    }

    private static string Describe(JournalRecord operation) =>
        $"{operation.Event} {operation.OperationId} {operation.Outcome} {operation.Time:O} {operation.AllocationId} {operation.QuarantineEnd:O}";
}
