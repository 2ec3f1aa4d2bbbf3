using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>A user's status in /api/v1/users.</summary>
public enum TenantUserStatus
{
    Active,
    Invited,
    Disabled,
    Deleted,
    Provisioned,
}

/// <summary>The two assignable licence types ("professional", "analyzer" on the wire).</summary>
public enum CloudLicenseType
{
    Professional,
    Analyzer,
}

/// <summary>A group a user is assigned to (from the identity provider).</summary>
public sealed record TenantGroup(string Id, string Name);

/// <summary>A user of the tenant. Immutable: the store replaces it on change.</summary>
public sealed record TenantUser(
    string Id,
    string Subject,
    string Name,
    string Email,
    TenantUserStatus Status,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    IReadOnlyList<TenantGroup> Groups,
    IReadOnlyList<string> Roles)
{
    /// <summary>Insertion order, the tiebreak of every sort and the default order of lists.</summary>
    internal long Seq { get; init; }
}

/// <summary>A licence assignment: one per subject. The subject is kept in lower case (see README).</summary>
public sealed record LicenseAssignment(string Subject, CloudLicenseType Type, bool Excess, DateTime Created)
{
    internal long Seq { get; init; }
}

/// <summary>One engine session's licence consumption (/api/v1/licenses/consumption).</summary>
public sealed record ConsumptionRecord(
    string Id,
    string AppId,
    string UserId,
    string SessionId,
    DateTime EndTime,
    TimeSpan Duration,
    string AllotmentId,
    int MinutesUsed,
    int CapacityUsed,
    string LicenseUsage)
{
    /// <summary>Use of an assigned Professional/Analyzer seat: the record that tells when a seat was last used.</summary>
    public const string AssignedLicense = "ASSIGNED_LICENSE";

    /// <summary>Use of analyzer capacity (minutes) by a user without an assigned seat.</summary>
    public const string AnalyzerCapacity = "ANALYZER_CAPACITY";

    internal long Seq { get; init; }
}

/// <summary>An audit event (/api/v1/audits). <see cref="Data"/> is not changed after it is stored.</summary>
public sealed record AuditEvent(string Id, string EventType, DateTime EventTime, string UserId, string Source, JObject Data)
{
    /// <summary>A user was refused a licence (added April 2026; what triggers it exactly is unconfirmed).</summary>
    public const string LicenseRejected = "com.qlik.license.assignment.rejected";

    /// <summary>A sign-in (current name).</summary>
    public const string SessionBegun = "com.qlik.core.user-session.begun";

    /// <summary>A sign-in (deprecated name, still found in older events).</summary>
    public const string SessionBeginDeprecated = "com.qlik.user-session.begin";

    internal long Seq { get; init; }
}

/// <summary>The outcome of one item of a batch action, as the 207 answer carries it.</summary>
/// <param name="Status">201 added, 200 deleted/updated, else the item's error status.</param>
/// <param name="Code">The error code (e.g. LICENSES-011), null on success.</param>
/// <param name="Title">The error title, null on success.</param>
public sealed record BatchItemOutcome(int Status, string Code, string Title)
{
    public bool Succeeded => Status is 200 or 201;
}
