using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Module.Tests;

/// <summary>A tenant's routine report speaks of a tenant: what was checked, what stands where a site has rules, its seats used.</summary>
public sealed class TenantReportTests : TenantSessionTest
{
    [Fact]
    public void The_report_says_what_was_checked_names_automatic_assignment_for_denied_groups_and_records_seats_used()
    {
        tenant.Store.AutoAssignProfessional = false;
        tenant.Store.AutoAssignAnalyzer = false;

        var result = session.Invoke("$report = Invoke-QlikLicenseMaintenance -Since 2019-01-01 -HistoryPath \"$temp/history.jsonl\" -ReportPath \"$temp/report.html\" -PassThru; $report");
        var findings = session.Invoke("$report.DeniedGroups.Finding").Output.Select(item => item.ToString()).ToList();
        var commands = session.Invoke("$report.Suggestions.Command").Output.Select(item => item.ToString()).ToList();
        // The seat rows; the tenant's analyzer capacity minutes are a row of their own.
        var seats = session.Invoke("(Get-QlikLicenseHistory -Path \"$temp/history.jsonl\").Seats | Where-Object Type -NE 'AnalyzerCapacity' | ForEach-Object Used").Output;

        Assert.Empty(result.AllErrors);
        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        var health = report.Text("LicenseMonitor");
        Assert.DoesNotContain("License Monitor", health);
        Assert.StartsWith("Tenant licence (status, validity and seats in the licence overview): in order.", health);
        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, finding => finding.Contains("No license rule names the group"));
        Assert.Contains(findings, finding => finding.Contains("has no license rules") && finding.Contains("automatic assignment, which is off"));
        Assert.NotEmpty(commands);
        Assert.DoesNotContain(commands, command => command.Contains("QlikLicenseRule"));
        Assert.Equal(2, seats.Count);
        Assert.All(seats, used => Assert.True(used.BaseObject is int count && count > 0));
        var html = File.ReadAllText(Path.Combine(tempFolder, "report.html"));
        Assert.Contains("1. Tenant licence", html);
        Assert.DoesNotContain("Last reload", html);
    }
}

/// <summary>A capacity-based tenant: detected from the licence overview and said plainly, instead of an empty report.</summary>
public sealed class CapacityTenantTests : TenantSessionTest
{
    protected override TenantOptions Options => new() { Subscription = TenantSubscription.CapacityBased };

    [Fact]
    public void A_capacity_based_tenant_is_in_order_and_says_what_the_monthly_check_means_there()
    {
        var health = session.Invoke("Test-QlikLicenseMonitor");
        var routine = session.Invoke("Invoke-QlikLicenseMaintenance -Since 2019-01-01 -HistoryPath \"$temp/history.jsonl\" -ReportPath \"$temp/report.html\" -PassThru");

        Assert.Empty(health.AllErrors);
        var status = Assert.Single(health.Output);
        Assert.True(status.Get<bool>("IsOperational"), status.Text("Reason"));
        Assert.StartsWith("Capacity-based subscription", status.Text("Remark"));
        Assert.Contains("Full entitlement without using it", status.Text("Remark"));
        Assert.Contains(routine.Warnings, warning => warning.StartsWith("Capacity-based subscription"));
        Assert.Contains("Capacity-based subscription", File.ReadAllText(Path.Combine(tempFolder, "report.html")));
    }
}

/// <summary>A larger tenant: the routine reads each list once per run, whatever the number of steps that need it.</summary>
public sealed class TenantRoutineReadsTests : TenantSessionTest
{
    protected override TenantOptions Options => new() { GeneratedUsers = 2_000 };

    [Fact]
    public void The_routine_reads_the_users_the_assignments_and_the_consumption_once()
    {
        var pagesOfUsers = Pages(tenant.Store.Users().Count, 100);
        var pagesOfInactive = Pages(tenant.Store.Users().Count(user => user.Status is TenantUserStatus.Disabled or TenantUserStatus.Deleted), 100);
        var pagesOfAssignments = Pages(tenant.Store.Assignments().Count, 100);
        var pagesOfConsumption = Pages(tenant.Store.Consumption().Count, 200);

        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Since 2019-01-01 -HistoryPath \"$temp/history.jsonl\" -PassThru");

        Assert.Empty(result.AllErrors);
        Assert.NotEmpty(result.Output.Single().Get<object[]>("Candidates"));
        // Every user once (every status named), and the disabled and deleted ones, whom the finder asks for by status.
        Assert.Equal(pagesOfUsers + pagesOfInactive, tenant.Requests.Count("GET", "/api/v1/users"));
        Assert.Equal(pagesOfAssignments, tenant.Requests.Count("GET", "/api/v1/licenses/assignments"));
        Assert.Equal(pagesOfConsumption, tenant.Requests.Count("GET", "/api/v1/licenses/consumption"));
    }

    private static int Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);
}
