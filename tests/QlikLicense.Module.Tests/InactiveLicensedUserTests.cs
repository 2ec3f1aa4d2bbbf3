namespace QlikLicense.Module.Tests;

public sealed class InactiveLicensedUserTests : SiteSessionTest
{



    private static string[] Identities(ScriptResult result) =>
        result.Output.Select(user => $"{user.Text("Type")} {user.Text("UserDirectory")}\\{user.Text("UserId")} {user.Text("Reason")}").OrderBy(text => text).ToArray();

    [Fact]
    public void By_default_offers_the_allocations_of_users_removed_from_the_directory()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[]
        {
            @"Analyzer CORP EU\françois.dupont RemovedFromDirectory",
            @"Analyzer CORP\ckent RemovedFromDirectory",
            @"Analyzer CORP\hquinn RemovedFromDirectory",
            @"Professional CORP\bwayne RemovedFromDirectory",
        }, Identities(result));
        var ckent = result.Output.Single(user => user.Text("UserId") == "ckent");
        Assert.True(ckent.IsA("QlikLicense.Model.InactiveLicensedUser"));
        Assert.Null(ckent.Get("LastUsed"));
        Assert.Contains("Press", ckent.Get<IReadOnlyList<string>>("Groups"));
    }

    [Fact]
    public void Candidates_a_license_rule_would_grant_back_carry_the_rule_and_a_warning_naming_it()
    {
        var result = session.Invoke("Get-QlikInactiveLicensedUser");

        var granted = result.Output.Where(user => user.Get<IReadOnlyList<string>>("GrantingRules").Count > 0).Select(user => user.Text("UserId")).OrderBy(id => id).ToArray();
        // The seed's enabled rule "Sales analyzers" grants Analyzer access to the Sales group.
        Assert.Equal(new[] { "françois.dupont", "hquinn" }, granted);
        Assert.Equal(2, result.Warnings.Count);
        Assert.All(result.Warnings, warning => Assert.Contains("'Sales analyzers'", warning));
        Assert.Contains(result.Warnings, warning => warning.StartsWith(@"CORP\hquinn: the enabled license rule 'Sales analyzers' grants Analyzer access"));
    }

    [Fact]
    public void Removing_a_plain_allocation_a_rule_grants_warns_after_one_audit()
    {
        var result = session.Invoke("Get-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId hquinn | Remove-QlikLicenseAllocation -WhatIf");

        Assert.Contains(result.Warnings, warning => warning.Contains("'Sales analyzers'"));
        Assert.Equal(1, site.Requests.Count("POST", "/qrs/systemrule/license/audit"));
        Assert.Equal(0, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void Blocked_users_and_unused_allocations_join_when_asked()
    {
        // mjones never used the allocation, which was assigned 100 days ago; rrogers was assigned one today.
        var mjones = (Newtonsoft.Json.Linq.JObject)site.Store.All("license/professionalaccesstype")
            .Single(allocation => (allocation["user"] as Newtonsoft.Json.Linq.JObject)?["userId"]?.ToString() == "mjones").DeepClone();
        mjones["createdDate"] = DateTime.UtcNow.AddDays(-100).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        site.Store.Replace("license/professionalaccesstype", mjones);

        var result = session.Invoke("Get-QlikInactiveLicensedUser -Type Professional -IncludeBlocked -UnusedDays 30");

        Assert.Equal(new[]
        {
            @"Professional CORP\bwayne RemovedFromDirectory",
            @"Professional CORP\lluthor Blocked",
            // Never used and created long ago: counts as unused, not as "used in 1753".
            @"Professional CORP\mjones NotUsedSince",
        }, Identities(result));
        Assert.DoesNotContain(session.Invoke("Get-QlikInactiveLicensedUser -Type Analyzer -UnusedDays 30").Output, user => user.Text("UserId") == "rrogers");
    }

    [Fact]
    public void Exclusions_take_directory_user_patterns_and_directories()
    {
        var result = session.Invoke(@"Get-QlikInactiveLicensedUser -Exclude 'CORP\b*', '*\CKENT' -ExcludeUserDirectory 'corp eu'");

        Assert.Equal(new[] { @"Analyzer CORP\hquinn RemovedFromDirectory" }, Identities(result));
    }

    [Fact]
    public void Quarantined_and_deleted_user_allocations_are_never_offered()
    {
        var user = site.Store.AddUser("CORP", "gone.soon", "Gone Soon", removedExternally: true);
        site.Store.AddAllocation(AccessKind.Analyzer, Guid.Parse((string)user["id"]), DateTime.UtcNow.AddDays(-1), quarantined: true, quarantineEndUtc: DateTime.UtcNow.AddDays(6));

        var result = session.Invoke("Get-QlikInactiveLicensedUser");

        Assert.DoesNotContain(result.Output, candidate => candidate.Text("UserId") == "gone.soon" || candidate.Get<bool>("DeletedUser"));
        // The site sends only the allocations of users removed from the directory, not every allocation.
        Assert.Equal(2, site.Requests.Snapshot().Count(request => request.Path.EndsWith("accesstype/full")
            && request.Filter == "(quarantined eq false) and (user.removedExternally eq true)"));
    }

    [Fact]
    public void The_unused_since_date_is_the_callers_local_time_converted_to_utc()
    {
        var local = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Unspecified);
        session.SetVariable("since", local);
        session.Invoke("Get-QlikLicenseAllocation -Type Analyzer -UnusedSince $since");

        var expected = DateTime.SpecifyKind(local, DateTimeKind.Local).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        Assert.Contains(site.Requests.Snapshot(), request => request.Filter == $"lastUsed lt '{expected}'");
    }

    [Fact]
    public void Allocations_of_users_with_quotes_non_ascii_letters_and_spaced_directories_are_found_on_the_server()
    {
        var quoted = session.Invoke(@"Get-QlikLicenseAllocation -UserDirectory 'CORP EU' -UserId ""d'angelo""");
        var accented = session.Invoke("Get-QlikLicenseAllocation -UserDirectory 'CORP EU' -UserId 'zoë.müller'");

        Assert.Empty(quoted.AllErrors);
        Assert.Equal("Marco D'Angelo", Assert.Single(quoted.Output).Text("UserName"));
        Assert.Equal("Zoë Müller", Assert.Single(accented.Output).Text("UserName"));
        Assert.Contains(site.Requests.Snapshot(), request => request.Filter == @"(user.userId eq 'd\'angelo') and (user.userDirectory eq 'CORP EU')");
    }

    [Fact]
    public void Quarantined_allocations_are_listed_with_their_end_in_utc()
    {
        var result = session.Invoke("Get-QlikLicenseAllocation -Quarantined");

        var quarantined = result.Output.Single(allocation => allocation.Text("UserId") == "nromanoff");
        Assert.Equal(DateTimeKind.Utc, quarantined.Get<DateTime>("QuarantineEnd").Kind);
        Assert.All(result.Output, allocation => Assert.True(allocation.Get<bool>("Quarantined")));
    }
}

public sealed class InactiveLicensedUserScaleTests
{
    [Fact]
    public async Task Finding_the_candidates_of_a_50000_user_site_costs_six_requests()
    {
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = 50_000, LoadSeed = false });
        using var session = new ModuleSession();
        session.ConnectTo(site);
        site.Requests.Clear();

        var result = session.Invoke("$n = 0; Get-QlikInactiveLicensedUser | ForEach-Object { $n++ }; $n");

        Assert.Empty(result.AllErrors);
        Assert.True((int)result.Output.Single().BaseObject > 500);
        // One read of the licence overview (which access types the site runs), one of the inactive users; per access
        // type one rule audit and one streamed read of the allocations.
        Assert.Equal(6, site.Requests.Count());
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/license/accesstypeoverview"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/user/full"));
        Assert.Equal(2, site.Requests.Count("POST", "/qrs/systemrule/license/audit"));
        // Each access type's read asks for the allocations of inactive users only: the answer is the candidates.
        Assert.All(site.Requests.Snapshot().Where(request => request.Path.EndsWith("accesstype/full")),
            request => Assert.Contains("user.removedExternally eq true", request.Filter));
    }
}
