namespace QlikLicense.Module.Tests;

/// <summary>
/// Sites with analyzer capacity: the minutes of the month in the summary, who spends them, and the decision to give a
/// person an Analyzer seat where their minutes cost more; and a mixed site running every model at once.
/// </summary>
public sealed class CapacitySiteTests : SiteSessionTest
{
    protected override SiteOptions SiteOptions => new() { LicenseModel = LicenseModelKind.Capacity };

    [Fact]
    public void The_summary_has_professional_seats_and_the_minutes_of_the_month()
    {
        var result = session.Invoke("Get-QlikLicenseSummary");

        Assert.Equal(new[] { "Professional", "AnalyzerCapacity" }, result.Output.Select(row => row.Text("Type")));
        var minutes = result.Output[1];
        Assert.Equal(("AnalyzerCapacity", "Minutes", LicenseModelSeed.CapacityMinutes), (minutes.Text("Model"), minutes.Text("Unit"), minutes.Get<int?>("Total")));
        Assert.Equal(LicenseModelSeed.CapacityMinutes - minutes.Get<int?>("Used"), minutes.Get<int?>("Available"));
        Assert.True(minutes.Get<int?>("Used") > 0);
    }

    [Fact]
    public void The_people_who_spend_the_most_minutes_are_listed_first_with_their_share()
    {
        var result = session.Invoke("Get-QlikAnalyzerCapacityUsage -AnalyzerSeatMinutes 600");
        var top = session.Invoke("Get-QlikAnalyzerCapacityUsage -Top 2");

        Assert.Empty(result.AllErrors);
        Assert.Equal(@"CORP\asmith", result.Output[0].Text("UserIdentity"));
        Assert.Equal(960, result.Output[0].Get<int>("Minutes"));
        Assert.Equal(20, result.Output[0].Get<int>("Uses"));
        Assert.True(result.Output[0].Get<bool?>("CostsMoreThanSeat"));
        Assert.All(result.Output.Skip(1), person => Assert.False(person.Get<bool?>("CostsMoreThanSeat")));
        Assert.Equal(100.0, result.Output.Sum(person => person.Get<double>("Share")), 1);
        Assert.Equal(2, top.Output.Count);
        Assert.Null(top.Output[0].Get<bool?>("CostsMoreThanSeat"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/license/analyzertimeaccessusage/full") / 2);
    }

    [Fact]
    public void A_heavy_spender_gets_the_command_for_an_analyzer_seat_and_the_reason_says_the_licence_has_none_yet()
    {
        var result = session.Invoke("Get-QlikAnalyzerCapacityUsage | Get-QlikLicenseSuggestion -AnalyzerSeatMinutes 600");

        var suggestion = Assert.Single(result.Output);
        Assert.Equal("SeatForCapacity", suggestion.Text("Kind"));
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'asmith'", suggestion.Text("Command"));
        Assert.Contains("The licence offers no Analyzer seats yet", suggestion.Text("Reason"));
    }

    [Fact]
    public void The_routine_lists_the_top_spenders_and_decides_with_the_seat_price_given()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -AnalyzerSeatMinutes 600 -LogPath $temp -HistoryPath \"$temp/h.jsonl\" -ReportPath \"$temp/r.html\" -PassThru");

        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Equal(new[] { "UserBased", "AnalyzerCapacity" }, report.Names("Models"));
        Assert.Equal(new[] { "Professional" }, report.Names("AccessTypes"));
        Assert.Equal("asmith", report.Items("CapacityUsers")[0].Text("UserId"));
        Assert.Contains(report.Items("Suggestions"), suggestion => suggestion.Text("Kind") == "SeatForCapacity" && suggestion.Text("Users") == @"CORP\asmith");
        Assert.Contains(report.Items("Candidates"), candidate => candidate.Text("UserId") == "bwayne");
        var html = File.ReadAllText(Path.Combine(tempFolder, "r.html"));
        Assert.Contains("Analyzer capacity: who spent the most minutes in the last 30 days", html);
        Assert.Contains("id=\"minute-chart\"", html);
    }

    [Fact]
    public void Capacity_is_not_a_type_to_allocate()
    {
        var result = session.Invoke("Get-QlikLicenseAllocation -Type AnalyzerCapacity");

        Assert.Equal("ParameterArgumentValidationError", result.FirstErrorId);
        Assert.Contains("\"Professional,Analyzer,UserAccess\"", result.FirstError.Exception.Message);
    }
}

