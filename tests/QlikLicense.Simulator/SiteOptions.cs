namespace QlikLicense.Simulator;

/// <summary>How a <see cref="SimulatedSite"/> starts.</summary>
public sealed class SiteOptions
{
    /// <summary>Extra generated users on top of the seed (0 = none).</summary>
    public int GeneratedUsers { get; set; }

    /// <summary>Seed of the generator, so two sites with the same options hold the same data.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>Load the curated seed (tests/QlikLicense.Simulator/seed/site.json).</summary>
    public bool LoadSeed { get; set; } = true;

    /// <summary>Where to write the certificates; kept on dispose. Null: a temporary folder, deleted on dispose.</summary>
    public string CertificateDirectory { get; set; }

    /// <summary>Serve a server certificate from a second, unrelated CA, so clients that trust root.cer reject it.</summary>
    public bool UntrustedServerCertificate { get; set; }

    /// <summary>The site clock (UTC). Set: the clock stands still at this time until moved
    /// (<see cref="SiteClock.Set"/>, <see cref="SiteClock.Advance"/>). Null: real time.</summary>
    public DateTime? Now { get; set; }
}

/// <summary>The two per-user license allocation types.</summary>
public enum AccessKind
{
    Professional,
    Analyzer,
}

/// <summary>States of the License Monitor app the site can be put into.</summary>
public enum LicenseMonitorState
{
    /// <summary>Published in "Monitoring apps", reloaded 3 hours ago, task FinishedSuccess, next run tomorrow.</summary>
    Healthy,
    /// <summary>Published, never reloaded, task never started.</summary>
    NeverReloaded,
    /// <summary>Published, last task run FinishedFail (status 8).</summary>
    LastReloadFailed,
    /// <summary>Published, last reloaded 10 days ago.</summary>
    Stale,
    /// <summary>No published License Monitor (only the unpublished copies).</summary>
    Missing,
}
