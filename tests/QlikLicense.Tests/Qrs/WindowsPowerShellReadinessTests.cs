using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using QlikLicense.Qrs;
using Xunit;
using QlikLicense.Transport;

namespace QlikLicense.Tests.Qrs;

/// <summary>What can be tested on Linux of the per-connection fixes for Windows PowerShell 5.1 (.NET Framework).</summary>
public sealed class WindowsPowerShellReadinessTests
{
    [Theory]
    [InlineData(SecurityProtocolType.Tls)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11)]
#pragma warning disable SYSLIB0039, CS0618 // powershell.exe's default: SSL 3 and TLS 1.0
    [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls)]
#pragma warning restore SYSLIB0039, CS0618
    public void A_process_default_without_TLS_1_2_gets_TLS_1_2_and_1_3_on_the_connection_handler(SecurityProtocolType processDefault)
    {
        using var handler = new HttpClientHandler();
        TransportSettings.Apply(handler, processDefault);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, handler.SslProtocols);
    }

    [Theory]
    [InlineData((SecurityProtocolType)0)]
    [InlineData(SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    public void A_process_default_with_TLS_1_2_or_left_to_the_system_is_left_alone(SecurityProtocolType processDefault)
    {
        using var handler = new HttpClientHandler();
        var before = handler.SslProtocols;
        TransportSettings.Apply(handler, processDefault);
        Assert.Equal(before, handler.SslProtocols);
    }

    [Fact]
    public void The_handler_allows_more_connections_per_server_than_the_largest_throttle_limit()
    {
        using var handler = new HttpClientHandler();
        TransportSettings.Apply(handler, (SecurityProtocolType)0);
        Assert.True(handler.MaxConnectionsPerServer >= 32);
    }

    [Fact]
    public void Setting_up_a_connection_leaves_the_process_wide_protocols_alone()
    {
        var before = ServicePointManager.SecurityProtocol;
        using var client = new QrsClient(new QrsConnectionSettings { Server = "localhost", Port = 1, Authentication = new HeaderAuthentication("X-Qlik-User", "admin") });
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
    }

    [Fact]
    public async Task A_failed_handshake_names_TLS_versions_as_a_possible_cause()
    {
        // A server that answers the TLS client hello with plain text: the handshake fails before any certificate is seen.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                using var socket = await listener.AcceptSocketAsync();
                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"), SocketFlags.None);
                socket.Shutdown(SocketShutdown.Both);
            }
        });
        using var client = new QrsClient(new QrsConnectionSettings
        {
            Server = "localhost", Port = port, MaxRetries = 0, Authentication = new HeaderAuthentication("X-Qlik-User", "admin"),
        });

        var error = await Assert.ThrowsAnyAsync<QrsException>(() => client.GetAsync("/qrs/about", new SiteCall(CancellationToken.None)));

        Assert.Contains("TLS handshake failed", error.Message);
        Assert.Contains("TLS 1.2", error.Message);
        Assert.Contains("TLS 1.0 or 1.1", error.Message);
    }

    [Theory]
    [InlineData(".NET Framework 4.6.1590.0")]
    [InlineData(".NET Framework 4.7.2053.0")]
    [InlineData(".NET Framework 4.7.2117.0")]
    public void The_module_refuses_NET_Framework_older_than_4_7_1_with_a_clear_message(string framework)
    {
        var message = FrameworkCheck.UnsupportedFrameworkMessage(framework);
        Assert.NotNull(message);
        Assert.Contains("4.7.1 or later", message);
        Assert.Contains(framework, message);
    }

    [Theory]
    [InlineData(".NET Framework 4.7.2558.0")]
    [InlineData(".NET Framework 4.7.3190.0")]
    [InlineData(".NET Framework 4.8.9032.0")]
    [InlineData(".NET 10.0.0")]
    [InlineData(".NET Core 3.1.32")]
    public void The_module_loads_on_NET_Framework_4_7_1_and_later_and_on_NET(string framework) =>
        Assert.Null(FrameworkCheck.UnsupportedFrameworkMessage(framework));
}
