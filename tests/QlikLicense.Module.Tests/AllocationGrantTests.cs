using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

public sealed class AllocationGrantTests : SiteSessionTest
{
    private const string Analyzers = "license/analyzeraccesstype";
    private const string Professionals = "license/professionalaccesstype";



    private JObject AllocationOf(AccessKind kind, string userDirectory, string userId) =>
        site.Store.FindAllocation(kind, Guid.Parse((string)site.Store.FindUser(userDirectory, userId)["id"]));

    /// <summary>Leaves exactly <paramref name="free"/> Analyzer seats free.</summary>
    private void LeaveFreeAnalyzerSeats(int free) => site.Store.SetLicenseTotals(site.Store.ProfessionalTotal, site.Store.Count(Analyzers) + free);

    [Fact]
    public void WhatIf_changes_nothing_and_names_each_user_once()
    {
        var before = site.Store.Count(Analyzers);
        var result = session.InvokeAsUser("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId dprince, wmaximoff -WhatIf");

        Assert.Equal(new[]
        {
            "What if: Performing the operation \"Allocate Analyzer access\" on target \"CORP\\dprince (Diana Prince)\".",
            "What if: Performing the operation \"Allocate Analyzer access\" on target \"CORP\\wmaximoff (Wanda Maximoff)\".",
        }, result.WhatIfLines.ToArray());
        Assert.Equal(0, site.Requests.Count("POST"));
        Assert.Equal(before, site.Store.Count(Analyzers));
    }

    [Fact]
    public void Confirm_asks_per_user_and_allocates_only_what_was_confirmed()
    {
        session.Host.ChoiceAnswers.Enqueue("Y");
        session.Host.ChoiceAnswers.Enqueue("N");
        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId dprince, wmaximoff -Confirm");

        var prompts = result.HostLines.Where(line => line.Stream == HostStream.Prompt).Select(line => line.Text).ToList();
        Assert.Equal(2, prompts.Count);
        Assert.Contains("CORP\\dprince (Diana Prince)", prompts[0]);
        Assert.Equal("dprince", Assert.Single(result.Output).Text("UserId"));
        Assert.Equal(1, site.Requests.Count("POST"));
        Assert.NotNull(AllocationOf(AccessKind.Analyzer, "CORP", "dprince"));
        Assert.Null(AllocationOf(AccessKind.Analyzer, "CORP", "wmaximoff"));
    }

