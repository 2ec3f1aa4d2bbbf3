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

    /// <summary>The licence the site runs; the seed's holders, quarantine and rules are carried into it.</summary>
    public LicenseModelKind LicenseModel { get; set; }

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

/// <summary>The per-user license allocation types: Professional and Analyzer seats, and a token licence's user access passes.</summary>
public enum AccessKind
{
    Professional,
    Analyzer,
    UserAccess,
}

/// <summary>The licence a simulated site runs (<see cref="SiteOptions.LicenseModel"/>; see <see cref="LicenseModelSeed"/>).</summary>
public enum LicenseModelKind
{
    /// <summary>Professional and Analyzer seats (the seed as it is).</summary>
    UserBased,
    /// <summary>Tokens: the seed's seat holders hold user access passes instead, plus login access groups.</summary>
    Token,
    /// <summary>Professional seats and analyzer capacity minutes instead of Analyzer seats.</summary>
    Capacity,
    /// <summary>Professional and Analyzer seats, analyzer capacity, and tokens, all at once.</summary>
    Mixed,
}

/// <summary>
/// When a released user access pass leaves quarantine. Qlik's help says 7 days counting from its last use; this
/// simulator's Professional and Analyzer seats count from the release. Which one a live site does is unconfirmed, so
/// clients can be tested against both.
/// </summary>
public enum PassQuarantine
{
    /// <summary>Quarantined until 7 days after the pass was last used (Qlik's help).</summary>
    FromLastUse,
    /// <summary>Quarantined for 7 days from the release, as the simulated seats are.</summary>
    FromRelease,
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
