using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Tests.Maintenance;

/// <summary>Where journals go by default, opening one that cannot be written, and which lines are records when read.</summary>
public sealed class LicenseJournalTests : IDisposable
{
    private const string Site = "qlik.example:4242";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qliklicense-journal-" + Guid.NewGuid().ToString("N"));

    public LicenseJournalTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (List<JournalRecord> Records, List<JournalProblem> Problems) Read(string path)
    {
        var problems = new List<JournalProblem>();
        return (LicenseJournal.Read(path, problems.Add).ToList(), problems);
    }

    [Fact]
    public void The_default_journal_is_one_file_per_site_named_safely_in_the_data_folder()
    {
        var path = LicenseJournal.DefaultPath("qlik.example:4242/hdr?x");

        Assert.Equal(Path.Combine(LicenseJournal.DefaultFolder, "qlik.example_4242_hdr_x.jsonl"), path);
        Assert.Equal("Journal", Path.GetFileName(LicenseJournal.DefaultFolder));
        Assert.True(Path.IsPathRooted(LicenseJournal.DefaultFolder));
        var data = Environment.GetEnvironmentVariable(LicenseJournal.DataFolderVariable);
        if (!string.IsNullOrWhiteSpace(data)) Assert.Equal(Path.Combine(Path.GetFullPath(data), "Journal"), LicenseJournal.DefaultFolder);
        Assert.True(LicenseJournal.IsDefaultPath(path));
        Assert.True(LicenseJournal.IsDefaultPath(Path.Combine(LicenseJournal.DefaultFolder.ToUpperInvariant(), "other.jsonl")));
        Assert.False(LicenseJournal.IsDefaultPath(Path.Combine(folder, "qlik.example_4242.jsonl")));
        Assert.False(LicenseJournal.IsDefaultPath(Path.Combine(LicenseJournal.DefaultFolder, "nested", "qlik.jsonl")));
    }

    [Fact]
    public void A_journal_that_cannot_be_opened_is_an_operation_problem_saying_what_was_not_done()
    {
        var blocker = Path.Combine(folder, "a-file");
        File.WriteAllText(blocker, "");

        var error = Assert.Throws<OperationException>(() => LicenseJournal.Open(Path.Combine(blocker, "journal.jsonl"), "Nothing was released."));

        Assert.Equal(ProblemKind.JournalNotWritable, error.Problem.Kind);
        Assert.Contains("Nothing was released.", error.Message);
        Assert.Contains(Path.Combine(blocker, "journal.jsonl"), error.Message);
        Assert.IsType<IOException>(error.Problem.Exception);
    }

    [Fact]
    public void A_journal_opened_to_write_names_its_file_and_lock_and_stamps_the_current_format()
    {
        var path = Path.Combine(folder, "journal.jsonl");
        using (var journal = LicenseJournal.Open(path, "nothing"))
        {
            Assert.Equal(path, journal.Path);
            Assert.Equal(path + ".lock", journal.LockPath);
            journal.Append(new JournalRecord { Format = 1, Event = JournalEvent.Allocate, OperationId = Guid.NewGuid(), Site = Site });
        }

        var (records, problems) = Read(path);

        Assert.Empty(problems);
        Assert.Equal(JournalRecord.CurrentFormat, Assert.Single(records).Format);
        Assert.Equal(path, records[0].JournalPath);
    }

    [Fact]
    public void Lines_without_what_a_record_needs_are_problems_with_their_line_numbers_and_the_rest_are_read()
    {
        var operation = Guid.NewGuid();
        var allocation = Guid.NewGuid();
        var path = Write(
            $"{{\"event\":\"Release\",\"operationId\":\"{operation}\",\"site\":\"{Site}\",\"allocationId\":\"{allocation}\"}}",
            $"{{\"event\":\"Release\",\"operationId\":\"{operation}\",\"site\":\"{Site}\"}}",
            $"{{\"event\":\"Result\",\"operationId\":\"{operation}\",\"site\":\"{Site}\",\"outcome\":\"Released\"}}",
            $"{{\"event\":\"Allocate\",\"operationId\":\"{operation}\",\"site\":\"{Site}\"}}",
            $"{{\"event\":\"Allocate\",\"site\":\"{Site}\"}}",
            $"{{\"event\":\"Allocate\",\"operationId\":\"{operation}\",\"site\":\"\"}}",
            $"{{\"event\":\"Allocate\",\"operationId\":\"{operation}\"}}",
            "",
            "{\"event\":",
            "null");

        var (records, problems) = Read(path);

        Assert.Equal(new[] { JournalEvent.Release, JournalEvent.Allocate }, records.Select(record => record.Event));
        Assert.All(records, record => Assert.Equal(1, record.Format));
        Assert.Equal(new[] { 2, 3, 5, 6, 7, 9, 10 }, problems.Select(problem => problem.LineNumber));
        Assert.Equal(MaintenanceMessages.Journal.NotARecord, problems[0].Problem);
        Assert.StartsWith(MaintenanceMessages.Journal.InvalidJson(""), problems[5].Problem);
        Assert.All(problems, problem => Assert.Equal(path, problem.Path));
    }

