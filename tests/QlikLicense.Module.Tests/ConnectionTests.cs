using System.Management.Automation;

namespace QlikLicense.Module.Tests;

public sealed class ConnectionTests : IAsyncLifetime
{
    private SimulatedSite site;

    public async Task InitializeAsync() => site = await SimulatedSite.StartAsync();

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public void Connect_with_the_client_certificate_proves_the_connection_with_qrs_about()
    {
        using var session = new ModuleSession();
        var result = session.ConnectTo(site, "-PassThru");

        var connection = Assert.Single(result.Output);
        Assert.Equal($"localhost:{site.QrsPort}", connection.Properties["Site"].Value);
        Assert.False(string.IsNullOrEmpty((string)connection.Properties["ServerVersion"].Value));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/about"));
        Assert.Equal($"localhost:{site.QrsPort}", session.Invoke("(Get-QlikConnection).Site").Output.Single().BaseObject);
    }

    [Fact]
    public void Every_request_is_one_verbose_line_without_query_string_or_key()
    {
        using var session = new ModuleSession();
        session.ConnectTo(site);
        var result = session.Invoke("Get-QlikUser -UserDirectory CORP -Verbose");

        var line = Assert.Single(result.Verbose);
        Assert.Matches(@"^GET qrs/user/full 200 \(\d+ ms\)$", line);
        var logged = site.Requests.Snapshot().Last();
        var key = System.Web.HttpUtility.ParseQueryString(logged.RawQuery)["xrfkey"];
        Assert.Matches("^[0-9a-zA-Z]{16}$", key);
        Assert.DoesNotContain(key, line);
    }

    [Fact]
    public void A_wrong_certificate_password_is_one_clear_error()
    {
        using var session = new ModuleSession();
        session.SetVariable("wrong", new System.Net.NetworkCredential("", "not-the-password").SecurePassword);
        var result = session.Invoke($"Connect-QlikSense -Server localhost -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' -CertificatePassword $wrong");

                Assert.Equal("CertificateFileUnreadable,QlikLicense.Commands.ConnectQlikSenseCommand", result.FirstError.FullyQualifiedErrorId);
        Assert.Contains("password is wrong", result.FirstError.Exception.Message);
        Assert.DoesNotContain(site.ClientCertificatePassword, result.FirstError.ToString());
    }

    [Fact]
    public void An_untrusted_server_certificate_fails_closed_and_names_its_thumbprint()
    {
        using var session = new ModuleSession();
        session.SetVariable("pw", new System.Net.NetworkCredential("", site.ClientCertificatePassword).SecurePassword);
        var result = session.Invoke($"Connect-QlikSense -Server localhost -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' -CertificatePassword $pw");

                Assert.Equal("QrsUntrustedCertificate", result.FirstErrorId);
        Assert.Equal(ErrorCategory.SecurityError, result.FirstError.CategoryInfo.Category);
        Assert.Contains(site.ServerCertificateThumbprint, result.FirstError.Exception.Message);
        Assert.Contains("-CaCertificatePath", result.FirstError.Exception.Message);
        Assert.Equal(0, site.Requests.Count());
    }

    [Fact]
    public void Pinning_the_server_thumbprint_trusts_it()
    {
        using var session = new ModuleSession();
        session.SetVariable("pw", new System.Net.NetworkCredential("", site.ClientCertificatePassword).SecurePassword);
        var result = session.Invoke($"Connect-QlikSense -Server localhost -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' -CertificatePassword $pw -TrustedCertificateThumbprint {site.ServerCertificateThumbprint} -PassThru");

        Assert.Empty(result.AllErrors);
        Assert.Single(result.Output);
    }

    [Fact]
    public void Skipping_the_check_warns_and_affects_only_its_own_connection()
    {
        using var session = new ModuleSession();
        session.SetVariable("pw", new System.Net.NetworkCredential("", site.ClientCertificatePassword).SecurePassword);
        var skipped = session.Invoke($"$skipped = Connect-QlikSense -Server localhost -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' -CertificatePassword $pw -SkipCertificateCheck -PassThru");
        Assert.Contains(skipped.Warnings, warning => warning.Contains("will not be checked"));

        var strict = session.Invoke($"Connect-QlikSense -Server localhost -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' -CertificatePassword $pw");
        Assert.Equal("QrsUntrustedCertificate", strict.FirstErrorId);
        Assert.Empty(session.Invoke("Get-QlikUser -UserId administrator -Connection $skipped").Errors);
    }

    [Fact]
    public void A_closed_port_is_a_connection_error_not_a_stack_trace()
    {
        using var session = new ModuleSession();
        session.SetVariable("pw", new System.Net.NetworkCredential("", site.ClientCertificatePassword).SecurePassword);
        var result = session.Invoke($"Connect-QlikSense -Server localhost -Port 1 -CertificatePath '{site.ClientCertificatePath}' -CertificatePassword $pw -CaCertificatePath '{site.CaCertificatePath}'");

        Assert.Equal("QrsConnectionFailed", result.FirstErrorId);
        Assert.Contains("Could not reach localhost:1", result.FirstError.Exception.Message);
    }

    [Fact]
    public void Commands_without_a_connection_say_how_to_connect()
    {
        using var session = new ModuleSession();
        var result = session.Invoke("Get-QlikUser");

        Assert.Equal("NotConnected", result.FirstErrorId);
        Assert.Contains("Connect-QlikSense", result.FirstError.Exception.Message);
    }

    [Fact]
    public async Task Connecting_again_to_the_same_site_closes_the_replaced_connection_but_not_one_to_another_site()
    {
        await using var other = await SimulatedSite.StartAsync();
        using var session = new ModuleSession();
        session.ConnectTo(site);
        session.Invoke("$first = Get-QlikConnection");
        session.ConnectTo(other);
        Assert.False((bool)session.Invoke("$first.IsDisposed").Output.Single().BaseObject);

        session.ConnectTo(site);
        session.Invoke("$second = Get-QlikConnection");
        session.ConnectTo(site);

        Assert.True((bool)session.Invoke("$second.IsDisposed").Output.Single().BaseObject);
        Assert.False((bool)session.Invoke("(Get-QlikConnection).IsDisposed").Output.Single().BaseObject);
        Assert.Equal("ConnectionClosed", session.Invoke("Get-QlikUser -Connection $second").FirstErrorId);
        Assert.Empty(session.Invoke("Get-QlikUser -UserDirectory CORP -UserId ckent -Connection $first").AllErrors);
    }
}