    [Fact]
    public void Users_from_Get_QlikUser_are_allocated_without_being_looked_up_again()
    {
        var result = session.Invoke("Get-QlikUser -UserDirectory 'CORP EU' -UserId jnowak | Add-QlikLicenseAllocation -Type Professional -Confirm:$false");

        Assert.Empty(result.AllErrors);
        var added = Assert.Single(result.Output);
        Assert.True(added.IsA("QlikLicense.Model.AllocationChangeResult"));
        Assert.Equal("Allocated", added.Text("Outcome"));
        Assert.Equal("Jan Nowak", added.Text("UserName"));
        Assert.Equal((string)AllocationOf(AccessKind.Professional, "CORP EU", "jnowak")["id"], added.Text("AllocationId"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/user"));
        Assert.Equal(1, site.Requests.Count("POST", "/qrs/license/professionalaccesstype"));
    }

    [Fact]
    public void Plain_objects_with_user_directory_and_user_id_are_allocated_and_quotes_and_case_do_not_matter()
    {
        var result = session.Invoke(
            "[pscustomobject]@{UserDirectory='corp eu'; UserId=\"D'Angelo\"}, [pscustomobject]@{UserDirectory='CORP'; UserId=\"o'brien\"} | " +
            "Add-QlikLicenseAllocation -Type Professional -Confirm:$false");

        Assert.Empty(result.AllErrors);
        var outcomes = result.Output.ToDictionary(item => item.Text("UserId"), item => item.Text("Outcome"));
        Assert.Equal("Allocated", outcomes["d'angelo"]);
        Assert.Equal("AlreadyAllocated", outcomes["o'brien"]);
        Assert.Equal("CORP EU", result.Output.Single(item => item.Text("UserId") == "d'angelo").Text("UserDirectory"));
        Assert.NotNull(AllocationOf(AccessKind.Professional, "CORP EU", "d'angelo"));
        Assert.Equal(1, site.Requests.Count("POST"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/user"));
    }

    [Fact]
    public void Objects_with_a_user_key_such_as_allocations_are_allocated_by_that_key()
    {
        var result = session.Invoke(
            "Get-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId asmith | Add-QlikLicenseAllocation -Type Professional -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Allocated", Assert.Single(result.Output).Text("Outcome"));
        Assert.NotNull(AllocationOf(AccessKind.Professional, "CORP", "asmith"));
        var lookup = site.Requests.Snapshot().Single(request => request.Path == "/qrs/user");
        Assert.Equal("id eq 7c1e2a10-0000-4000-8000-000000000002", lookup.Filter);
    }

    [Fact]
    public void An_object_that_names_no_user_is_an_invalid_argument_error()
    {
        var result = session.Invoke("'jdoe', [pscustomobject]@{UserId='jdoe'} | Add-QlikLicenseAllocation -Type Analyzer -Confirm:$false");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
        Assert.Equal("InvalidInputObject", result.FirstErrorId);
        Assert.Equal(0, site.Requests.Count());
    }

    [Fact]
    public void A_user_who_holds_the_access_already_is_reported_not_failed_and_nothing_is_sent()
    {
        var result = session.Invoke("Add-QlikLicenseAllocation Professional -UserDirectory CORP -UserId jdoe -Confirm:$false");

        Assert.Empty(result.AllErrors);
        var item = Assert.Single(result.Output);
        Assert.Equal("AlreadyAllocated", item.Text("Outcome"));
        Assert.Equal((string)AllocationOf(AccessKind.Professional, "CORP", "jdoe")["id"], item.Text("AllocationId"));
        Assert.Equal(0, site.Requests.Count("POST"));
        Assert.Equal(0, site.Requests.Count("GET", "/qrs/license/accesstypeoverview"));
    }

    [Fact]
    public void An_unknown_user_is_an_object_not_found_error_and_the_others_are_allocated()
    {
        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId nobody, dprince -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Equal("UserNotFound", result.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("CORP\\nobody", error.TargetObject);
        Assert.Contains("CORP\\nobody", error.Exception.Message);
        Assert.Equal("dprince", Assert.Single(result.Output).Text("UserId"));
        Assert.Equal(1, site.Requests.Count("POST"));
    }

    [Fact]
    public void Users_beyond_the_free_seats_fail_with_no_seat_available_each_and_the_rest_are_allocated()
    {
        LeaveFreeAnalyzerSeats(1);
        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId dprince, wmaximoff, qlikadmin -Confirm:$false");

        Assert.Equal("dprince", Assert.Single(result.Output).Text("UserId"));
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error =>
        {
            Assert.Equal("NoSeatAvailable", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        });
        Assert.Contains("CORP\\wmaximoff (Wanda Maximoff)", result.Errors[0].Exception.Message);
        Assert.Contains("1 of", result.Errors[0].Exception.Message);
        Assert.Equal(1, site.Requests.Count("POST"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/license/accesstypeoverview"));
    }

    [Fact]
    public void WhatIf_counts_seats_down_too_so_the_preview_shows_who_would_not_fit()
    {
        LeaveFreeAnalyzerSeats(1);
        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId dprince, wmaximoff -WhatIf");

        Assert.Contains("CORP\\dprince", Assert.Single(result.WhatIfLines));
        Assert.Equal("NoSeatAvailable", result.FirstErrorId);
        Assert.Contains("CORP\\wmaximoff", result.FirstError.Exception.Message);
        Assert.Equal(0, site.Requests.Count("POST"));
    }

    [Fact]
    public void A_quarantined_allocation_is_reinstated_with_the_same_id_without_a_free_seat()
    {
        LeaveFreeAnalyzerSeats(0);
        var quarantined = (string)AllocationOf(AccessKind.Analyzer, "CORP", "nromanoff")["id"];

        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId nromanoff -Confirm:$false");

        Assert.Empty(result.AllErrors);
        var item = Assert.Single(result.Output);
        Assert.Equal("Reinstated", item.Text("Outcome"));
        Assert.Equal(quarantined, item.Text("AllocationId"));
        Assert.False((bool)AllocationOf(AccessKind.Analyzer, "CORP", "nromanoff")["quarantined"]);
    }

    [Fact]
    public void A_refused_post_is_a_failed_result_with_the_qrs_error()
    {
        site.Faults.AppliesTo = (method, path) => method == "POST";
        site.Faults.FailNext(FaultKind.ServiceUnavailable);

        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId dprince -Confirm:$false");

        Assert.Equal("QrsServerError", result.FirstErrorId);
        Assert.Equal("Failed", Assert.Single(result.Output).Text("Outcome"));
        Assert.Null(AllocationOf(AccessKind.Analyzer, "CORP", "dprince"));
    }

    [Fact]
    public void A_post_whose_answer_was_lost_but_which_the_server_executed_is_reported_as_allocated()
    {
        site.Faults.AppliesTo = (method, path) => method == "POST";
        site.Faults.FailNext(FaultKind.ResetAfter);

        var result = session.Invoke("Add-QlikLicenseAllocation Analyzer -UserDirectory CORP -UserId dprince -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Allocated", Assert.Single(result.Output).Text("Outcome"));
        Assert.Equal(1, site.Requests.Count("POST"));
    }

    [Fact]
    public void Two_hundred_users_from_plain_objects_take_a_constant_number_of_reads()
    {
        for (var index = 1; index <= 200; index++) site.Store.AddUser("BULK", $"user{index:000}", $"Bulk User {index}");
        site.Store.SetLicenseTotals(25, 300);

        var result = session.Invoke(
            "1..200 | ForEach-Object { [pscustomobject]@{ UserDirectory = 'BULK'; UserId = 'user{0:000}' -f $_ } } | Add-QlikLicenseAllocation -Type Analyzer -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal(200, result.Output.Count(item => item.Text("Outcome") == "Allocated"));
        Assert.Equal(200, site.Requests.Count("POST", "/qrs/license/analyzeraccesstype"));
        Assert.Equal(4, site.Requests.Count("GET", "/qrs/user"));
        Assert.Equal(4, site.Requests.Count("GET", "/qrs/license/analyzeraccesstype"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/license/accesstypeoverview"));
        Assert.NotEmpty(result.Progress);
    }

    [Fact]
    public void Two_hundred_users_from_Get_QlikUser_need_no_user_lookup_at_all()
    {
        for (var index = 1; index <= 200; index++) site.Store.AddUser("BULK", $"user{index:000}", $"Bulk User {index}");
        site.Store.SetLicenseTotals(300, 50);
        var before = site.Store.Count(Professionals);

        var result = session.Invoke("Get-QlikUser -UserDirectory BULK | Add-QlikLicenseAllocation -Type Professional -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal(200, result.Output.Count);
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/user"));
        Assert.Equal(4, site.Requests.Count("GET", "/qrs/license/professionalaccesstype"));
        Assert.Equal(200, site.Requests.Count("POST"));
        Assert.Equal(before + 200, site.Store.Count(Professionals));
    }
}
