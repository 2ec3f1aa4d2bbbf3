using QlikLicense.Model;

namespace QlikLicense.Tests.InMemory;

/// <summary>
/// The site in memory with the shared pools a site on tokens or analyzer capacity keeps (<see cref="ISharedAccessSite"/>):
/// it answers the login access groups and periods of capacity use it is given, and records since when each was asked.
/// </summary>
public sealed class InMemoryPoolSite : InMemorySite, ISharedAccessSite
{
    private readonly List<DateTime> capacityAskedSince = new();
    private readonly List<DateTime> loginGroupsAskedSince = new();

    /// <summary>The periods of analyzer capacity use the site keeps; those that started since the time asked are answered.</summary>
    public List<AnalyzerCapacityUse> CapacityUses { get; } = new();

    /// <summary>The login access groups the site answers, whatever the time asked.</summary>
    public List<LoginAccessGroup> LoginAccessGroups { get; } = new();

    /// <summary>The times <see cref="ReadAnalyzerCapacityUse"/> was asked since, in order.</summary>
    public IReadOnlyList<DateTime> CapacityAskedSince
    {
        get
        {
            lock (capacityAskedSince) return capacityAskedSince.ToList();
        }
    }

    /// <summary>The times <see cref="ReadLoginAccessGroups"/> was asked for use since, in order.</summary>
    public IReadOnlyList<DateTime> LoginGroupsAskedSince
    {
        get
        {
            lock (loginGroupsAskedSince) return loginGroupsAskedSince.ToList();
        }
    }

    public IReadOnlyList<LoginAccessGroup> ReadLoginAccessGroups(DateTime usedSinceUtc, SiteCall call)
    {
        Record(nameof(ReadLoginAccessGroups));
        lock (loginGroupsAskedSince) loginGroupsAskedSince.Add(usedSinceUtc);
        return LoginAccessGroups.ToList();
    }

    public IEnumerable<AnalyzerCapacityUse> ReadAnalyzerCapacityUse(DateTime sinceUtc, SiteCall call)
    {
        Record(nameof(ReadAnalyzerCapacityUse));
        lock (capacityAskedSince) capacityAskedSince.Add(sinceUtc);
        return CapacityUses.Where(use => use.Start >= sinceUtc).ToList();
    }
}
