namespace QlikLicense.Module.Tests;

public sealed class CompletionTests : SiteSessionTest
{



    private string[] Complete(string input) =>
        session.Invoke($"(TabExpansion2 -inputScript '{input.Replace("'", "''")}' -cursorColumn {input.Length}).CompletionMatches | ForEach-Object {{ $_.CompletionText }}")
            .Output.Select(item => item.BaseObject.ToString()).ToArray();

    [Fact]
    public void UserDirectory_completes_from_the_connected_site_quoting_names_with_spaces()
    {
        Assert.Equal(new[] { "CORP", "'CORP EU'" }, Complete("Get-QlikUser -UserDirectory CO"));
        Assert.Contains("INTERNAL", Complete("Get-QlikLicenseAllocation -UserDirectory "));
        Assert.Contains(site.Requests.Snapshot(), request => request.Path == "/qrs/userdirectory" && request.Filter == "userDirectoryName sw 'CO'");
    }

    [Fact]
    public void License_rule_names_complete_quoted()
    {
        Assert.Equal(new[] { "'Sales analyzers'" }, Complete("Get-QlikLicenseRule -Name Sal"));
    }

    [Fact]
    public void Type_completes_from_the_access_types()
    {
        Assert.Equal(new[] { "Analyzer" }, Complete("Get-QlikLicenseAllocation -Type A"));
    }

    [Fact]
    public void Completion_without_a_connection_offers_nothing_and_does_not_fail()
    {
        session.Invoke("Disconnect-QlikSense");
        Assert.Empty(Complete("Get-QlikUser -UserDirectory CO"));
    }
}
