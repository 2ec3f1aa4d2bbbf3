using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Tests.Maintenance;

/// <summary>The journal survives torn lines and several writers at once.</summary>
public sealed class LicenseJournalWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qliklicense-writer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string JournalPath => Path.Combine(folder, "journal.jsonl");

    private static JournalRecord Allocation(string userId) => new()
    {
        Time = DateTime.UtcNow,
        Event = JournalEvent.Allocate,
        OperationId = Guid.NewGuid(),
        Site = "qlik.corp.example:4242",
        Type = LicenseAccessType.Analyzer,
        UserDirectory = "CORP",
        UserId = userId,
        // Long lines make a torn or interleaved write likely if the writers were not kept apart.
        UserName = new string('x', 3000),
    };

    [Fact]
    public void A_torn_last_line_is_skipped_with_a_problem_and_the_next_record_starts_on_a_line_of_its_own()
    {
        using (var journal = new LicenseJournal(JournalPath)) journal.Append(Allocation("first"));
        File.AppendAllText(JournalPath, "{\"format\":2,\"time\":\"2026-12-02T09:00:00.000Z\",\"event\":\"Allo");
        var problems = new List<JournalProblem>();
        Assert.Equal(new[] { "first" }, LicenseJournal.Read(JournalPath, problems.Add).Select(record => record.UserId));
        Assert.Equal(2, Assert.Single(problems).LineNumber);

        using (var journal = new LicenseJournal(JournalPath)) journal.Append(Allocation("after"));

        problems.Clear();
        Assert.Equal(new[] { "first", "after" }, LicenseJournal.Read(JournalPath, problems.Add).Select(record => record.UserId));
        Assert.Single(problems);
    }

    [Fact]
    public void Two_writers_with_their_own_file_handles_never_interleave_or_overwrite_lines()
    {
        const int perWriter = 300;
        using var one = new LicenseJournal(JournalPath);
        using var two = new LicenseJournal(JournalPath);
        Parallel.Invoke(
            () => { for (var i = 0; i < perWriter; i++) one.Append(Allocation("one" + i)); },
            () => { for (var i = 0; i < perWriter; i++) two.Append(Allocation("two" + i)); });

        var problems = new List<JournalProblem>();
        var users = LicenseJournal.Read(JournalPath, problems.Add).Select(record => record.UserId).ToList();
        Assert.Empty(problems);
        Assert.Equal(2 * perWriter, users.Count);
        Assert.Equal(2 * perWriter, users.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, perWriter).Select(i => "one" + i), users.Where(user => user.StartsWith("one")));
    }

    [Fact]
    public void Threads_sharing_one_writer_each_find_their_lines_on_disk_whole_and_in_their_order_when_append_returns()
    {
        const int threads = 8;
        const int perThread = 100;
        using var journal = new LicenseJournal(JournalPath);
        var missing = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (var i = 0; i < perThread; i += 2)
            {
                // One record, then two in one write: both kinds of append are grouped with other threads' lines.
                journal.Append(Allocation($"t{thread}-{i}"));
                journal.Append(new object[] { Allocation($"t{thread}-{i + 1}a"), Allocation($"t{thread}-{i + 1}b") });
                // Group commit returns only once the line is written, so a reader must see it now.
                if (!File.ReadAllText(JournalPath).Contains($"\"t{thread}-{i + 1}b\"")) missing.Add($"t{thread}-{i + 1}b");
            }
        });

        var problems = new List<JournalProblem>();
        var users = LicenseJournal.Read(JournalPath, problems.Add).Select(record => record.UserId).ToList();
        Assert.Empty(problems);
        Assert.Empty(missing);
        Assert.Equal(threads * perThread * 3 / 2, users.Count);
        Assert.Equal(users.Count, users.Distinct().Count());
        for (var thread = 0; thread < threads; thread++)
        {
            var prefix = $"t{thread}-";
            var expected = Enumerable.Range(0, perThread / 2).SelectMany(pair => new[] { $"{prefix}{2 * pair}", $"{prefix}{2 * pair + 1}a", $"{prefix}{2 * pair + 1}b" });
            Assert.Equal(expected, users.Where(user => user.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Records_are_written_one_a_line_with_utc_times_to_the_millisecond_and_names_for_kinds()
    {
        var record = Allocation("jdoe");
        record.UserName = "John Doe";
        record.Time = new DateTime(2026, 11, 20, 9, 0, 0, 123, DateTimeKind.Utc);
        using (var journal = new LicenseJournal(Path.Combine(folder, "nested", "deeper", "journal.jsonl"))) journal.Append(new object[] { record, record });

        var lines = File.ReadAllText(Path.Combine(folder, "nested", "deeper", "journal.jsonl")).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Contains("\"time\":\"2026-11-20T09:00:00.123Z\"", lines[0]);
        Assert.Contains("\"event\":\"Allocate\"", lines[0]);
        Assert.Contains("\"type\":\"Analyzer\"", lines[0]);
        Assert.Equal(lines[0], lines[1]);
    }

    [Fact]
    public void A_write_that_fails_is_thrown_to_its_writer_leaves_nothing_behind_and_the_next_write_goes_on()
    {
        using var journal = new LicenseJournal(JournalPath);
        // A folder where the lock file belongs: the lock cannot be taken, and waiting would not help.
        Directory.CreateDirectory(journal.LockPath);

        Assert.ThrowsAny<Exception>(() => journal.Append(Allocation("refused")));
        Assert.Equal(0, new FileInfo(JournalPath).Length);

        Directory.Delete(journal.LockPath);
        journal.Append(Allocation("after"));
        Assert.Equal(new[] { "after" }, LicenseJournal.Read(JournalPath, problem => Assert.Fail(problem.ToString())).Select(record => record.UserId));
    }

    [Fact]
    public void Reading_a_journal_stops_when_the_command_is_cancelled()
    {
        using (var journal = new LicenseJournal(JournalPath)) journal.Append(Allocation("jdoe"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => LicenseJournal.Read(JournalPath, _ => { }, cancelled.Token).ToList());
    }
}
