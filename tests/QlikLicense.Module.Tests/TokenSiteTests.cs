using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>
/// A site on a token licence, as an administrator works it: the licence said per model, user access passes found,
/// released (journaled, read back, quarantined), allocated against the free tokens, undone, in the routine; user
/// access rules through the rule cmdlets; login access groups with their use and rules.
/// </summary>
public sealed class TokenSiteTests : SiteSessionTest
{
    private string journal;

    protected override SiteOptions SiteOptions => new() { LicenseModel = LicenseModelKind.Token };

    protected override void Prepare()
    {
        journal = Path.Combine(tempFolder, "changes.jsonl");
        session.SetVariable("journal", journal);
        site.WriteAhead.JournalPath = journal;
    }

    private JObject Pass(string userId) =>
        site.Store.All(QrsTypes.UserAccessType).SingleOrDefault(pass => (pass["user"] as JObject)?.Value<string>("userId") == userId);

    private int FreeTokens => site.Store.TotalTokens - site.Store.Count(QrsTypes.UserAccessType) - 5;

    [Fact]
    public void The_summary_says_the_token_model_with_the_shared_tokens_and_what_a_pass_costs()
    {
        var result = session.Invoke("Get-QlikLicenseSummary");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "UserAccess", "LoginAccess" }, result.Output.Select(row => row.Text("Type")));
        Assert.All(result.Output, row =>
        {
            Assert.Equal("Token", row.Text("Model"));
            Assert.Equal("Tokens", row.Text("Unit"));
            Assert.Equal(site.Store.TotalTokens, row.Get<int?>("Total"));
            Assert.Equal(FreeTokens, row.Get<int?>("Available"));
        });
        Assert.Equal(1.0, result.Output[0].Get<double?>("TokenCost"));
        Assert.Equal("ReleaseAndAllocate", result.Output[0].Text("Handling"));
        Assert.Equal(0.1, result.Output[1].Get<double?>("TokenCost"));
        Assert.Equal("ReportUse", result.Output[1].Text("Handling"));
        Assert.False(Assert.Single(session.Invoke("Get-QlikLicenseSummary -Type Professional").Output).Get<bool?>("Enabled"));
    }

    [Fact]
    public void Inactive_pass_holders_are_found_without_naming_a_type_and_rules_granting_them_back_are_named()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { @"CORP EU\françois.dupont", @"CORP\bwayne", @"CORP\ckent", @"CORP\hquinn" },
            result.Output.Select(item => item.Text("UserIdentity")).Order(StringComparer.Ordinal));
        Assert.All(result.Output, item => Assert.Equal("UserAccess", item.Text("Type")));
        Assert.Contains(result.Warnings, warning => warning.StartsWith(@"CORP\hquinn: the enabled license rule 'Sales user access' grants user access to this user"));
        Assert.Equal(0, site.Requests.Count("GET", "/qrs/license/professionalaccesstype") + site.Requests.Count("GET", "/qrs/license/analyzeraccesstype"));
    }

    [Fact]
    public void Releasing_a_pass_is_journaled_first_read_back_and_a_recently_used_one_is_quarantined_from_its_last_use()
    {
        var lastUsed = DateTime.Parse(Pass("jdoe").Value<string>("lastUsed"), null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var free = FreeTokens;

        var result = session.Invoke("Get-QlikLicenseAllocation -Type UserAccess -UserDirectory CORP | Where-Object UserId -in 'jdoe', 'bwayne' | " +
                                    "Remove-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.Errors);
        Assert.Empty(site.WriteAhead.Violations);
        var outcomes = result.Output.ToDictionary(item => item.Text("UserId"), item => item);
        Assert.Equal("Quarantined", outcomes["jdoe"].Text("Outcome"));
        Assert.Equal(lastUsed.AddDays(7), outcomes["jdoe"].Get<DateTime?>("QuarantineEnd")!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal("Released", outcomes["bwayne"].Text("Outcome"));
        Assert.Null(Pass("bwayne"));
        // bwayne's token is free at once; jdoe's stays taken until the quarantine ends.
        Assert.Equal(free + 1, Assert.Single(session.Invoke("Get-QlikLicenseSummary UserAccess").Output).Get<int?>("Available"));
        Assert.Equal(new[] { "Release", "Release" }, session.Invoke("Get-QlikLicenseJournal -Path $journal").Output.Select(item => item.Text("Event")));
    }

    [Fact]
    public void Where_the_site_counts_quarantine_from_the_release_the_result_says_that_end()
    {
        site.Store.PassQuarantine = PassQuarantine.FromRelease;

        var result = session.Invoke("Get-QlikLicenseAllocation -Type UserAccess -UserDirectory CORP -UserId jdoe | Remove-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");

        var released = Assert.Single(result.Output);
        Assert.Equal("Quarantined", released.Text("Outcome"));
        Assert.Equal(DateTime.UtcNow.AddDays(7), released.Get<DateTime?>("QuarantineEnd")!.Value, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void A_pass_takes_a_free_token_and_without_one_the_person_gets_NoSeatAvailable_and_nothing_is_sent()
    {
        var newcomers = Enumerable.Range(1, FreeTokens + 1).Select(index => "new" + index).ToList();
        foreach (var userId in newcomers) site.Store.AddUser("CORP", userId, "New " + userId);
        var free = FreeTokens;

        var result = session.Invoke($"Add-QlikLicenseAllocation -Type UserAccess -UserDirectory CORP -UserId {string.Join(", ", newcomers)} -JournalPath $journal -Confirm:$false");

        Assert.Equal(free, result.Output.Count(item => item.Text("Outcome") == "Allocated"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("NoSeatAvailable", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("a pass costs 1 token(s)", error.Exception.Message);
        Assert.Equal(free, site.Requests.Count("POST", "/qrs/license/useraccesstype"));
    }

    [Fact]
    public void With_a_token_cost_of_two_a_pass_needs_two_free_tokens()
    {
        site.Store.UserAccessTokenCost = 2;
        site.Store.SetTokens(site.Store.Count(QrsTypes.UserAccessType) * 2 + 5 + 3);
        site.Store.AddUser("CORP", "first", "First");
        site.Store.AddUser("CORP", "second", "Second");

        var result = session.Invoke("Add-QlikLicenseAllocation -Type UserAccess -UserDirectory CORP -UserId first, second -JournalPath $journal -Confirm:$false");

        Assert.Equal("Allocated", Assert.Single(result.Output).Text("Outcome"));
        Assert.Equal("NoSeatAvailable", result.FirstErrorId);
        Assert.Equal(1, site.Requests.Count("POST", "/qrs/license/useraccesstype"));
    }

    [Fact]
    public void Undo_reinstates_a_quarantined_pass_to_its_holder_and_allocates_a_released_one_again()
    {
        session.Invoke("Get-QlikLicenseAllocation -Type UserAccess -UserDirectory CORP | Where-Object UserId -in 'jdoe', 'bwayne' | " +
                       "Remove-QlikLicenseAllocation -JournalPath $journal -Confirm:$false");
        var quarantinedId = Pass("jdoe").Value<string>("id");

        var result = session.Invoke("Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "Allocated", "Reinstated" }, result.Output.Select(item => item.Text("Outcome")).Order(StringComparer.Ordinal));
        Assert.Equal(quarantinedId, Pass("jdoe").Value<string>("id"));
        Assert.False(Pass("jdoe").Value<bool>("quarantined"));
        Assert.NotNull(Pass("bwayne"));
        Assert.Empty(site.WriteAhead.Violations);
    }

    [Fact]
    public void User_access_rules_are_created_listed_and_previewed_with_the_rule_cmdlets()
    {
        var created = session.Invoke("New-QlikLicenseRule -Name 'IT user access' -Type UserAccess -Rule '((user.group=\"IT\"))' -JournalPath $journal -Confirm:$false");
        var listed = session.Invoke("Get-QlikLicenseRule -Type UserAccess");
        var preview = session.Invoke("Test-QlikLicenseRule -Type UserAccess -Rule '((user.group=\"Finance\"))'");

        Assert.Empty(created.AllErrors);
        Assert.Equal("UserAccess", Assert.Single(created.Output).Text("Type"));
        Assert.Single(site.Store.All(QrsTypes.UserAccessGroup), group => group.Value<string>("name") == "IT user access");
        Assert.Contains(site.Store.All(QrsTypes.SystemRule), rule => rule.Value<string>("name") == "IT user access" && rule.Value<string>("resourceFilter")!.StartsWith("License.UserAccessGroup_"));
        Assert.Equal(new[] { "IT user access", "Sales user access" }, listed.Output.Select(rule => rule.Text("Name")));
        Assert.Empty(preview.AllErrors);
        Assert.Contains(preview.Output, user => user.Text("UserId") == "o'brien");
    }

    [Fact]
    public void Login_access_groups_show_their_passes_rules_and_people_and_a_name_that_matches_none_is_an_error()
    {
        var result = session.Invoke("Get-QlikLoginAccessGroup");
        var missing = session.Invoke("Get-QlikLoginAccessGroup -Name 'Nobody', 'Contr*'");

        Assert.Empty(result.AllErrors);
        var groups = result.Output.ToDictionary(group => group.Text("Name"));
        Assert.Equal(("RunDry", "10", "0", "2"), (groups["Contractors"].Text("State"), groups["Contractors"].Text("Passes"), groups["Contractors"].Text("RemainingPasses"), groups["Contractors"].Text("People")));
        Assert.Equal("Contractors login", groups["Contractors"].Text("EnabledRules"));
        Assert.Equal("InUse", groups["Occasional users"].Text("State"));
        Assert.Equal("Unused", groups["Old project"].Text("State"));
        Assert.Equal(("NoRule", "Pilot login"), (groups["Pilot"].Text("State"), groups["Pilot"].Text("DisabledRules")));
        Assert.Equal("Contractors", Assert.Single(missing.Output).Text("Name"));
        Assert.Equal("LoginAccessGroupNotFound", missing.FirstErrorId);
        Assert.Equal(3, site.Requests.Count("GET", "/qrs/") / 2);
    }

    [Fact]
    public void Login_access_and_capacity_are_refused_where_a_person_is_allocated_to()
    {
        var result = session.Invoke("Add-QlikLicenseAllocation -Type LoginAccess -UserDirectory CORP -UserId jdoe -Confirm:$false");

        Assert.Equal("ParameterArgumentValidationError", result.FirstErrorId);
        Assert.Contains("\"Professional,Analyzer,UserAccess\"", result.FirstError.Exception.Message);
        Assert.Equal(0, site.Requests.Count("POST"));
    }

    [Fact]
    public void Every_type_of_a_person_s_allocation_offers_exactly_the_per_user_types()
    {
        var perUser = session.Invoke("[QlikLicense.Model.LicenseAccessTypes]::PerUserNames").Output.Select(name => name.ToString()).ToList();
        var sets = session.Invoke("Get-Command -Module QlikLicense | ForEach-Object { foreach ($p in $_.Parameters.Values) { " +
                                  "if ($p.ParameterType -in [QlikLicense.Model.LicenseAccessType], [QlikLicense.Model.LicenseAccessType[]]) { " +
                                  "$set = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }; " +
                                  "'{0} -{1}: {2}' -f $_.Name, $p.Name, ($set.ValidValues -join ',') } } }").Output.Select(line => line.ToString()).ToList();

        Assert.Equal(new[] { "Professional", "Analyzer", "UserAccess" }, perUser);
        // Every access type parameter but the summary's, which shows the pools too.
        Assert.Equal(11, sets.Count);
        Assert.All(sets.Where(line => !line.StartsWith("Get-QlikLicenseSummary ")), line => Assert.EndsWith(": " + string.Join(",", perUser), line));
        Assert.Contains("Get-QlikLicenseSummary -Type: ", sets);
    }

    [Fact]
    public void The_routine_says_the_model_finds_pass_holders_and_flags_login_groups_run_dry_unused_or_without_a_rule()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $temp -HistoryPath \"$temp/h.jsonl\" -JournalPath $journal -ReportPath \"$temp/r.html\" -PassThru");

        Assert.Empty(result.Errors);
        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Equal(new[] { "Token" }, report.Names("Models"));
        Assert.Equal(new[] { "UserAccess" }, report.Names("AccessTypes"));
        Assert.Equal(4, report.Items("Candidates").Count);
        Assert.Equal(new[] { "UserAccess", "LoginAccess" }, report.Items("Summary").Select(row => row.Text("Type")));
        Assert.Equal(new[] { "RunDry", "InUse", "Unused", "NoRule" }, report.Items("LoginAccessGroups").OrderBy(group => group.Text("Name")).Select(group => group.Text("State")));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Login access group 'Contractors' has run dry"));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Login access group 'Old project' holds 1 token(s) and no pass was used"));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Login access group 'Pilot' holds 1 token(s) but no enabled license rule"));
        Assert.Empty(report.Names("NotCovered"));
        var html = File.ReadAllText(Path.Combine(tempFolder, "r.html"));
        Assert.Contains("The site runs: tokens (user access and login access passes).", html);
        Assert.Contains("<td>Contractors</td><td>RunDry</td>", html);
        Assert.Contains("id=\"token-chart\"", html);
        Assert.Contains("\"type\":\"UserAccess\"", File.ReadAllText(Path.Combine(tempFolder, "h.jsonl")));
    }

    [Fact]
    public void A_run_that_leaves_the_site_s_passes_out_says_so_instead_of_nothing_to_do()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Type Professional -LogPath $temp -HistoryPath \"$temp/h.jsonl\" -JournalPath $journal -PassThru");

        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Empty(report.Items("Candidates"));
        var notCovered = Assert.Single(report.Names("NotCovered"));
        Assert.StartsWith("UserAccess (Token licence): the site runs it, but this run searched only Professional (-Type)", notCovered);
        Assert.EndsWith("1 not covered", report.BaseObject.ToString());
    }

    [Fact]
    public void The_released_passes_go_through_the_routine_with_remove()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -Remove -Exclude 'CORP\\hquinn', 'CORP EU\\*' -LogPath $temp -HistoryPath \"$temp/h.jsonl\" -JournalPath $journal -Confirm:$false -PassThru");

        var report = result.Output.Single(item => item.IsA("QlikLicense.Model.MaintenanceReport"));
        Assert.Equal(new[] { "bwayne", "ckent" }, report.Items("Changes").Select(change => change.Text("UserId")).Order(StringComparer.Ordinal));
        Assert.All(report.Items("Changes"), change => Assert.Equal("UserAccess", change.Text("Type")));
        Assert.Null(Pass("bwayne"));
        Assert.Empty(site.WriteAhead.Violations);
    }
}