public sealed class MixedSiteTests : SiteSessionTest
{
    protected override SiteOptions SiteOptions => new() { LicenseModel = LicenseModelKind.Mixed };

    [Fact]
    public void Every_model_has_its_row_and_every_per_user_type_is_searched()
    {
        var summary = session.Invoke("Get-QlikLicenseSummary");
        var inactive = session.Invoke("Get-QlikInactiveLicensedUser");

        Assert.Equal(new[] { "Professional", "Analyzer", "UserAccess", "LoginAccess", "AnalyzerCapacity" }, summary.Output.Select(row => row.Text("Type")));
        Assert.Equal(new[] { "Analyzer", "Professional", "UserAccess" }, inactive.Output.Select(item => item.Text("Type")).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(inactive.Output, item => item.Text("UserIdentity") == @"CORP\oldpass");
        Assert.Equal(new[] { "CORP\\qpass" }, session.Invoke("Get-QlikLicenseAllocation -Type UserAccess -Quarantined").Output.Select(item => item.Text("UserIdentity")));
    }

    [Fact]
    public void The_routine_reports_the_three_models_the_groups_and_the_spenders()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $temp -HistoryPath \"$temp/h.jsonl\" -PassThru");

        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Equal(new[] { "UserBased", "Token", "AnalyzerCapacity" }, report.Names("Models"));
        Assert.Equal(4, report.Items("LoginAccessGroups").Count);
        Assert.Equal("dprince", report.Items("CapacityUsers")[0].Text("UserId"));
        Assert.DoesNotContain(report.Items("Suggestions"), suggestion => suggestion.Text("Kind") == "SeatForCapacity");
        Assert.Equal(5, report.Items("Summary").Count);
    }
}

public sealed class UserBasedSiteModelTests : SiteSessionTest
{
    [Fact]
    public void A_user_based_site_says_its_one_model_reads_no_passes_and_covers_everything()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $temp -HistoryPath \"$temp/h.jsonl\" -PassThru");

        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Equal(new[] { "UserBased" }, report.Names("Models"));
        Assert.Equal(new[] { "Professional", "Analyzer" }, report.Names("AccessTypes"));
        Assert.Empty(report.Names("NotCovered"));
        Assert.Empty(report.Items("LoginAccessGroups"));
        Assert.Equal(0, site.Requests.Count("GET", "/qrs/license/useraccesstype") + site.Requests.Count("GET", "/qrs/license/loginaccesstype"));
    }
}

/// <summary>Reading a report's lists as a script does.</summary>
internal static class ReportLists
{
    /// <summary>The elements of a list property as PowerShell objects.</summary>
    public static List<System.Management.Automation.PSObject> Items(this System.Management.Automation.PSObject item, string property) =>
        ((System.Collections.IEnumerable)item.Get(property)).Cast<object>().Select(System.Management.Automation.PSObject.AsPSObject).ToList();

    /// <summary>The elements of a list property as text (enum names, strings).</summary>
    public static string[] Names(this System.Management.Automation.PSObject item, string property) =>
        ((System.Collections.IEnumerable)item.Get(property)).Cast<object>().Select(value => value.ToString()).ToArray();
}

/// <summary>A tenant's analyzer capacity: shown, and named as a model the run does not cover rather than nothing to do.</summary>
public sealed class TenantLicenseModelTests : TenantSessionTest
{
    [Fact]
    public void The_tenant_s_capacity_minutes_are_a_row_the_module_says_it_does_not_handle_and_the_routine_names_uncovered()
    {
        var summary = session.Invoke("Get-QlikLicenseSummary");
        var routine = session.Invoke("Invoke-QlikLicenseMaintenance -HistoryPath \"$temp/h.jsonl\" -JournalPath \"$temp/j.jsonl\" -PassThru");
        var groups = session.Invoke("Get-QlikLoginAccessGroup");

        var minutes = summary.Output.Single(row => row.Text("Type") == "AnalyzerCapacity");
        Assert.Equal(("Minutes", "NotHandled", tenant.Store.AnalyzerTimeUnits), (minutes.Text("Unit"), minutes.Text("Handling"), minutes.Get<int?>("Total")));
        var report = routine.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Contains(report.Names("Models"), model => model == "AnalyzerCapacity");
        Assert.StartsWith("AnalyzerCapacity (AnalyzerCapacity licence): ", Assert.Single(report.Names("NotCovered")));
        Assert.Contains("cannot read it on this kind of site", report.Names("NotCovered")[0]);
        Assert.Equal("NotSupportedOnQlikCloud", groups.FirstErrorId);
    }
}
