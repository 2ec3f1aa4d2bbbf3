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
}
