using System.Management.Automation;

namespace QlikLicense.Module.Tests;

/// <summary>What the module says when QRS answers badly: one clear error each, and retries only where they are safe.</summary>
public sealed class ResponseFailureTests : SiteSessionTest
{

    protected override string ConnectParameters => "-TimeoutSec 1";

    protected override void Prepare()
    {
        site.Faults.AppliesTo = (method, path) => path.StartsWith("/qrs/user", StringComparison.Ordinal);
    }


    [Fact]
    public void Truncated_json_is_an_invalid_response_error_not_a_partial_list_passed_off_as_whole()
    {
        site.Faults.FailNext(FaultKind.TruncatedJson);
        var result = session.Invoke("Get-QlikUser");

        Assert.Equal("QrsInvalidResponse", result.FirstErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, result.FirstError.CategoryInfo.Category);
        Assert.Contains("GET qrs/user/full", result.FirstError.Exception.Message);
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/user/full"));
    }

    [Fact]
    public void A_passing_503_is_retried_and_the_retry_is_told_in_verbose()
    {
        site.Faults.FailNext(FaultKind.ServiceUnavailable);
        var result = session.Invoke("Get-QlikUser -UserId jdoe -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Single(result.Output);
        Assert.Equal(2, site.Requests.Count("GET", "/qrs/user/full"));
        Assert.Matches(@"^GET qrs/user/full 503 \(\d+ ms\), retrying in 0\.5 s \(try 2 of 4\)$", result.Verbose[0]);
    }

    [Fact]
    public void A_503_that_does_not_pass_ends_as_a_server_error_after_four_tries()
    {
        site.Faults.ServiceUnavailableRate = 1;
        var result = session.Invoke("Get-QlikUser -UserId jdoe");

        Assert.Equal("QrsServerError", result.FirstErrorId);
        Assert.Contains("after 4 tries", result.FirstError.Exception.Message);
        Assert.Equal(4, site.Requests.Count("GET", "/qrs/user/full"));
    }

    [Fact]
    public void A_missing_user_by_id_is_not_found_and_the_next_id_still_runs()
    {
        var jdoe = (string)site.Store.FindUser("CORP", "jdoe")["id"];
        var result = session.Invoke($"Get-QlikUser -Id {Guid.NewGuid()}, {jdoe}");

        Assert.Equal("QrsNotFound", result.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.FirstError.CategoryInfo.Category);
        Assert.Equal("John Doe", result.Output.Single().Text("Name"));
    }

    [Fact]
    public void A_filter_qrs_rejects_is_a_bad_request_with_the_servers_words_in_the_error_details()
    {
        var result = session.Invoke("Get-QlikUser -Filter \"userId eq ''x''\"");

        Assert.Equal("QrsBadRequest", result.FirstErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.FirstError.CategoryInfo.Category);
        Assert.Contains("Server said:", result.FirstError.ErrorDetails.Message);
    }

    [Fact]
    public void A_response_slower_than_the_timeout_is_a_timeout_error()
    {
        site.Faults.SlowResponse = TimeSpan.FromSeconds(5);
        site.Faults.SlowRate = 1;
        var result = session.Invoke("Get-QlikUser -UserId jdoe");

        Assert.Equal("QrsTimeout", result.FirstErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, result.FirstError.CategoryInfo.Category);
        Assert.Contains("within 1 s", result.FirstError.Exception.Message);
    }
}
