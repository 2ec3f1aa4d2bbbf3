using System.Net;
using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Module.Tests;

/// <summary>
/// A simulated Qlik Cloud tenant, a session connected to it with its API key (Connect-QlikCloud), and a scratch folder
/// ($temp in the session), new for every test. The tenant's request log starts empty, after the connection check.
/// </summary>
public abstract class TenantSessionTest : IAsyncLifetime
{
    protected SimulatedTenant tenant;
    protected ModuleSession session;
    protected string tempFolder;

    protected virtual TenantOptions Options => new();

    public async Task InitializeAsync()
    {
        tenant = await SimulatedTenant.StartAsync(Options);
        tempFolder = Path.Combine(Path.GetTempPath(), "qliklicense-tenant-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempFolder);
        session = new ModuleSession();
        session.SetVariable("QlikSimApiKey", new NetworkCredential(string.Empty, tenant.Credentials.ApiKey).SecurePassword);
        session.SetVariable("temp", tempFolder);
        var connected = session.Invoke(ConnectScript("-ApiKey $QlikSimApiKey"));
        if (connected.Terminating != null) throw new InvalidOperationException("Connect-QlikCloud failed: " + connected.Terminating.Message);
        tenant.Requests.Clear();
    }

    protected string ConnectScript(string credentials) =>
        $"Connect-QlikCloud -Tenant {tenant.BaseAddress.AbsoluteUri} {credentials} -CaCertificatePath '{tenant.CaCertificatePath}'";

    public virtual async Task DisposeAsync()
    {
        session.Dispose();
        await tenant.DisposeAsync();
        if (Directory.Exists(tempFolder)) Directory.Delete(tempFolder, recursive: true);
    }
}
