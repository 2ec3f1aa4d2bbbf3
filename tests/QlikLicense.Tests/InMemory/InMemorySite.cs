using System.Text.RegularExpressions;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Tests.InMemory;

/// <summary>
/// A Qlik Sense site in memory, behind the engine's seam (<see cref="ISite"/> with license rules, quarantine, log folders
/// and its license): the engine's operations run against it without HTTPS, a simulator or a runspace. Seed it with
/// <see cref="AddUser"/>, <see cref="AddAllocation"/>, <see cref="AddRule"/> and <see cref="Seats"/>; read what the
/// operations did from <see cref="Allocations"/>, <see cref="Rules"/> and <see cref="Calls"/>; make a call fail with
/// <see cref="FailWhen"/>. Rules grant by group: a rule grants the users of every group its text names as
/// <c>user.group="..."</c>, as far as the site needs to know. A site that also keeps shared pools is
/// <see cref="InMemoryPoolSite"/>.
/// </summary>
public class InMemorySite : ISite, ILicenseRuleSite, IQuarantineSite, ILogFileSite, ISiteLicenseReader
{
    private static readonly Regex GroupInRule = new(@"user\.group\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase);

    private readonly List<QlikUser> users = new();
    private readonly List<Held> held = new();
    private readonly List<LicenseRule> rules = new();
    private readonly List<string> calls = new();
    private readonly List<AllocationFilter> allocationFilters = new();
    private readonly List<(LicenseAccessType Type, UserFilter Users)> grantingRuleAudiences = new();

    /// <summary>The operations call from several threads at once (releases in flight): one call at a time, as one server would.</summary>
    private readonly object gate = new();
    private QlikConnection connection;

    /// <param name="kind">What the site says it is: a Qlik Cloud tenant's routine words its licence check for a tenant.</param>
    public InMemorySite(string server = "memory.example", int port = 4242, SiteKind kind = SiteKind.QlikSense)
    {
        Address = new SiteAddress(server, port, null, new Uri($"https://{server}:{port}/"), "in memory", certificateCheckSkipped: false, kind);
    }

    /// <summary>The site's clock: allocations used within <see cref="QuarantineDays"/> of it go into quarantine when released.</summary>
    public DateTime UtcNow { get; set; } = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    public int QuarantineDays { get; set; } = 7;

    /// <summary>Seats per access type the license holds; a type without an entry is not counted (the overview leaves it out).</summary>
    public Dictionary<LicenseAccessType, int> Seats { get; } = new() { [LicenseAccessType.Professional] = 10, [LicenseAccessType.Analyzer] = 10 };

    /// <summary>Access types whose free seats the licence overview leaves out (its row has no <c>available</c>).</summary>
    public HashSet<LicenseAccessType> UncountedSeats { get; } = new();

    /// <summary>What the License Monitor check answers.</summary>
    public LicenseMonitorStatus Monitor { get; set; } = new() { IsOperational = true };

    /// <summary>The folders the site names for its archived logs.</summary>
    public List<string> LogFolders { get; } = new();

    public SiteLicense License { get; set; } = new("0000650077516278", null);

    /// <summary>Whether a quarantined allocation can be given back where it is; false: only by allocating again.</summary>
    public bool ReinstateAccepted { get; set; } = true;

    /// <summary>Whether the site answers a DELETE as done yet keeps the allocation (a server that lost the change).</summary>
    public bool KeepsReleased { get; set; }

    /// <summary>Whether the site answers a POST of an allocation without making it (an answer without an id, a server that lost the change).</summary>
    public bool AnswersWithoutAllocating { get; set; }

    /// <summary>How many tries each DELETE took, as the site's client answers it (more than one: it was retried).</summary>
    public int ReleaseAttempts { get; set; } = 1;

    /// <summary>
    /// Answers a test holds back (<see cref="CallersContext"/>), keyed by the call's name and the access type: a
    /// release, a read-back, a reinstatement and an allocation wait for their gate; each call about a license rule
    /// (read, name check, creation, update, removal) keyed by the rule's name.
    /// </summary>
    internal HeldAnswers HeldAnswers { get; } = new();

    /// <summary>A failure for a call: given the call's name (the seam's method), an exception to throw, or null to answer.</summary>
    public Func<string, Exception> FailWhen { get; set; } = _ => null;

    /// <summary>The seam's methods called, in order: what an operation asked of the site.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (gate) return calls.ToList();
        }
    }

    public SiteAddress Address { get; }

    public SiteCapabilities Capabilities => SiteParts.Capabilities(this);

    /// <summary>The filters <see cref="ReadAllocations"/> was asked with, in order.</summary>
    public IReadOnlyList<AllocationFilter> AllocationFilters
    {
        get
        {
            lock (gate) return allocationFilters.ToList();
        }
    }

    /// <summary>The access types and users <see cref="FindGrantingRulesAsync"/> was asked about, in order.</summary>
    public IReadOnlyList<(LicenseAccessType Type, UserFilter Users)> GrantingRuleAudiences
    {
        get
        {
            lock (gate) return grantingRuleAudiences.ToList();
        }
    }

    /// <summary>The allocations the site holds now, as it would read them.</summary>
    public IReadOnlyList<LicenseAllocation> Allocations
    {
        get
        {
            lock (gate) return held.Select(Read).ToList();
        }
    }

    public IReadOnlyList<LicenseRule> Rules
    {
        get
        {
            lock (gate) return rules.Select(Copy).ToList();
        }
    }

    /// <summary>A connection to this site, which the objects it reads carry.</summary>
    public QlikConnection Connect() => connection ??= new QlikConnection(made =>
    {
        connection = made;
        return this;
    }, "in memory", UtcNow);

    public QlikUser AddUser(string userDirectory, string userId, string name = null, bool removedExternally = false, bool blocked = false, params string[] groups)
    {
        var user = new QlikUser
        {
            Id = Guid.NewGuid(),
            UserDirectory = userDirectory,
            UserId = userId,
            Name = name ?? userId,
            Groups = groups,
            RemovedExternally = removedExternally,
            Blocked = blocked,
            Inactive = removedExternally || blocked,
        };
        users.Add(user);
        return user;
    }

    /// <summary>Takes the user out of the repository, as deleting it in the QMC does: its allocations stay, naming a deleted user.</summary>
    public void DeleteUser(QlikUser user)
    {
        users.RemoveAll(known => known.Id == user.Id);
        foreach (var allocation in held.Where(allocation => allocation.UserKey == user.Id)) allocation.Deleted = true;
    }

    /// <param name="excess">Whether the site marks the allocation as above the license (QRS's <c>excess</c>).</param>
    public LicenseAllocation AddAllocation(LicenseAccessType type, QlikUser user, DateTime? lastUsed = null, bool quarantined = false, bool excess = false)
    {
        var allocation = new Held
        {
            Id = Guid.NewGuid(), Type = type, UserKey = user.Id, LastUsed = lastUsed, Created = UtcNow, Excess = excess,
            QuarantineEnd = quarantined ? UtcNow.AddDays(QuarantineDays) : null,
        };
        held.Add(allocation);
        return Read(allocation);
    }

    public LicenseRule AddRule(string name, LicenseAccessType type, string ruleText, bool disabled = false)
    {
        var rule = new LicenseRule
        {
            Id = Guid.NewGuid(), Name = name, Type = type, Rule = ruleText, Disabled = disabled, Comment = string.Empty,
            AccessGroupId = Guid.NewGuid(), AccessGroupName = name, ModifiedDate = UtcNow, CreatedDate = UtcNow, ModifiedByUserName = "INTERNAL\\sa_repository",
        };
        rules.Add(rule);
        return Copy(rule);
    }

    /// <summary>Someone else changes a rule, as an administrator in the QMC would: a later modified date.</summary>
    public void ChangeRuleOutside(Guid id, string ruleText, string by = "CORP\\otheradmin")
    {
        var rule = rules.Single(known => known.Id == id);
        rule.Rule = ruleText;
        rule.ModifiedDate = UtcNow.AddMinutes(5);
        rule.ModifiedByUserName = by;
    }

    /// <summary>Someone else removes a rule, as an administrator in the QMC would.</summary>
    public void RemoveRuleOutside(Guid id)
    {
        lock (gate) rules.RemoveAll(known => known.Id == id);
    }

    public Task<QlikUser> ReadUserAsync(Guid key, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadUserAsync));
            return Task.FromResult(users.SingleOrDefault(user => user.Id == key)
                ?? throw new SiteException(SiteKind.QlikSense, SiteErrorKind.NotFound, "GET", "/users", 404, $"No user {key}."));
        }
    }

    public IEnumerable<QlikUser> ReadUsers(UserFilter filter, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadUsers));
            return Matching(filter);
        }
    }

    private List<QlikUser> Matching(UserFilter filter) =>
        users.Where(user =>
            (filter.UserId == null || string.Equals(user.UserId, filter.UserId, StringComparison.OrdinalIgnoreCase)) &&
            (filter.UserDirectory == null || string.Equals(user.UserDirectory, filter.UserDirectory, StringComparison.OrdinalIgnoreCase)) &&
            (!filter.InactiveOnly || user.Inactive) &&
            (!filter.RemovedFromDirectoryOnly || user.RemovedExternally || (filter.IncludeBlocked && user.Blocked)) &&
            (filter.Keys == null || filter.Keys.Contains(user.Id))).ToList();

    public IEnumerable<QlikUser> LookUpUsersInBatches(IReadOnlyCollection<Guid> keys, IReadOnlyCollection<UserName> names, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(LookUpUsersInBatches));
            return users.Where(user => keys.Contains(user.Id) || names.Contains(new UserName(user.UserDirectory, user.UserId), UserName.Comparer)).ToList();
        }
    }

    public IEnumerable<QlikUser> LookUpUsersAtOnce(IReadOnlyCollection<UserName> names, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(LookUpUsersAtOnce));
            return users.Where(user => names.Contains(new UserName(user.UserDirectory, user.UserId), UserName.Comparer)).ToList();
        }
    }

    public IEnumerable<string> ReadUserDirectoryNames(string prefix, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadUserDirectoryNames));
            return users.Select(user => user.UserDirectory).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(directory => directory.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    public IEnumerable<LicenseAllocation> ReadAllocations(LicenseAccessType type, AllocationFilter filter, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadAllocations));
            allocationFilters.Add(filter);
            return held.Where(allocation => allocation.Type == type).Select(Read).Where(allocation =>
                (filter.UserId == null || string.Equals(allocation.UserId, filter.UserId, StringComparison.OrdinalIgnoreCase)) &&
                (filter.UserDirectory == null || string.Equals(allocation.UserDirectory, filter.UserDirectory, StringComparison.OrdinalIgnoreCase)) &&
                (filter.UnusedSinceUtc == null || allocation.LastUsed == null || allocation.LastUsed < filter.UnusedSinceUtc) &&
                (filter.Quarantined == null || allocation.Quarantined == filter.Quarantined) &&
                (filter.HeldBy == null || (allocation.UserKey is Guid key && Matching(filter.HeldBy).Any(user => user.Id == key)))).ToList();
        }
    }

    public IEnumerable<LicenseAllocation> LookUpAllocationsInBatches(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(LookUpAllocationsInBatches));
            return held.Where(allocation => allocation.Type == type && userKeys.Contains(allocation.UserKey)).Select(Read).ToList();
        }
    }

    public IEnumerable<LicenseAllocation> LookUpAllocationsAtOnce(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(LookUpAllocationsAtOnce));
            return held.Where(allocation => allocation.Type == type && userKeys.Contains(allocation.UserKey)).Select(Read).ToList();
        }
    }

    public async Task<LicenseAllocation> FindAllocationAsync(LicenseAccessType type, Guid id, SiteCall call)
    {
        await HeldAnswers.Released(nameof(FindAllocationAsync), type.ToString()).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(FindAllocationAsync));
            return held.Where(allocation => allocation.Id == id && allocation.Type == type).Select(Read).SingleOrDefault();
        }
    }

    public Task<IReadOnlyList<LicenseAllocation>> FindAllocationsAsync(LicenseAccessType type, IReadOnlyCollection<Guid> ids, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(FindAllocationsAsync));
            IReadOnlyList<LicenseAllocation> found = held.Where(allocation => ids.Contains(allocation.Id) && allocation.Type == type).Select(Read).ToList();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<LicenseSummary>> ReadSummaryAsync(SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadSummaryAsync));
            IReadOnlyList<LicenseSummary> summaries = Seats.Select(seats =>
            {
                var ofType = held.Where(allocation => allocation.Type == seats.Key).ToList();
                var quarantined = ofType.Count(allocation => allocation.QuarantineEnd != null);
                var allocated = ofType.Count - quarantined;
                return new LicenseSummary
                {
                    Type = seats.Key, Enabled = true, Total = seats.Value, Allocated = allocated, Quarantined = quarantined,
                    Used = ofType.Count(allocation => allocation.QuarantineEnd == null && allocation.LastUsed != null),
                    Available = UncountedSeats.Contains(seats.Key) ? null : Math.Max(0, seats.Value - allocated - quarantined), Excess = 0, Site = Address.Name,
                };
            }).ToList();
            return Task.FromResult(summaries);
        }
    }

    public LicenseMonitorStatus CheckLicenseMonitor(TimeSpan maximumAge, DateTime nowUtc, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(CheckLicenseMonitor));
            Monitor.MaximumAge = maximumAge;
            Monitor.CheckedAt = nowUtc;
            return Monitor;
        }
    }

    public IReadOnlyList<string> ReadArchivedLogFolders(SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadArchivedLogFolders));
            return LogFolders.ToList();
        }
    }

    public Task<SiteLicense> ReadLicenseAsync(SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ReadLicenseAsync));
            return Task.FromResult(License);
        }
    }

    /// <summary>As QRS: an allocation used within the quarantine days stays, quarantined; any other goes at once.</summary>
    public async Task<ReleaseAnswer> ReleaseAsync(LicenseAllocation allocation, SiteCall call)
    {
        await HeldAnswers.Released(nameof(ReleaseAsync), allocation.Type.ToString()).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(ReleaseAsync));
            var stored = held.SingleOrDefault(known => known.Id == allocation.Id);
            if (stored == null) return new ReleaseAnswer(false, ReleaseAttempts);
            if (KeepsReleased) return new ReleaseAnswer(true, ReleaseAttempts);
            if (stored.LastUsed != null && stored.LastUsed.Value > UtcNow.AddDays(-QuarantineDays) && stored.QuarantineEnd == null)
                stored.QuarantineEnd = UtcNow.AddDays(QuarantineDays);
            else
                held.Remove(stored);
            return new ReleaseAnswer(true, ReleaseAttempts);
        }
    }

    public async Task<bool> ReinstateAsync(LicenseAllocation quarantined, SiteCall call)
    {
        await HeldAnswers.Released(nameof(ReinstateAsync), quarantined.Type.ToString()).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(ReinstateAsync));
            var stored = held.SingleOrDefault(known => known.Id == quarantined.Id);
            if (!ReinstateAccepted || stored == null) return false;
            stored.QuarantineEnd = null;
            return true;
        }
    }

    /// <summary>As QRS: refused for a user who holds the type, or when no seat is free; a quarantined allocation of the user is taken over.</summary>
    public async Task<LicenseAllocation> AllocateAsync(LicenseAccessType type, QlikUser user, SiteCall call)
    {
        await HeldAnswers.Released(nameof(AllocateAsync), type.ToString()).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(AllocateAsync));
            if (AnswersWithoutAllocating) return new LicenseAllocation { Type = type, UserKey = user.Id, Connection = connection };
            var userKey = user.Id;
            if (users.All(known => known.Id != userKey))
                throw new SiteException(SiteKind.QlikSense, SiteErrorKind.BadRequest, "POST", "/allocations", 400, $"No user {userKey}.");
            var existing = held.SingleOrDefault(allocation => allocation.Type == type && allocation.UserKey == userKey);
            if (existing != null && existing.QuarantineEnd == null)
                throw new SiteException(SiteKind.QlikSense, SiteErrorKind.Conflict, "POST", "/allocations", 409, "The user holds this access type.");
            if (existing != null)
            {
                existing.QuarantineEnd = null;
                return Read(existing);
            }
            if (Seats.TryGetValue(type, out var total) && held.Count(allocation => allocation.Type == type) >= total)
                throw new SiteException(SiteKind.QlikSense, SiteErrorKind.NoSeatLeft, "POST", "/allocations", 409, $"No {type} seat is free.");
            return AddAllocation(type, users.Single(known => known.Id == userKey));
        }
    }

    public IEnumerable<LicenseRule> ListRules(LicenseAccessType? type, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(ListRules));
            return rules.Where(rule => type == null || rule.Type == type).Select(Copy).ToList();
        }
    }

    public async Task<LicenseRule> ReadRuleAsync(Guid id, SiteCall call)
    {
        string name;
        lock (gate) name = rules.SingleOrDefault(rule => rule.Id == id)?.Name ?? string.Empty;
        await HeldAnswers.Released(nameof(ReadRuleAsync), name).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(ReadRuleAsync));
            return Copy(Stored(id));
        }
    }

    public async Task<bool> RuleNameTakenAsync(string name, SiteCall call)
    {
        await HeldAnswers.Released(nameof(RuleNameTakenAsync), name).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(RuleNameTakenAsync));
            return rules.Any(rule => string.Equals(rule.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IReadOnlyList<LicenseRule> JoinAccessGroups(IReadOnlyCollection<LicenseRule> read, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(JoinAccessGroups));
            foreach (var rule in read) rule.AccessGroupName = rules.SingleOrDefault(known => known.Id == rule.Id)?.AccessGroupName;
            return read.Where(rule => rule.AccessGroupName == null).ToList();
        }
    }

    public async Task<LicenseRule> CreateRuleAsync(LicenseRuleDefinition definition, SiteCall call, SiteCall cleanupCall)
    {
        await HeldAnswers.Released(nameof(CreateRuleAsync), definition.Name).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(CreateRuleAsync));
            var created = AddRule(definition.Name, definition.Type, definition.Rule, definition.Disabled);
            Stored(created.Id).Comment = definition.Comment;
            return Copy(Stored(created.Id));
        }
    }

    public async Task<LicenseRule> UpdateRuleAsync(LicenseRule read, LicenseRuleChange change, SiteCall call)
    {
        await HeldAnswers.Released(nameof(UpdateRuleAsync), read.Name).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(UpdateRuleAsync));
            var stored = Stored(read.Id);
            if (stored.ModifiedDate != read.ModifiedDate) throw LicenseRuleException.Changed(read, Copy(stored));
            stored.Name = change.Name ?? stored.Name;
            stored.Rule = change.Rule ?? stored.Rule;
            stored.Comment = change.Comment ?? stored.Comment;
            stored.Disabled = change.Disabled ?? stored.Disabled;
            stored.ModifiedDate = (stored.ModifiedDate ?? UtcNow).AddSeconds(1);
            return Copy(stored);
        }
    }

    public async Task<bool> RemoveRuleAsync(LicenseRule rule, SiteCall call)
    {
        await HeldAnswers.Released(nameof(RemoveRuleAsync), rule.Name).ConfigureAwait(false);
        lock (gate)
        {
            Ask(nameof(RemoveRuleAsync));
            return rules.RemoveAll(known => known.Id == rule.Id) > 0;
        }
    }

    public Task<LicenseRuleAuditResult> AuditRulesAsync(LicenseAccessType type, Guid? accessGroupId, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(AuditRulesAsync));
            var audited = rules.Where(rule => rule.Type == type && !rule.Disabled && (accessGroupId == null || rule.AccessGroupId == accessGroupId));
            return Task.FromResult(Audit(type, audited.Select(rule => (rule.Rule, (Guid?)rule.Id, rule.Name))));
        }
    }

    public Task<LicenseRuleAuditResult> PreviewRuleAsync(LicenseAccessType type, string ruleText, LicenseRule rule, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(PreviewRuleAsync));
            return Task.FromResult(Audit(type, new[] { (ruleText, rule?.Id, rule?.Name) }));
        }
    }

    public Task<ILookup<Guid, string>> FindGrantingRulesAsync(LicenseAccessType type, UserFilter users, SiteCall call)
    {
        lock (gate)
        {
            Ask(nameof(FindGrantingRulesAsync));
            grantingRuleAudiences.Add((type, users));
            var audience = users == null ? null : Matching(users).Select(user => user.Id).ToHashSet();
            var granting = rules.Where(rule => rule.Type == type && !rule.Disabled)
                .SelectMany(rule => Matched(rule.Rule).Where(user => audience == null || audience.Contains(user.Id)).Select(user => (user.Id, rule.Name)))
                .Distinct()
                .OrderBy(pair => pair.Name, StringComparer.OrdinalIgnoreCase);
            return Task.FromResult(granting.ToLookup(pair => pair.Id, pair => pair.Name ?? string.Empty));
        }
    }

    public void Dispose()
    {
    }

    /// <summary>Records a call of a part a derived site adds, under the same lock as the seam's own calls.</summary>
    protected void Record(string name)
    {
        lock (gate) Ask(name);
    }

    private void Ask(string name)
    {
        calls.Add(name);
        if (FailWhen(name) is { } failure) throw failure;
    }

    private LicenseRuleAuditResult Audit(LicenseAccessType type, IEnumerable<(string Text, Guid? Id, string Name)> applied)
    {
        var matches = applied.SelectMany(rule => Matched(rule.Text).Select(user => new LicenseRuleMatch(
            new MatchedUser { Id = user.Id, UserDirectory = user.UserDirectory, UserId = user.UserId, Name = user.Name, Type = type },
            rule.Id ?? Guid.Empty, rule.Name, ruleDisabled: false))).ToList();
        return new LicenseRuleAuditResult(type, 1, matches, Array.Empty<string>());
    }

    private IEnumerable<QlikUser> Matched(string ruleText)
    {
        var groups = GroupInRule.Matches(ruleText).Select(match => match.Groups[1].Value).ToList();
        return users.Where(user => user.Groups.Any(group => groups.Contains(group, StringComparer.OrdinalIgnoreCase)));
    }

    private LicenseRule Stored(Guid id) => rules.SingleOrDefault(rule => rule.Id == id) ?? throw LicenseRuleException.NotFound(id, Address.Name);

    private LicenseRule Copy(LicenseRule rule) => new()
    {
        Id = rule.Id, Name = rule.Name, Type = rule.Type, Rule = rule.Rule, Disabled = rule.Disabled, Comment = rule.Comment,
        AccessGroupId = rule.AccessGroupId, AccessGroupName = rule.AccessGroupName, ModifiedDate = rule.ModifiedDate,
        ModifiedByUserName = rule.ModifiedByUserName, CreatedDate = rule.CreatedDate, Connection = connection,
    };

    private LicenseAllocation Read(Held allocation)
    {
        var user = allocation.Deleted ? null : users.SingleOrDefault(known => known.Id == allocation.UserKey);
        return new LicenseAllocation
        {
            Id = allocation.Id,
            Type = allocation.Type,
            UserKey = user?.Id,
            UserDirectory = user?.UserDirectory,
            UserId = user?.UserId,
            UserName = user?.Name,
            DeletedUser = user == null,
            LastUsed = allocation.LastUsed,
            Quarantined = allocation.QuarantineEnd != null,
            QuarantineEnd = allocation.QuarantineEnd,
            CreatedDate = allocation.Created,
            Excess = allocation.Excess,
            Connection = connection,
        };
    }

    /// <summary>An allocation as the site stores it.</summary>
    private sealed class Held
    {
        public Guid Id { get; init; }
        public LicenseAccessType Type { get; init; }
        public Guid UserKey { get; init; }
        public DateTime? LastUsed { get; init; }
        public DateTime Created { get; init; }
        public bool Excess { get; init; }
        public DateTime? QuarantineEnd { get; set; }
        public bool Deleted { get; set; }
    }
}