    [Fact]
    public void A_line_of_the_first_releases_rule_journal_is_read_as_a_rule_change_with_an_id_that_stays_the_same()
    {
        var rule = Guid.NewGuid();
        var group = Guid.NewGuid();
        var change = $"{{\"time\":\"2025-03-01T10:00:00.000Z\",\"action\":\"SetRule\",\"site\":\"{Site}\",\"ruleId\":\"{rule}\",\"name\":\"Sales\",\"type\":\"Analyzer\"," +
                     $"\"rule\":\"((user.group=\\\"Sales\\\"))\",\"comment\":\"c\",\"disabled\":true,\"accessGroupId\":\"{group}\",\"accessGroupName\":\"Sales group\"," +
                     "\"modifiedDate\":\"2025-02-01T09:00:00.000Z\",\"modifiedByUserName\":\"CORP\\\\admin\"}";
        var removal = $"{{\"action\":\"RemoveRule\",\"site\":\"{Site}\",\"name\":\"Old\"}}";
        var path = Write(change, removal, $"{{\"action\":\"RenameRule\",\"site\":\"{Site}\"}}");

        var (first, problems) = Read(path);
        var (second, _) = Read(path);

        Assert.Equal(3, Assert.Single(problems).LineNumber);
        Assert.Equal(new[] { JournalEvent.RuleChange, JournalEvent.RuleRemove }, first.Select(record => record.Event));
        Assert.Equal(first.Select(record => record.OperationId), second.Select(record => record.OperationId));
        Assert.NotEqual(first[0].OperationId, first[1].OperationId);
        Assert.DoesNotContain(Guid.Empty, first.Select(record => record.OperationId));
        var before = first[0].RuleBefore;
        Assert.Equal((rule, "Sales", LicenseAccessType.Analyzer, "((user.group=\"Sales\"))", "c", true, group, "Sales group"),
            (before.Id.Value, before.Name, before.Type, before.Rule, before.Comment, before.Disabled, before.AccessGroupId.Value, before.AccessGroupName));
        Assert.Equal(new DateTime(2025, 2, 1, 9, 0, 0, DateTimeKind.Utc), before.ModifiedDate);
        Assert.Equal(@"CORP\admin", before.ModifiedByUserName);
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), first[0].Time);
        Assert.Equal((1, Site, LicenseAccessType.Analyzer), (first[0].Format, first[0].Site, first[0].Type));
        Assert.Equal(LicenseAccessType.Professional, first[1].Type);
        Assert.Equal(DateTime.MinValue, first[1].Time);
        Assert.False(first[1].RuleBefore.Disabled);
    }

    [Fact]
    public void A_line_that_names_an_event_is_a_record_of_the_current_format_even_with_an_action_of_the_first_one()
    {
        var operation = Guid.NewGuid();
        var path = Write($"{{\"format\":2,\"event\":\"RuleCreate\",\"action\":\"SetRule\",\"operationId\":\"{operation}\",\"site\":\"{Site}\",\"type\":\"Analyzer\"}}");

        var (records, problems) = Read(path);

        Assert.Empty(problems);
        var record = Assert.Single(records);
        Assert.Equal((JournalEvent.RuleCreate, operation, 2, LicenseAccessType.Analyzer), (record.Event, record.OperationId, record.Format, record.Type));
    }

    [Fact]
    public void Lines_ended_by_crlf_are_read_without_their_cr_and_a_lone_cr_does_not_end_a_line()
    {
        var path = Path.Combine(folder, "crlf.jsonl");
        File.WriteAllText(path, "{\"a\":1}\r\n\r\n{\"b\":\"x\ry\"}\r\n{\"c\":3}\r");

        var lines = JsonLinesFile.ReadLines(path).ToList();

        Assert.Equal(new[] { (1, "{\"a\":1}"), (3, "{\"b\":\"x\ry\"}"), (4, "{\"c\":3}") }, lines);
    }

    [Fact]
    public void A_site_name_keeps_its_letters_digits_dots_and_dashes_in_its_default_journal()
    {
        Assert.Equal(Path.Combine(LicenseJournal.DefaultFolder, "qlik-prod.eu.example_443_.jsonl"), LicenseJournal.DefaultPath("qlik-prod.eu.example:443/"));
    }

    [Fact]
    public void The_journal_of_a_site_is_its_default_one_unless_a_path_is_chosen_and_the_host_is_told_which_first()
    {
        var siteName = "unit-" + Guid.NewGuid().ToString("N") + ".example";
        var chosen = Path.Combine(folder, "chosen.jsonl");
        var host = new RecordingHost(approve: true);

        using (var byDefault = LicenseJournal.Open(host, null, siteName, "Nothing was released."))
        using (var byChoice = LicenseJournal.Open(host, chosen, siteName, "Nothing was released."))
        {
            try
            {
                Assert.Equal(LicenseJournal.DefaultPath(siteName), byDefault.Path);
                Assert.Equal(chosen, byChoice.Path);
                Assert.Equal(new[] { LicenseJournal.DefaultPath(siteName), chosen }, host.Journals);
            }
            finally
            {
                File.Delete(byDefault.Path);
                File.Delete(byDefault.LockPath);
            }
        }
    }

    [Fact]
    public void A_journal_path_that_is_no_path_is_an_operation_problem_too()
    {
        var error = Assert.Throws<OperationException>(() => LicenseJournal.Open(string.Empty, "Nothing was released."));

        Assert.Equal((ProblemKind.JournalNotWritable, (object)string.Empty), (error.Problem.Kind, error.Problem.Target));
        Assert.StartsWith("Cannot write the journal '': ", error.Message);
        Assert.EndsWith(" Nothing was released.", error.Message);
    }
}
