namespace QlikLicense.Simulator.Cloud;

/// <summary>How a <see cref="SimulatedTenant"/> starts.</summary>
public sealed class TenantOptions
{
    /// <summary>Extra generated users on top of the curated seed (0 = none).</summary>
    public int GeneratedUsers { get; set; }

    /// <summary>Seed of the generator, so two tenants with the same options hold the same data.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>Load the curated seed (<see cref="TenantSeed"/>).</summary>
    public bool LoadSeed { get; set; } = true;

    /// <summary>Where to write root.cer; kept on dispose. Null: a temporary folder, deleted on dispose.</summary>
    public string CertificateDirectory { get; set; }

    /// <summary>Serve a server certificate from a second, unrelated CA, so clients that trust root.cer reject it.</summary>
    public bool UntrustedServerCertificate { get; set; }

    /// <summary>The tenant clock (UTC). Set: the clock stands still at this time until moved. Null: real time.
    /// Token and API key expiry, the 90-day audit window and the seed's dates follow this clock.</summary>
    public DateTime? Now { get; set; }

    /// <summary>User-based (Professional/Analyzer seats) or capacity-based subscription.</summary>
    public TenantSubscription Subscription { get; set; } = TenantSubscription.UserBased;
}

/// <summary>The kind of Qlik Cloud subscription the tenant simulates.</summary>
public enum TenantSubscription
{
    /// <summary>Professional and Analyzer seats, analyzer capacity, auto-assignment switches.</summary>
    UserBased,

    /// <summary>Every user who signs in counts as a "Full User"; no seats to assign, no auto-assignment switches
    /// (the overview's shape for this kind is unconfirmed: see README).</summary>
    CapacityBased,
}
