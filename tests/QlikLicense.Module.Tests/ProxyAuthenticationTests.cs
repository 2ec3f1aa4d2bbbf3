using System.Management.Automation;
using System.Net;

namespace QlikLicense.Module.Tests;

/// <summary>Connecting through a virtual proxy with each kind of authentication, and what goes wrong there.</summary>
public sealed class ProxyAuthenticationTests : IAsyncLifetime
{
    private SimulatedSite site;
    private ModuleSession session;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync();
        session = new ModuleSession();
    }

    public async Task DisposeAsync()
    {
        session.Dispose();
        await site.DisposeAsync();
    }

    private string Proxy => $"-Server localhost -Port {site.ProxyPort} -VirtualProxyPrefix admin -CaCertificatePath '{site.CaCertificatePath}'";

    private ScriptResult AllStreamsOf(string script) => session.Invoke(script + " *>&1 | ForEach-Object { $_ }");

    [Fact]
    public void Header_authentication_sends_the_user_in_the_virtual_proxys_header()
    {
        var result = session.Invoke($"Connect-QlikSense {Proxy} -HeaderName {site.ProxyAuth.HeaderName} -HeaderUserId qlikadmin -PassThru; Get-QlikUser -UserId jdoe");

        Assert.Empty(result.AllErrors);
        Assert.Equal("John Doe", result.Output.Last().Text("Name"));
        Assert.All(site.Requests.Snapshot(), request => Assert.Equal(@"CORP\qlikadmin", request.QlikUser));
        Assert.Equal("Header X-Qlik-HeaderUser", result.Output.First().Text("Authentication"));
    }

    [Fact]
    public void Jwt_authentication_sends_a_bearer_token_that_never_shows_in_any_stream()
    {
        session.SetVariable("jwt", new NetworkCredential("", site.ProxyAuth.ValidJwt).SecurePassword);
        var result = AllStreamsOf($"Connect-QlikSense {Proxy} -Jwt $jwt -PassThru -Verbose; Get-QlikConnection | ForEach-Object {{ $_.Authentication }}");

        Assert.Empty(result.AllErrors);
        Assert.Contains(site.Requests.Snapshot(), request => request.QlikUser == site.ProxyAuth.JwtUser);
        Assert.DoesNotContain(site.ProxyAuth.ValidJwt, string.Join("\n", result.Output.Select(item => item.ToString())) + result.HostText);
    }

    [Fact]
    public void Windows_authentication_answers_the_challenge_and_keeps_the_session_cookie()
    {
        session.SetVariable("credential", new PSCredential($@"{site.ProxyAuth.WindowsDomain}\{site.ProxyAuth.WindowsUser}",
            new NetworkCredential("", site.ProxyAuth.WindowsPassword).SecurePassword));
        var result = session.Invoke($"Connect-QlikSense {Proxy} -Credential $credential; Get-QlikUser -UserId jdoe; Get-QlikUser -UserId asmith");

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(1, site.ProxyAuth.SessionCount);
    }

    [Fact]
    public void A_login_page_instead_of_json_is_an_authentication_error_with_a_hint()
    {
        var result = session.Invoke($"Connect-QlikSense {Proxy} -HeaderName X-Not-The-Header -HeaderUserId qlikadmin");

        Assert.Equal("QrsLoginPage", result.FirstErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, result.FirstError.CategoryInfo.Category);
        Assert.Contains("HTML page", result.FirstError.Exception.Message);
        Assert.Contains("-VirtualProxyPrefix", result.FirstError.Exception.Message);
    }

    [Fact]
    public void Wrong_windows_credentials_are_refused_with_a_hint_and_without_the_password()
    {
        session.SetVariable("credential", new PSCredential($@"{site.ProxyAuth.WindowsDomain}\{site.ProxyAuth.WindowsUser}",
            new NetworkCredential("", "wrong-password").SecurePassword));
        var result = session.Invoke($"Connect-QlikSense {Proxy} -Credential $credential");

        Assert.Equal("QrsAccessDenied", result.FirstErrorId);
        Assert.Contains("401", result.FirstError.Exception.Message);
        Assert.DoesNotContain("wrong-password", result.FirstError.ToString() + result.FirstError.ErrorDetails?.Message);
    }
}
