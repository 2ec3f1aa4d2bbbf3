using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.InMemory;
using QlikLicense.Tests.Rules;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>
/// The routine on a site running every licence model at once (the simulated site's mixed seed: seats, user access
/// passes and four login access groups on tokens, and analyzer capacity with one heavy spender): what it says of each model.
/// </summary>
public sealed class LicenseModelRoutineTests : SimulatedSiteTest
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly TemporaryFolder folder = new();

    protected override SiteOptions Options => new() { Now = Now, LicenseModel = LicenseModelKind.Mixed };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>A preview: neither the routine's state nor the history are written.</summary>
    private MaintenanceReport Run(RecordingHost host, Action<MaintenanceOptions> change = null)
    {
        var options = new MaintenanceOptions
        {
            DeniedSinceUtc = Now.AddDays(-30),
            LogPaths = Array.Empty<string>(),
            JournalPath = folder.File("journal.jsonl"),
            HistoryPath = folder.File("history.jsonl"),
            WhatIf = true,
        };
        change?.Invoke(options);
        return new MaintenanceRoutine(connection, host, options, () => Now).Run(SimulatedConnection.Call, CancellationToken.None);
    }

    /// <summary>One run, as each simulated site takes a while to start: every check of it is made here.</summary>
    [Fact]
    public void Every_model_the_site_runs_is_named_with_its_login_groups_capacity_spenders_the_types_not_searched_and_the_seat_a_spender_should_hold()
    {
        var host = new RecordingHost(approve: false, whatIf: true);

        var report = Run(host, options =>
        {
            options.AnalyzerSeatMinutes = 600;
            options.Criteria.Types = new[] { LicenseAccessType.Professional };
        });

        Assert.Empty(report.Problems);
        Assert.Equal(new[] { LicenseModel.UserBased, LicenseModel.Token, LicenseModel.AnalyzerCapacity }, report.Models);
        Assert.Equal(new[] { LicenseAccessType.Professional }, report.AccessTypes);
        Assert.Equal(2, report.NotCovered.Length);
        Assert.StartsWith("Analyzer (UserBased licence): the site runs it, but this run searched only Professional (-Type)", report.NotCovered[0]);
        Assert.StartsWith("UserAccess (Token licence): the site runs it, but this run searched only Professional (-Type)", report.NotCovered[1]);
        Assert.Equal(new[] { LicenseModelSeed.ContractorsGroup, LicenseModelSeed.OccasionalGroup, LicenseModelSeed.OldProjectGroup, LicenseModelSeed.PilotGroup },
            report.LoginAccessGroups.Select(group => group.Name).Order(StringComparer.Ordinal));
        Assert.Contains(host.Warnings, warning => warning.StartsWith($"Login access group '{LicenseModelSeed.ContractorsGroup}' has run dry", StringComparison.Ordinal));
        Assert.Contains(host.Warnings, warning => warning.StartsWith($"Login access group '{LicenseModelSeed.PilotGroup}' holds 1 token(s) but no enabled license rule", StringComparison.Ordinal));
        Assert.Contains(host.Warnings, warning => warning.StartsWith($"Login access group '{LicenseModelSeed.OldProjectGroup}' holds 1 token(s) and no pass was used", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Warnings, warning => warning.Contains($"'{LicenseModelSeed.OccasionalGroup}'", StringComparison.Ordinal));
        Assert.Equal(new[] { "dprince", "wmaximoff", "jnowak" }, report.CapacityUsers.Select(person => person.UserId));
        var seat = Assert.Single(report.Suggestions, suggestion => suggestion.Kind == SuggestionKind.SeatForCapacity);
        Assert.Equal(new[] { @"CORP\dprince" }, seat.Users);
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'dprince'", seat.Command);
    }

    [Fact]
    public void A_capacity_spender_the_run_gave_a_seat_after_a_denial_is_not_suggested_one_again()
    {
        var logs = folder.File("logs");
        DeniedGroupsScenario.WriteLog(logs, Now.AddDays(-2));
        var host = new RecordingHost(approve: true);

        var report = Run(host, options =>
        {
            options.WhatIf = false;
            options.LogPaths = new[] { logs };
            options.AnalyzerSeatMinutes = 600;
            options.AllocateDenied = LicenseAccessType.Analyzer;
            options.Criteria.Types = new[] { LicenseAccessType.Professional };
        });
        File.Delete(MaintenanceState.PathFor(report.Site));

        Assert.Contains(report.Changes, change => change.UserId == "dprince" && change.Outcome == AllocationOutcome.Allocated);
        Assert.Contains(report.CapacityUsers, person => person.UserId == "dprince");
        Assert.DoesNotContain(report.Suggestions, suggestion => suggestion.Kind == SuggestionKind.SeatForCapacity);
    }
}

/// <summary>The routine's look at the licence models (<see cref="LicenseModelFindings"/>) on a site that cannot read login groups or capacity use.</summary>
public sealed class LicenseModelFindingsTests : InMemorySiteTest
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static LicenseSummary Row(LicenseAccessType type, bool? enabled = true, LicenseHandling handling = LicenseHandling.ReleaseAndAllocate) =>
        new() { Type = type, Enabled = enabled, Handling = handling };

    [Fact]
    public void A_pool_the_site_cannot_read_is_said_not_covered_and_nothing_is_asked_of_the_site()
    {
        var report = new MaintenanceReport
        {
            Site = connection.Site,
            AccessTypes = new[] { LicenseAccessType.Professional },
            NotCovered = new[] { "earlier" },
            Summary = new[]
            {
                Row(LicenseAccessType.AnalyzerCapacity, handling: LicenseHandling.ReportUse), Row(LicenseAccessType.Professional),
                Row(LicenseAccessType.Analyzer, enabled: false), Row(LicenseAccessType.LoginAccess, enabled: null, handling: LicenseHandling.ReportUse),
                Row(LicenseAccessType.UserAccess, handling: LicenseHandling.NotHandled),
            },
        };
        var host = new RecordingHost(approve: false);

        var spenders = LicenseModelFindings.Find(connection, report, 600, host, Now, Call);

        Assert.Empty(spenders);
        Assert.Equal(new[] { LicenseModel.UserBased, LicenseModel.Token, LicenseModel.AnalyzerCapacity }, report.Models);
        Assert.Equal(4, report.NotCovered.Length);
        Assert.Equal("earlier", report.NotCovered[0]);
        Assert.StartsWith("UserAccess (Token licence): the site runs it, but this run searched only Professional", report.NotCovered[1]);
        Assert.Equal($"UserAccess (Token licence): {connection.Site} runs it, and QlikLicense cannot read it on this kind of site. Check it where the site is managed.", report.NotCovered[2]);
        Assert.StartsWith($"AnalyzerCapacity (AnalyzerCapacity licence): {connection.Site} runs it, and QlikLicense cannot read it", report.NotCovered[3]);
        Assert.Empty(host.Warnings);
        Assert.Empty(site.Calls);
    }
}
