using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>A simulated site and an engine connection to it, new for every test; <see cref="Prepare"/> runs once both are up.</summary>
public abstract class SimulatedSiteTest : IAsyncLifetime
{
    protected SimulatedSite site;
    protected QlikConnection connection;

    protected virtual SiteOptions Options => new();

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync(Options);
        connection = SimulatedConnection.To(site);
        Prepare();
    }

    /// <summary>More setup for every test of a class.</summary>
    protected virtual void Prepare()
    {
    }

    public virtual async Task DisposeAsync()
    {
        connection.Dispose();
        await site.DisposeAsync();
    }

    /// <summary>A seed user's repository GUID.</summary>
    protected Guid UserKey(string userId, string userDirectory = "CORP") => Guid.Parse((string)site.Store.FindUser(userDirectory, userId)["id"]);
}
