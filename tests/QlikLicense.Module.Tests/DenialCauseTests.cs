using QlikLicense.Simulator;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The cause of each denial as an administrator meets it: Get-QlikLicenseDenial's Cause (the default view and the CSV
/// are specified in tests/Pester), and the
/// routine, which allocates only to people a seat helps and gives the others their own advice. The site and logs are
/// <see cref="DenialCauseScenario"/>'s, refused five days ago (the license ended the day after; one person was
/// refused two days later).
/// </summary>
public sealed class DenialCauseTests : SiteSessionTest
{
    private static readonly DateTime Denied = DateTime.UtcNow.Date.AddDays(-5).AddHours(9);

    protected override void Prepare()
    {
        DenialCauseScenario.Apply(site.Store, Denied);
        session.SetVariable("logs", DenialCauseScenario.WriteLogs(Path.Combine(tempFolder, "logs"), Denied));
        session.SetVariable("since", Denied.AddDays(-1));
    }

    [Fact]
    public void Each_person_has_the_cause_the_logs_and_the_site_tell()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $logs");

        Assert.Empty(result.AllErrors);
        var causes = result.Output.ToDictionary(denial => $"{denial.Text("UserDirectory")}\\{denial.Text("UserId")}", denial => denial.Text("Cause"));
        Assert.Equal(DenialCauseScenario.Expected.OrderBy(pair => pair.Key), causes.OrderBy(pair => pair.Key));

        // The table and the CSV are specified in real pwsh (tests/Pester): this engine has Microsoft.PowerShell.Core only.
        Assert.Equal("PendingUserSync", result.Output.Single(denial => denial.Text("UserId") == "newhire").Text("Cause"));
    }

    [Fact]
    public void Each_denial_read_raw_has_the_cause_its_lines_tell()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $logs -Raw | Where-Object UserId -EQ 'busy'");

        Assert.Equal("TooManySessions", Assert.Single(result.Output).Text("Cause"));
    }

    [Fact]
    public void The_routine_allocates_only_where_a_seat_helps_and_advises_the_rest()
    {
        var result = session.Invoke("$report = Invoke-QlikLicenseMaintenance -LogPath $logs -Since $since -AllocateDenied Analyzer -Confirm:$false " +
                                    "-JournalPath $temp/journal.jsonl -HistoryPath $temp/history.jsonl -ReportPath $temp/report.html -PassThru");

        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "crowded", "nopass" }, Texts("$report.Changes | Where-Object Outcome -EQ Allocated | ForEach-Object UserId").Order(StringComparer.Ordinal));
        var causeKinds = new[] { "RenewLicense", "ReleaseExcess", "SyncUserDirectory", "AwaitUserSync", "CloseSessions" };
        Assert.Equal(causeKinds, Texts("$report.Suggestions | ForEach-Object { $_.Kind.ToString() }").Where(causeKinds.Contains));
        Assert.Equal(new[] { @"CORP\busy" }, Texts("($report.Suggestions | Where-Object Kind -EQ CloseSessions).Users"));

        // The license ended four days ago: said as a warning, a finding, and in the report.
        Assert.Contains(result.Warnings, warning => warning.Contains("ended on", StringComparison.Ordinal));
        Assert.Contains("LicenseEnd", Texts("$report.Findings | ForEach-Object { $_.Kind.ToString() }"));
        var html = File.ReadAllText(Path.Combine(tempFolder, "report.html"));
        Assert.Contains("<th>Cause</th>", html);
        Assert.Contains("TooManySessions", html);
        Assert.Contains("advice only: no command does it", html);
        Assert.Contains("5. More findings", html);
        Assert.Contains("When the pools run out", html);
        Assert.Contains("Not enough history: 1 run(s) so far, a trend needs 3.", html);
    }

    private IReadOnlyList<string> Texts(string script) => session.Invoke(script).Output.Select(item => item.ToString()).ToList();
}
