using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// The site's data: one JObject per entity (the /full shape), per type (<see cref="QrsTypes"/>), keyed by id.
/// Thread-safe. Stored objects are treated as immutable: changes replace the object (<see cref="Replace"/>), so a
/// list handed out stays consistent while the site changes. Do not modify what <see cref="All"/> or
/// <see cref="Find"/> return; clone it and <see cref="Replace"/> it.
/// </summary>
public sealed class SiteStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<Guid, JObject>> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid> _usersByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Type, Guid User), Guid> _allocationsByUser = new();
    private DateTime _nextQuarantineEnd = DateTime.MaxValue;
    private int _professionalTotal = 25;
    private int _analyzerTotal = 50;
    private int _totalTokens;
    private int _capacityMinutes;
    // Each site its own license unless a test gives two sites the same one.
    private static int _sitesMade;
    private string _licenseSerial = "9999" + Interlocked.Increment(ref _sitesMade).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    private string _licenseKey = "";
    private DateTime? _licenseEnd;
    private LicenseEndReading _licenseEndReading;
    private bool _licenseExpired;

    internal SiteStore(SiteClock clock)
    {
        Clock = clock;
        foreach (var type in EntityShapes.KnownTypes) _entities[type] = new Dictionary<Guid, JObject>();
    }

    public SiteClock Clock { get; }

    /// <summary>How a quarantined allocation can be reinstated; settable while the site runs.</summary>
    public ReinstateBehaviour Reinstate { get; set; }

    public int ProfessionalTotal { get { lock (_gate) return _professionalTotal; } }
    public int AnalyzerTotal { get { lock (_gate) return _analyzerTotal; } }

    /// <summary>The seats of a seat type; user access passes are counted in tokens (<see cref="TotalTokens"/>).</summary>
    public int Total(AccessKind kind) => kind == AccessKind.Professional ? ProfessionalTotal : kind == AccessKind.Analyzer ? AnalyzerTotal : 0;

    /// <summary>The tokens of a token licence (0: the licence has none). User access passes and login access groups take them.</summary>
    public int TotalTokens { get { lock (_gate) return _totalTokens; } }

    public void SetTokens(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        lock (_gate) _totalTokens = total;
    }

    /// <summary>Tokens a user access pass costs, as the overview's userAccess.tokenCost says (1 by Qlik's help; settable, as token costs are unconfirmed).</summary>
    public double UserAccessTokenCost { get; set; } = 1;

    /// <summary>Tokens a login access pass costs: a tenth, ten passes a token (Qlik's help).</summary>
    public double LoginAccessTokenCost { get; set; } = 0.1;

    /// <summary>When a released user access pass leaves quarantine; settable while the site runs.</summary>
    public PassQuarantine PassQuarantine { get; set; }

    /// <summary>Analyzer capacity minutes a month (0: the licence has none).</summary>
    public int CapacityMinutes { get { lock (_gate) return _capacityMinutes; } }

    /// <summary>Gives the licence analyzer capacity, with the pool /qrs/license/analyzertimeaccesstype lists.</summary>
    public void SetAnalyzerCapacity(int minutesPerMonth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutesPerMonth);
        lock (_gate)
        {
            _capacityMinutes = minutesPerMonth;
            var id = EntityShapes.StableGuid("analyzertimeaccesstype:Analyzer capacity");
            Table(QrsTypes.AnalyzerTimeAccessType)[id] = EntityShapes.AnalyzerTimeAccessType(id, "Analyzer capacity", minutesPerMonth, Clock.UtcNow, EntityShapes.SystemActor);
        }
    }

    public void SetLicenseTotals(int professional, int analyzer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(professional);
        ArgumentOutOfRangeException.ThrowIfNegative(analyzer);
        lock (_gate)
        {
            _professionalTotal = professional;
            _analyzerTotal = analyzer;
        }
    }

    /// <summary>The license's serial number, as GET /qrs/license gives it; different on every site made, unless set.</summary>
    public string LicenseSerial { get { lock (_gate) return _licenseSerial; } }

    /// <summary>The signed license key GET /qrs/license gives in <c>key</c>; empty for a site licensed by serial and control number.</summary>
    public string LicenseKey { get { lock (_gate) return _licenseKey; } }

    /// <summary>The last day the license is valid; null (the default) for a license without an end.</summary>
    public DateTime? LicenseEnd { get { lock (_gate) return _licenseEnd; } }

    /// <summary>Where GET /qrs/license tells <see cref="LicenseEnd"/>: the signed key's details or the license file (both readings are unconfirmed).</summary>
    public LicenseEndReading LicenseEndReading { get { lock (_gate) return _licenseEndReading; } }

    /// <summary>GET /qrs/license's <c>isExpired</c>.</summary>
    public bool LicenseExpired { get { lock (_gate) return _licenseExpired; } }

    /// <summary>Sets when the license ends and how GET /qrs/license tells it; <paramref name="expired"/> sets <c>isExpired</c>.</summary>
    public void SetLicenseEnd(DateTime? lastDayUtc, LicenseEndReading reading = LicenseEndReading.SignedKey, bool expired = false)
    {
        lock (_gate)
        {
            _licenseEnd = lastDayUtc?.Date;
            _licenseEndReading = reading;
            _licenseExpired = expired;
        }
    }

    /// <summary>Puts the site on this license, e.g. the same as another site's.</summary>
    public void SetLicense(string serial, string key = "")
    {
        ArgumentNullException.ThrowIfNull(serial);
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _licenseSerial = serial;
            _licenseKey = key;
        }
    }

    public IReadOnlyList<JObject> All(string type)
    {
        lock (_gate)
        {
            ReleaseExpiredQuarantinesLocked();
            return Table(type).Values.ToArray();
        }
    }

    public int Count(string type)
    {
        lock (_gate)
        {
            ReleaseExpiredQuarantinesLocked();
            return Table(type).Count;
        }
    }

    public JObject Find(string type, Guid id)
    {
        lock (_gate)
        {
            ReleaseExpiredQuarantinesLocked();
            return Table(type).GetValueOrDefault(id);
        }
    }

    public JObject FindUser(string userDirectory, string userId)
    {
        lock (_gate)
        {
            return _usersByName.TryGetValue(UserKey(userDirectory, userId), out var id) ? Table(QrsTypes.User)[id] : null;
        }
    }

    /// <summary>The user's allocation of <paramref name="kind"/> (quarantined or not), or null.</summary>
    public JObject FindAllocation(AccessKind kind, Guid userGuid)
    {
        var type = QrsTypes.AccessType(kind);
        lock (_gate)
        {
            ReleaseExpiredQuarantinesLocked();
            return _allocationsByUser.TryGetValue((type, userGuid), out var id) ? Table(type)[id] : null;
        }
    }

    /// <summary>Stores <paramref name="entity"/> (which must carry an "id") as a new entity.</summary>
    public JObject Add(string type, JObject entity)
    {
        var id = IdOf(entity);
        lock (_gate)
        {
            var table = Table(type);
            if (table.ContainsKey(id)) throw new InvalidOperationException($"{type} {id} exists already.");
            if (type == QrsTypes.User && _usersByName.ContainsKey(UserKey(entity)))
                throw new InvalidOperationException($"User {UserKey(entity)} exists already.");
            if (QrsTypes.IsAccessType(type) && Guid.TryParse((entity["user"] as JObject)?.Value<string>("id"), out var userGuid) &&
                _allocationsByUser.ContainsKey((type, userGuid)))
                throw new InvalidOperationException($"User {userGuid} has a {type} allocation already.");
            table[id] = entity;
            IndexLocked(type, entity);
        }

        return entity;
    }

    /// <summary>Replaces the stored entity with the same id.</summary>
    public JObject Replace(string type, JObject entity)
    {
        var id = IdOf(entity);
        lock (_gate)
        {
            var table = Table(type);
            if (!table.TryGetValue(id, out var old)) throw new KeyNotFoundException($"{type} {id} does not exist.");
            UnindexLocked(type, old);
            table[id] = entity;
            IndexLocked(type, entity);
        }

        return entity;
    }

    public bool Remove(string type, Guid id)
    {
        lock (_gate)
        {
            var table = Table(type);
            if (!table.Remove(id, out var old)) return false;
            UnindexLocked(type, old);
            return true;
        }
    }

    /// <summary>Runs <paramref name="change"/> under the store's lock, for read-check-write sequences.</summary>
    internal T Atomically<T>(Func<T> change)
    {
        lock (_gate)
        {
            ReleaseExpiredQuarantinesLocked();
            return change();
        }
    }

    public JObject AddUser(string userDirectory, string userId, string name, IEnumerable<string> groups = null,
        bool removedExternally = false, bool blacklisted = false) =>
        AddUser(Guid.NewGuid(), userDirectory, userId, name, groups?.Select(group => ("Group", group)), removedExternally, blacklisted);

    internal JObject AddUser(Guid id, string userDirectory, string userId, string name, IEnumerable<(string Type, string Value)> attributes,
        bool removedExternally, bool blacklisted, DateTime? createdUtc = null)
    {
        EnsureUserDirectory(userDirectory);
        return Add(QrsTypes.User, EntityShapes.User(id, userDirectory, userId, name, attributes, removedExternally, blacklisted,
            createdUtc ?? Clock.UtcNow, EntityShapes.SystemActor));
    }

    /// <summary>The user directory connector a user comes from, as /qrs/userdirectory lists it.</summary>
    private void EnsureUserDirectory(string userDirectory)
    {
        var id = EntityShapes.StableGuid("userdirectory:" + userDirectory.ToUpperInvariant());
        lock (_gate)
        {
            var table = Table(QrsTypes.UserDirectory);
            if (table.ContainsKey(id)) return;
            table[id] = EntityShapes.UserDirectory(id, userDirectory, Clock.UtcNow, EntityShapes.SystemActor);
        }
    }

    /// <summary>Allocates <paramref name="kind"/> to the user, bypassing seat checks (for setting a site up).</summary>
    /// <param name="lastUsedUtc">Null: never used (stored as 1753-01-01T00:00:00.000Z).</param>
    /// <param name="createdUtc">When the allocation was made (createdDate); the site clock's now when null.</param>
    public JObject AddAllocation(AccessKind kind, Guid userGuid, DateTime? lastUsedUtc, bool quarantined = false, DateTime? quarantineEndUtc = null,
        DateTime? createdUtc = null)
    {
        var user = Find(QrsTypes.User, userGuid) ?? throw new KeyNotFoundException($"User {userGuid} does not exist.");
        var end = quarantined ? quarantineEndUtc ?? Clock.UtcNow.AddDays(7) : quarantineEndUtc;
        return Add(QrsTypes.AccessType(kind), EntityShapes.Allocation(kind, Guid.NewGuid(), user, lastUsedUtc, quarantined, end,
            "", "", createdUtc ?? Clock.UtcNow, EntityShapes.SystemActor));
    }

    /// <summary>Tags the user (QMC tags), as an administrator marks users never to release.</summary>
    public JObject TagUser(Guid userGuid, params string[] tags) => ChangeUser(userGuid, user =>
    {
        var list = (JArray)user["tags"];
        foreach (var tag in tags) list.Add(EntityShapes.Tag(tag));
    });

    /// <summary>Gives the user a value of a custom property (a property may hold several values).</summary>
    public JObject SetCustomProperty(Guid userGuid, string name, string value) => ChangeUser(userGuid, user =>
        ((JArray)user["customProperties"]).Add(EntityShapes.CustomPropertyValue(name, value, Clock.UtcNow, EntityShapes.SystemActor)));

    private JObject ChangeUser(Guid userGuid, Action<JObject> change)
    {
        var user = (JObject)(Find(QrsTypes.User, userGuid) ?? throw new KeyNotFoundException($"User {userGuid} does not exist.")).DeepClone();
        change(user);
        user["modifiedDate"] = QrsDates.Format(Clock.UtcNow);
        return Replace(QrsTypes.User, user);
    }

    /// <summary>
    /// Marks the allocations of <paramref name="kind"/> beyond the license's seats as <c>excess</c>: the most recently
    /// made ones (which ones QRS marks is unconfirmed); the others lose the mark. Returns how many are marked.
    /// </summary>
    public int MarkExcess(AccessKind kind)
    {
        var type = QrsTypes.AccessType(kind);
        return Atomically(() =>
        {
            var held = All(type).Where(allocation => allocation.Value<bool?>("quarantined") != true)
                .OrderBy(allocation => allocation.Value<string>("createdDate"), StringComparer.Ordinal).ThenBy(allocation => allocation.Value<string>("id"), StringComparer.Ordinal).ToList();
            var over = Math.Max(0, held.Count - Total(kind));
            for (var index = 0; index < held.Count; index++)
            {
                var excess = index >= held.Count - over;
                if (held[index].Value<bool?>("excess") == excess) continue;
                var changed = (JObject)held[index].DeepClone();
                changed["excess"] = excess;
                Replace(type, changed);
            }
            return over;
        });
    }

    /// <summary>A quarantined allocation whose user was deleted: user null, deletedUserId/Directory set.</summary>
    public JObject AddDeletedUserAllocation(AccessKind kind, string deletedUserDirectory, string deletedUserId, DateTime? lastUsedUtc, DateTime quarantineEndUtc) =>
        Add(QrsTypes.AccessType(kind), EntityShapes.Allocation(kind, Guid.NewGuid(), null, lastUsedUtc, true, quarantineEndUtc,
            deletedUserId, deletedUserDirectory, Clock.UtcNow, EntityShapes.SystemActor));

    /// <summary>A license rule as the QMC makes it: an access group plus a License system rule for it.</summary>
    /// <returns>The system rule.</returns>
    public JObject AddLicenseRule(AccessKind kind, string name, string ruleText, bool disabled = false)
    {
        var now = Clock.UtcNow;
        var group = Add(QrsTypes.AccessGroup(kind), EntityShapes.AccessGroup(kind, Guid.NewGuid(), name, now, EntityShapes.SystemActor));
        var prefix = $"License.{QrsTypes.Prefix(kind)}AccessGroup_";
        return Add(QrsTypes.SystemRule, EntityShapes.SystemRule(Guid.NewGuid(), "License", name, ruleText,
            prefix + group.Value<string>("id"), disabled, now, EntityShapes.SystemActor));
    }

    /// <summary>A login access group with <paramref name="tokens"/> tokens (ten passes each).</summary>
    public JObject AddLoginAccessGroup(string name, int tokens) =>
        Add(QrsTypes.LoginAccessType, EntityShapes.LoginAccessType(Guid.NewGuid(), name, tokens, Clock.UtcNow, EntityShapes.SystemActor));

    /// <summary>A license rule that lets the users it names use a login access group's passes (resource filter License.LoginAccessType_&lt;id&gt;).</summary>
    public JObject AddLoginAccessRule(JObject group, string name, string ruleText, bool disabled = false) =>
        Add(QrsTypes.SystemRule, EntityShapes.SystemRule(Guid.NewGuid(), "License", name, ruleText,
            "License.LoginAccessType_" + group.Value<string>("id"), disabled, Clock.UtcNow, EntityShapes.SystemActor));

    /// <summary>A login access pass the user used at <paramref name="startUtc"/> (a pass lasts 60 minutes).</summary>
    public JObject AddLoginUse(JObject group, Guid userGuid, DateTime startUtc)
    {
        var user = Find(QrsTypes.User, userGuid) ?? throw new KeyNotFoundException($"User {userGuid} does not exist.");
        return Add(QrsTypes.LoginAccessUsage, EntityShapes.Usage("License.LoginAccessUsage", "loginAccessType", group, Guid.NewGuid(), user,
            startUtc, startUtc.AddMinutes(60), startUtc.AddMinutes(45), EntityShapes.SystemActor));
    }

    /// <summary>A period of analyzer capacity use by the user, from <paramref name="startUtc"/> for <paramref name="minutes"/> minutes of activity.</summary>
    public JObject AddCapacityUse(Guid userGuid, DateTime startUtc, double minutes)
    {
        var user = Find(QrsTypes.User, userGuid) ?? throw new KeyNotFoundException($"User {userGuid} does not exist.");
        var pool = All(QrsTypes.AnalyzerTimeAccessType).FirstOrDefault() ?? throw new InvalidOperationException("The licence has no analyzer capacity: SetAnalyzerCapacity first.");
        var stop = startUtc.AddMinutes(minutes);
        return Add(QrsTypes.AnalyzerTimeAccessUsage, EntityShapes.Usage("License.AnalyzerTimeAccessUsage", "analyzerTimeAccessType", pool, Guid.NewGuid(), user,
            startUtc, stop, stop, EntityShapes.SystemActor));
    }

    /// <summary>Sets the servicecluster's shared persistence root (e.g. \\qlikserver1\QlikShare).</summary>
    public JObject SetServiceCluster(string shareRoot)
    {
        var id = EntityShapes.StableGuid("servicecluster:ServiceCluster");
        var cluster = EntityShapes.ServiceCluster(id, "ServiceCluster", shareRoot, Clock.UtcNow, EntityShapes.SystemActor);
        lock (_gate)
        {
            Table(QrsTypes.ServiceCluster)[id] = cluster;
        }

        return cluster;
    }

    /// <summary>Puts the License Monitor app and its reload task into <paramref name="state"/>, next to the
    /// unpublished copies real sites keep ("License Monitor", "License Monitor_17.6.1.0").</summary>
    public void SetLicenseMonitor(LicenseMonitorState state) => LicenseMonitor.Apply(this, state);

    internal static string UserKey(string userDirectory, string userId) => userDirectory + "\\" + userId;

    private static string UserKey(JObject user) => UserKey(user.Value<string>("userDirectory"), user.Value<string>("userId"));

    private static Guid IdOf(JObject entity) =>
        Guid.TryParse(entity?.Value<string>("id"), out var id) ? id : throw new ArgumentException("The entity needs an id.", nameof(entity));

    private Dictionary<Guid, JObject> Table(string type) =>
        _entities.TryGetValue(type, out var table) ? table : throw new ArgumentException($"Unknown entity type '{type}'.", nameof(type));

    private void IndexLocked(string type, JObject entity)
    {
        if (type == QrsTypes.User)
        {
            _usersByName[UserKey(entity)] = IdOf(entity);
        }
        else if (QrsTypes.IsAccessType(type))
        {
            if (Guid.TryParse((entity["user"] as JObject)?.Value<string>("id"), out var userGuid)) _allocationsByUser[(type, userGuid)] = IdOf(entity);
            if (entity.Value<bool?>("quarantined") == true && QrsDates.TryParse(entity.Value<string>("quarantineEnd"), out var end) && end < _nextQuarantineEnd)
                _nextQuarantineEnd = end;
        }
    }

    private void UnindexLocked(string type, JObject entity)
    {
        if (type == QrsTypes.User)
        {
            _usersByName.Remove(UserKey(entity));
        }
        else if (QrsTypes.IsAccessType(type) && Guid.TryParse((entity["user"] as JObject)?.Value<string>("id"), out var userGuid))
        {
            if (_allocationsByUser.TryGetValue((type, userGuid), out var id) && id == IdOf(entity)) _allocationsByUser.Remove((type, userGuid));
        }
    }

    // A quarantine ends by itself: the allocation disappears and its seat is free again.
    private void ReleaseExpiredQuarantinesLocked()
    {
        var now = Clock.UtcNow;
        if (now < _nextQuarantineEnd) return;
        _nextQuarantineEnd = DateTime.MaxValue;
        foreach (var type in new[] { QrsTypes.ProfessionalAccessType, QrsTypes.AnalyzerAccessType, QrsTypes.UserAccessType })
        {
            var table = Table(type);
            foreach (var allocation in table.Values.ToArray())
            {
                if (allocation.Value<bool?>("quarantined") != true || !QrsDates.TryParse(allocation.Value<string>("quarantineEnd"), out var end)) continue;
                if (end <= now)
                {
                    table.Remove(IdOf(allocation));
                    UnindexLocked(type, allocation);
                }
                else if (end < _nextQuarantineEnd)
                {
                    _nextQuarantineEnd = end;
                }
            }
        }
    }
}

/// <summary>Where GET /qrs/license gives the license's end date: the two readings the module knows, both unconfirmed.</summary>
public enum LicenseEndReading
{
    /// <summary><c>keyDetails</c> holds the signed key's JSON with <c>"valid": "start/end"</c>.</summary>
    SignedKey,

    /// <summary><c>lef</c> holds a license enabling file with a <c>TIMELIMIT;yyyy-MM-dd</c> line.</summary>
    LicenseFile,
}
