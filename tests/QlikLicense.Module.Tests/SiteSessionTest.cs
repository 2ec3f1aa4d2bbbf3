namespace QlikLicense.Module.Tests;

/// <summary>
/// A simulated site, a session connected to it, and a scratch folder ($temp in the session), new for every test.
/// The site's request log starts empty, after the connection check and any preparation.
/// </summary>
public abstract class SiteSessionTest : IAsyncLifetime
{
    protected SimulatedSite site;
    protected ModuleSession session;
    protected string tempFolder;

    /// <summary>How the simulated site starts (its licence model, clock...).</summary>
    protected virtual SiteOptions SiteOptions => new();

    /// <summary>Extra parameters for Connect-QlikSense.</summary>
    protected virtual string ConnectParameters => string.Empty;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync(SiteOptions);
        tempFolder = Path.Combine(Path.GetTempPath(), "qliklicense-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempFolder);
        session = new ModuleSession();
        session.ConnectTo(site, ConnectParameters);
        session.SetVariable("temp", tempFolder);
        Prepare();
        site.Requests.Clear();
    }

    /// <summary>More setup for every test of a class, run after connecting.</summary>
    protected virtual void Prepare()
    {
    }

    public virtual async Task DisposeAsync()
    {
        session.Dispose();
        await site.DisposeAsync();
        if (Directory.Exists(tempFolder)) Directory.Delete(tempFolder, recursive: true);
    }
}
