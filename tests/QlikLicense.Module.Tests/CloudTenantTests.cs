using System.Net;
using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Module.Tests;

/// <summary>The cmdlets on a simulated Qlik Cloud tenant, through the hosted engine.</summary>
public sealed class CloudTenantTests : TenantSessionTest
{
    protected override TenantOptions Options => new() { GeneratedUsers = 230 };

    [Fact]
    public void The_tenant_connection_is_the_default_and_says_its_kind()
    {
        var result = session.Invoke("Get-QlikConnection");

        var connection = Assert.Single(result.Output);
        Assert.Equal(("QlikCloud", "localhost", "API key", "None"),
            (connection.Text("Kind"), connection.Text("Site"), connection.Text("Authentication"), connection.Text("Capabilities")));
    }

    [Fact]
    public void An_OAuth_client_connects_and_no_secret_reaches_any_stream()
    {
        session.SetVariable("QlikSimSecret", new NetworkCredential(string.Empty, tenant.Credentials.ClientSecret).SecurePassword);

        var result = session.Invoke(ConnectScript($"-ClientId {tenant.Credentials.ClientId} -ClientSecret $QlikSimSecret -PassThru") + " -Verbose; Get-QlikLicenseSummary -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Equal("OAuth client " + tenant.Credentials.ClientId, result.Output.Single(item => item.IsA("QlikLicense.Model.QlikConnection")).Text("Authentication"));
        Assert.Contains(result.Verbose, line => line.StartsWith("POST /oauth/token 200", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, line => line.StartsWith("GET /api/v1/licenses/overview 200", StringComparison.Ordinal));
        var everything = string.Join("\n", result.Verbose.Concat(result.Warnings).Concat(result.Output.Select(item => item.ToString())));
        Assert.DoesNotContain(tenant.Credentials.ClientSecret, everything);
        Assert.DoesNotContain(tenant.Credentials.ApiKey, everything);
        Assert.Equal(1, tenant.Credentials.IssuedTokenCount);
    }

    [Fact]
    public void A_tenant_url_that_is_not_https_is_refused_clearly()
    {
        var result = session.Invoke("Connect-QlikCloud -Tenant http://acme.eu.qlikcloud.com -ApiKey $QlikSimApiKey");

        Assert.Equal("InvalidTenantUrl", result.FirstErrorId);
    }

    [Fact]
    public void A_wrong_api_key_is_an_access_denied_error_that_names_the_tenant_kind()
    {
        session.SetVariable("WrongKey", new NetworkCredential(string.Empty, "not-the-key").SecurePassword);

        var result = session.Invoke(ConnectScript("-ApiKey $WrongKey"));

        Assert.Equal("QlikCloudAccessDenied", result.FirstErrorId);
        Assert.DoesNotContain("not-the-key", result.FirstError.ToString());
    }

    [Fact]
    public void The_licence_health_and_seats_come_from_the_status_and_overview()
    {
        var health = session.Invoke("Test-QlikLicenseMonitor");
        var seats = session.Invoke("Get-QlikLicenseSummary");

        Assert.Empty(health.AllErrors);
        var status = Assert.Single(health.Output);
        Assert.True(status.Get<bool>("IsOperational"), status.Text("Reason"));
        var professional = seats.Output.Single(summary => summary.Text("Type") == "Professional");
        Assert.Equal((tenant.Store.Allotment(CloudLicenseType.Professional).Units, tenant.Store.UnitsUsed(CloudLicenseType.Professional)), (professional.Get<int?>("Total"), professional.Get<int?>("Allocated")));
    }

    [Fact]
    public void Every_assignment_is_listed_over_all_pages_with_the_users_name_in_constant_requests_per_page()
    {
        var result = session.Invoke("Get-QlikLicenseAllocation");

        Assert.Empty(result.AllErrors);
        var allocations = result.Output.ToList();
        Assert.Equal(tenant.Store.Assignments().Count, allocations.Count);
        Assert.True(allocations.Count > 100, $"the test needs more than one page; it has {allocations.Count} assignments");
        var jane = allocations.Single(allocation => string.Equals(allocation.Text("UserId"), TenantSeed.RecentProfessionalSubject, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(("Jane Doe", string.Empty), (jane.Text("UserName"), jane.Text("UserDirectory")));
        Assert.NotNull(jane.Get("LastUsed"));
        // The list is read once for both access types, page by page: requests grow with pages, never with users.
        Assert.Equal((allocations.Count + 99) / 100, tenant.Requests.Count("GET", "/api/v1/licenses/assignments"));
    }

    [Fact]
    public void Disabled_and_deleted_users_holding_assignments_are_candidates_and_orphans_are_not()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser");

        Assert.Empty(result.AllErrors);
        var subjects = result.Output.Select(candidate => candidate.Text("UserId")).ToList();
        Assert.Contains(TenantSeed.DisabledProfessionalSubject, subjects, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(TenantSeed.DisabledAnalyzerSubject, subjects, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(TenantSeed.OrphanOtherTenantSubject, subjects, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(TenantSeed.RecentProfessionalSubject, subjects, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Orphaned_assignments_are_offered_only_with_the_switch_and_a_warning()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser -IncludeOrphaned");

        var orphan = Assert.Single(result.Output, item => string.Equals(item.Text("UserId"), TenantSeed.OrphanOtherTenantSubject, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Orphaned", orphan.Text("Reason"));
        Assert.Contains(result.Warnings, warning => warning.Contains(TenantSeed.OrphanOtherTenantSubject) && warning.Contains("in use on another tenant"));
    }

    [Fact]
    public void Unused_days_come_from_the_last_use_of_the_assigned_licence()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser -UnusedDays 180");

        var candidate = result.Output
            .Single(item => string.Equals(item.Text("UserId"), TenantSeed.ProfessionalUsed200DaysAgoSubject, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("NotUsedSince", candidate.Text("Reason"));
    }

    [Fact]
    public void Releases_go_in_batch_actions_journaled_with_an_outcome_per_item()
    {
        var journal = Path.Combine(tempFolder, "tenant.jsonl");

        var result = session.Invoke($"Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath '{journal}'");

        Assert.Empty(result.AllErrors);
        var outcomes = result.Output.ToList();
        Assert.True(outcomes.Count >= 3, $"{outcomes.Count} released");
        Assert.All(outcomes, outcome => Assert.Equal("Released", outcome.Text("Outcome")));
        Assert.Null(tenant.Store.FindAssignment(TenantSeed.DisabledProfessionalSubject));
        Assert.InRange(tenant.Requests.Count("POST", "/api/v1/licenses/assignments/actions/delete"), 1, outcomes.Count - 1);
        Assert.Equal(outcomes.Count * 2, File.ReadAllLines(journal).Length);
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf");

        Assert.NotEmpty(result.WhatIfLines);
        Assert.Equal(0, tenant.Requests.Count("POST"));
    }

    [Fact]
    public void An_assignment_released_by_someone_else_meanwhile_is_already_gone()
    {
        var candidates = session.Invoke("Get-QlikInactiveLicensedUser").Output;
        session.SetVariable("candidates", candidates);
        session.Invoke($"$candidates | Where-Object UserId -eq '{TenantSeed.DisabledProfessionalSubject}' | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath \"$temp/first.jsonl\"");

        var again = session.Invoke($"$candidates | Where-Object UserId -eq '{TenantSeed.DisabledProfessionalSubject}' | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath \"$temp/second.jsonl\"");

        Assert.Equal("AlreadyGone", Assert.Single(again.Output).Text("Outcome"));
    }

    [Fact]
    public void An_allocation_with_no_seat_left_is_its_own_clear_error()
    {
        tenant.Store.SetAllotment(CloudLicenseType.Professional, tenant.Store.UnitsUsed(CloudLicenseType.Professional));

        var result = session.Invoke($"Get-QlikUser -UserId '{TenantSeed.DeniedSubject}' | Add-QlikLicenseAllocation -Type Professional -JournalPath \"$temp/add.jsonl\"");

        Assert.Equal("NoSeatAvailable", result.FirstErrorId);
        Assert.Null(tenant.Store.FindAssignment(TenantSeed.DeniedSubject));
    }

    [Fact]
    public void A_user_is_allocated_through_the_add_batch_action()
    {
        var result = session.Invoke($"Get-QlikUser -UserId '{TenantSeed.DeniedSubject}' | Add-QlikLicenseAllocation -Type Analyzer -JournalPath \"$temp/add.jsonl\"");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Allocated", Assert.Single(result.Output).Text("Outcome"));
        Assert.NotNull(tenant.Store.FindAssignment(TenantSeed.DeniedSubject));
        Assert.Equal(1, tenant.Requests.Count("POST", "/api/v1/licenses/assignments/actions/add"));
    }

    [Fact]
    public void Allocations_go_in_add_batch_actions_of_at_most_BatchSize_users_each_journaled_first()
    {
        var subjects = tenant.Store.Users()
            .Where(user => user.Status == TenantUserStatus.Active && tenant.Store.FindAssignment(user.Subject) == null && !user.Subject.Contains('\''))
            .Select(user => user.Subject).Take(34).ToList();
        Assert.Equal(34, subjects.Count);
        tenant.Store.SetAllotment(CloudLicenseType.Analyzer, tenant.Store.Allotment(CloudLicenseType.Analyzer).Units + 100);
        string Filter(IEnumerable<string> some) => string.Join(" or ", some.Select(subject => $"subject eq \"{subject}\""));

        var all = session.Invoke($"Get-QlikUser -Filter '{Filter(subjects.Take(24))}' | Add-QlikLicenseAllocation -Type Analyzer -JournalPath \"$temp/batch.jsonl\"");
        var addsOfAll = tenant.Requests.Count("POST", "/api/v1/licenses/assignments/actions/add");
        var split = session.Invoke($"Get-QlikUser -Filter '{Filter(subjects.Skip(24))}' | Add-QlikLicenseAllocation -Type Analyzer -BatchSize 4 -JournalPath \"$temp/batch.jsonl\"");

        Assert.Empty(all.AllErrors);
        Assert.Empty(split.AllErrors);
        Assert.Equal(24, all.Output.Count(result => result.Text("Outcome") == "Allocated"));
        Assert.Equal(10, split.Output.Count(result => result.Text("Outcome") == "Allocated"));
        Assert.Equal(1, addsOfAll);
        Assert.Equal(1 + 3, tenant.Requests.Count("POST", "/api/v1/licenses/assignments/actions/add"));
        Assert.All(subjects, subject => Assert.NotNull(tenant.Store.FindAssignment(subject)));
        // Each allocation is journaled twice: its intent before the batch is sent, its outcome from the 207.
        Assert.Equal(2 * 34, File.ReadLines(Path.Combine(tempFolder, "batch.jsonl")).Count());
    }

    [Fact]
    public void A_429_waits_for_Retry_After_and_the_command_goes_on()
    {
        tenant.RateLimits.RejectNext(RateTier.Tier1, TimeSpan.FromSeconds(1));

        var result = session.Invoke("Get-QlikLicenseSummary -Verbose");

        Assert.Empty(result.AllErrors);
        // Professional and Analyzer seats, and the tenant's analyzer capacity minutes.
        Assert.Equal(3, result.Output.Count);
        Assert.Contains(result.Verbose, line => line.Contains(" 429 ") && line.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("Get-QlikLicenseRule")]
    [InlineData("New-QlikLicenseRule -Name x -Type Analyzer -Rule 'user.name like \"*\"'")]
    [InlineData("Test-QlikLicenseRule -Type Analyzer -Rule 'user.name like \"*\"'")]
    public void License_rule_cmdlets_say_Qlik_Cloud_has_no_rules(string command)
    {
        var result = session.Invoke(command);

        Assert.Equal("NotSupportedOnQlikCloud", result.FirstErrorId);
        Assert.Contains("no license rules", result.FirstError.ToString());
        Assert.Equal(0, tenant.Requests.Count());
    }

    [Fact]
    public void Denials_come_from_the_licence_rejected_audit_events_with_the_users_groups_and_assignments()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Since ([datetime]::UtcNow.AddDays(-30))");

        Assert.Empty(result.AllErrors);
        var sara = Assert.Single(result.Output, item => string.Equals(item.Text("UserId"), TenantSeed.DeniedSubject, StringComparison.OrdinalIgnoreCase));
        Assert.True(sara.IsA("QlikLicense.Model.LicenseDenial"));
        Assert.Equal((2, "Sara Lind"), (sara.Get<int>("Count"), sara.Text("Name")));
        Assert.Contains("Analysts", sara.Text("Groups"));
        Assert.NotNull(sara.Get("UserKey"));
        Assert.DoesNotContain(result.Output, item => string.Equals(item.Text("UserId"), TenantSeed.DeniedLongAgoSubject, StringComparison.OrdinalIgnoreCase));
        Assert.InRange(tenant.Requests.Count("GET", "/api/v1/audits"), 1, 2);
    }

    [Fact]
    public void A_denied_user_is_allocated_by_piping_the_denial()
    {
        var result = session.Invoke("Get-QlikLicenseDenial | Add-QlikLicenseAllocation -Type Analyzer -JournalPath \"$temp/add.jsonl\"");

        Assert.Empty(result.AllErrors);
        Assert.Contains(result.Output, item => string.Equals(item.Text("UserId"), TenantSeed.DeniedSubject, StringComparison.OrdinalIgnoreCase) && item.Text("Outcome") == "Allocated");
        Assert.NotNull(tenant.Store.FindAssignment(TenantSeed.DeniedSubject));
    }

    [Fact]
    public void The_monthly_routine_runs_on_the_tenant()
    {
        // -Since: without it the routine reads since its last run on this tenant's host, which another test may have made.
        var result = session.Invoke($"Invoke-QlikLicenseMaintenance -Since 2019-01-01 -Remove -Confirm:$false -JournalPath \"$temp/routine.jsonl\" -ReportPath \"$temp/report.html\" -PassThru");

        Assert.Empty(result.AllErrors);
        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Empty(report.Get<string[]>("Problems"));
        Assert.Contains(report.Get<object[]>("Denials").Select(item => item.ToString()), text => text.Contains(TenantSeed.DeniedSubject, StringComparison.OrdinalIgnoreCase));
        Assert.Null(tenant.Store.FindAssignment(TenantSeed.DisabledProfessionalSubject));
        Assert.True(File.Exists(Path.Combine(tempFolder, "report.html")));
    }

    [Fact]
    public async Task A_tenant_and_a_site_run_in_one_routine_with_one_report()
    {
        await using var site = await SimulatedSite.StartAsync();
        session.SetVariable("tenantConnection", session.Invoke("Get-QlikConnection").Output.Single().BaseObject);
        session.SetVariable("siteConnection", session.ConnectTo(site, "-PassThru").Output.Single().BaseObject);
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Connection $siteConnection, $tenantConnection -LogPath $logs -Since 2019-01-01 " +
                                    "-HistoryPath \"$temp/history.jsonl\" -ReportPath \"$temp/both.html\" -PassThru");

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, report => Assert.Empty(report.Get<string[]>("Problems")));
        // Denials from the site's log files and from the tenant's audit events, candidates from both.
        Assert.All(result.Output, report => Assert.NotEmpty(report.Get<object[]>("Denials")));
        Assert.All(result.Output, report => Assert.NotEmpty(report.Get<object[]>("Candidates")));
        var html = File.ReadAllText(Path.Combine(tempFolder, "both.html"));
        foreach (var report in result.Output) Assert.Contains(report.Text("Site"), html);
    }

    [Fact]
    public void The_auto_assignment_switches_are_read_changed_and_journaled()
    {
        tenant.Store.AutoAssignProfessional = true;
        tenant.Store.AutoAssignAnalyzer = false;
        var journal = Path.Combine(tempFolder, "settings.jsonl");

        var preview = session.Invoke($"Set-QlikLicenseAutoAssignment -Professional $false -JournalPath '{journal}' -WhatIf");
        var changed = session.Invoke($"Set-QlikLicenseAutoAssignment -Professional $false -Analyzer $false -JournalPath '{journal}' -PassThru");
        var read = session.Invoke("Get-QlikLicenseAutoAssignment");

        Assert.Contains(preview.WhatIfLines, line => line.Contains("assign Professional automatically off"));
        Assert.Empty(changed.AllErrors);
        Assert.False(tenant.Store.AutoAssignProfessional);
        var stored = Assert.Single(read.Output);
        Assert.Equal((false, false), (stored.Get<bool>("Professional"), stored.Get<bool>("Analyzer")));
        // Only the switch that changes is sent and journaled: intent, then outcome.
        var lines = File.ReadAllLines(journal);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Contains("\"autoAssignBefore\":true", line));
        Assert.Equal(1, tenant.Requests.Count("PUT", "/api/v1/licenses/settings"));
    }

    [Fact]
    public void Set_QlikLicenseAutoAssignment_without_a_switch_is_an_error()
    {
        var result = session.Invoke("Set-QlikLicenseAutoAssignment");

        Assert.Equal("NothingToChange", result.FirstErrorId);
    }
}

/// <summary>Tenant-only cmdlets on a Qlik Sense site.</summary>
public sealed class TenantOnlyCmdletsOnASiteTests : SiteSessionTest
{
    [Theory]
    [InlineData("Get-QlikLicenseAutoAssignment")]
    [InlineData("Set-QlikLicenseAutoAssignment -Analyzer $true")]
    public void They_say_a_site_assigns_through_license_rules(string command)
    {
        var result = session.Invoke(command);

        Assert.Equal("NotSupportedOnQlikSense", result.FirstErrorId);
        Assert.Contains("license rules", result.FirstError.ToString());
    }
}
