using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Logs;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// A year of months: the monthly routine (releasing and allocating) runs 12 times against one simulated site whose
/// clock moves a month each time, while its users come, leave the directory, change groups and get denied. After
/// each run no active user lost a seat, every change journaled in the run is what the site now holds, and the
/// history has one line per run; at the end, undoing the months one by one, newest first, gives back the site as it
/// was before each month's run. The world is random but seeded, so a failure repeats.
/// </summary>
public sealed class YearOfMonthsSoakTests : IAsyncLifetime
{
    private static readonly DateTime FirstRun = new(2026, 1, 5, 6, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Groups = { "Sales", "Finance", "Ops <EU>", "Support", "Engineering" };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qliklicense-year-" + Guid.NewGuid().ToString("N"));
    private readonly Random random = new(2026);
    private SimulatedSite site;
    private QlikConnection connection;
    private int newcomers;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        site = await SimulatedSite.StartAsync(new SiteOptions { Now = FirstRun.AddDays(-1) });
        site.Store.SetLicenseTotals(200, 400);
        connection = SimulatedConnection.To(site);
    }

    public async Task DisposeAsync()
    {
        connection.Dispose();
        await site.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private SiteStore Store => site.Store;
    private string Journal => Path.Combine(folder, "journal.jsonl");
    private string History => Path.Combine(folder, "history.jsonl");

    [Fact]
    public void Twelve_monthly_runs_keep_every_active_seat_journal_what_the_site_holds_record_each_run_and_undo_month_by_month()
    {
        var before = new List<HashSet<string>>();
        var operationsOf = new List<List<JournalRecord>>();
        for (var month = 0; month < 12; month++)
        {
            var now = FirstRun.AddMonths(month);
            Store.Clock.Set(now);
            var denied = LiveAMonth(month, now);
            var holdings = Holdings();
            before.Add(holdings);
            var journaled = Operations().Select(operation => operation.OperationId).ToHashSet();

            var report = Routine(now).Run(SimulatedConnection.Call, CancellationToken.None);

            var label = $"month {month + 1} ({now:yyyy-MM})";
            Assert.True(report.Problems.Length == 0, label + ": " + string.Join("; ", report.Problems));
            var after = Holdings();
            var lost = holdings.Where(holding => IsActive(UserOf(holding)) && !after.Contains(holding)).ToList();
            Assert.True(lost.Count == 0, $"{label}: active users lost seats: {string.Join(", ", lost)}");
            var gone = after.Where(holding => !IsActive(UserOf(holding))).ToList();
            Assert.True(gone.Count == 0, $"{label}: users who left hold seats: {string.Join(", ", gone)}");
            var waiting = denied.Where(user => IsActive(Store.FindUser("CORP", user)) && !Holders().Contains("CORP\\" + user)).ToList();
            Assert.True(waiting.Count == 0, $"{label}: denied active users without a seat: {string.Join(", ", waiting)}");

            var operations = Operations().Where(operation => !journaled.Contains(operation.OperationId)).ToList();
            Assert.Equal(report.Changes.Length, operations.Count);
            foreach (var operation in operations)
            {
                var holding = Holding(operation.UserDirectory, operation.UserId, operation.Type);
                var expected = operation.Event switch
                {
                    JournalEvent.Release when operation.Outcome is AllocationOutcome.Released or AllocationOutcome.Quarantined => false,
                    JournalEvent.Allocate when operation.Outcome is AllocationOutcome.Allocated or AllocationOutcome.Reinstated => true,
                    _ => throw new Xunit.Sdk.XunitException($"{label}: unexpected {operation.Event} {operation.Outcome} of {operation.Target}"),
                };
                Assert.True(after.Contains(holding) == expected, $"{label}: the journal says {operation.Event} {operation.Outcome} of {holding}, the site disagrees");
            }
            operationsOf.Add(operations);

            var history = MaintenanceHistory.Read(History, problem => throw new Xunit.Sdk.XunitException(problem.ToString())).ToList();
            Assert.Equal(month + 1, history.Count);
            Assert.Equal(now, history[^1].Time);
        }
        Assert.True(operationsOf.Count(operations => operations.Count > 0) >= 10, "the months changed too little to test the undo");

        for (var month = 11; month >= 0; month--)
        {
            UndoMonth(operationsOf[month]);
            var now = Holdings();
            Assert.True(now.SetEquals(before[month]),
                $"after undoing month {month + 1}: missing {string.Join(", ", before[month].Except(now))}; extra {string.Join(", ", now.Except(before[month]))}");
        }
    }

    private MaintenanceRoutine Routine(DateTime now) => new(connection, new RecordingHost(approve: true), new MaintenanceOptions
    {
        Remove = true,
        AllocateDenied = LicenseAccessType.Analyzer,
        DeniedSinceUtc = now.AddMonths(-1),
        LogPaths = new[] { Path.Combine(folder, "logs") },
        JournalPath = Journal,
        HistoryPath = History,
    }, () => now);

    /// <summary>A month of the directory and of people using the site: returns who was denied (user ids in CORP).</summary>
    private List<string> LiveAMonth(int month, DateTime now)
    {
        var users = Store.All(QrsTypes.User).Where(user => (string)user["userDirectory"] == "CORP" && IsActive(user)).ToList();
        // People join, some of them in no group yet.
        for (var index = 0; index < 3; index++)
        {
            var userId = $"m{month + 1}joiner{++newcomers}";
            Store.AddUser("CORP", userId, "Joiner " + newcomers, Groups.Where(_ => random.Next(3) == 0));
        }
        // Some leave: removed from the directory, with and without a seat.
        var holders = Holders();
        foreach (var user in Pick(users.Where(user => holders.Contains(NameOf(user))), 2).Concat(Pick(users, 1)))
        {
            var leaving = (JObject)user.DeepClone();
            leaving["removedExternally"] = true;
            leaving["inactive"] = true;
            Store.Replace(QrsTypes.User, leaving);
        }
        // Some change groups.
        foreach (var user in Pick(users.Where(IsActive), 2))
        {
            var moved = (JObject)Store.Find(QrsTypes.User, (Guid)user["id"]).DeepClone();
            moved["attributes"] = new JArray(Groups.Where(_ => random.Next(2) == 0)
                .Select(group => new JObject { ["id"] = Guid.NewGuid().ToString(), ["attributeType"] = "Group", ["attributeValue"] = group, ["externalId"] = group }));
            Store.Replace(QrsTypes.User, moved);
        }
        // Some are denied: people without a seat (this month's joiners among them), one who left, one the site does not know.
        var everyone = Store.All(QrsTypes.User).Where(user => (string)user["userDirectory"] == "CORP").ToList();
        holders = Holders();
        var denied = Pick(everyone.Where(user => IsActive(user) && !holders.Contains(NameOf(user))), 3)
            .Concat(Pick(everyone.Where(user => !IsActive(user)), 1))
            .Select(user => (string)user["userId"])
            .Append($"ghost{month + 1}")
            .ToList();
        var log = new LogFileBuilder(LogFileBuilder.AuditSecurityColumns);
        for (var index = 0; index < denied.Count; index++)
        {
            var time = now.AddDays(-10).AddMinutes(index).ToString("yyyyMMdd'T'HHmmss.fff'+0000'", System.Globalization.CultureInfo.InvariantCulture);
            log.RepositoryDenial(time, "CORP", denied[index], Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        }
        var file = Path.Combine(folder, "logs", $"month{month + 1:00}", "Repository", "Audit", "QLIKSIM_AuditSecurity_Repository.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, log.ToBytes());
        return denied;
    }

    /// <summary>Undoes one month's changes, newest first, as Undo-QlikLicenseChange does with the month's changes piped in.</summary>
    private void UndoMonth(List<JournalRecord> operations)
    {
        var ids = operations.Select(operation => operation.OperationId).ToHashSet();
        var piped = JournalOperations.Read(Journal).Operations.Where(operation => ids.Contains(operation.OperationId));
        var host = new RecordingHost(approve: true);

        // A selection: what the later months' undos gave back is read from the journal, as the cmdlet does for piped changes.
        var results = new ChangeUndo(connection, host) { SelectionOnly = true }.Run(piped, null, SimulatedConnection.Call, SimulatedConnection.Call);

        Assert.Equal(operations.Count, results.Count);
        Assert.True(host.Problems.Count == 0, string.Join("; ", host.Problems.Select(problem => problem.Message)));
        Assert.All(results, result => Assert.True(result.Outcome is AllocationOutcome.Allocated or AllocationOutcome.Reinstated or AllocationOutcome.Released or AllocationOutcome.Quarantined,
            $"undo of {result.Undone} of {result.Target}: {result.Outcome} {result.Message}"));
    }

    private List<JournalRecord> Operations() =>
        File.Exists(Journal) ? JournalOperations.Read(Journal).Operations.Where(operation => operation.Undoes == null).ToList() : new List<JournalRecord>();

    /// <summary>Who holds which access type, quarantined allocations left out: "DIRECTORY\userid|Type".</summary>
    private HashSet<string> Holdings() =>
        new[] { (AccessKind.Professional, LicenseAccessType.Professional), (AccessKind.Analyzer, LicenseAccessType.Analyzer) }
            .SelectMany(kind => Store.All(QrsTypes.AccessType(kind.Item1))
                .Where(allocation => allocation["user"] is JObject && !(bool)allocation["quarantined"])
                .Select(allocation => Holding((string)allocation["user"]["userDirectory"], (string)allocation["user"]["userId"], kind.Item2)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Holding(string directory, string userId, LicenseAccessType type) => $"{directory}\\{userId}|{type}";

    private HashSet<string> Holders() => Holdings().Select(holding => holding[..holding.IndexOf('|')]).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string NameOf(JObject user) => $"{user["userDirectory"]}\\{user["userId"]}";

    private JObject UserOf(string holding)
    {
        var name = holding[..holding.IndexOf('|')];
        return Store.FindUser(name[..name.IndexOf('\\')], name[(name.IndexOf('\\') + 1)..]);
    }

    private static bool IsActive(JObject user) => user != null && user["removedExternally"]?.Value<bool>() != true;

    private List<JObject> Pick(IEnumerable<JObject> users, int count) => users.OrderBy(_ => random.Next()).Take(count).ToList();
}
