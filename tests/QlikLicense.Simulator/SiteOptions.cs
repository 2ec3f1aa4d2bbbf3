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

/// <summary>
/// How the site takes a quarantined allocation back (the QMC's "Reinstate"; its QRS call is unconfirmed), so
/// clients can be tested against each possibility.
/// </summary>
public enum ReinstateBehaviour
{
    /// <summary>A PUT of the allocation with quarantined false, or a POST for the user, both reinstate it.</summary>
    PutOrPost,
    /// <summary>Only the PUT reinstates; a POST for a user whose allocation is in quarantine is refused (400).</summary>
    PutOnly,
    /// <summary>Only the POST reinstates; a PUT with quarantined false is refused (400).</summary>
    PostOnly,
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
