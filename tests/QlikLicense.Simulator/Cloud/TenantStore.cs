using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// The tenant's data: users, licence assignments, consumption records, audit events, the licence and its
/// allotments, and the auto-assignment settings. Thread-safe; the records it hands out are immutable snapshots.
/// </summary>
public sealed class TenantStore
{
    public const string NoSeatCode = "LICENSES-011";
    public const string NoSeatTitle = "No available allotment error, No available allotment.";
    public const string NotFoundCode = "LICENSES-016";
    public const string NotFoundTitle = "Assignment not found.";

    private readonly object _gate = new();
    private readonly Random _ids;
    private readonly SortedDictionary<long, TenantUser> _users = new();
    private readonly Dictionary<string, TenantUser> _usersBySubject = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TenantUser> _usersById = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, LicenseAssignment> _assignments = new();
    private readonly Dictionary<string, LicenseAssignment> _assignmentsBySubject = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ConsumptionRecord> _consumption = new();
    private readonly List<AuditEvent> _audits = new();
    private readonly Dictionary<CloudLicenseType, (int Units, int Overage)> _allotments = new()
    {
        [CloudLicenseType.Professional] = (25, 0),
        [CloudLicenseType.Analyzer] = (50, 0),
    };

    private long _nextSeq;
    private long _version;
    private (long Version, TenantUser[] Users) _userSnapshot = (-1, null);
    private (long Version, LicenseAssignment[] Assignments) _assignmentSnapshot = (-1, null);
    private bool _autoAssignProfessional;
    private bool _autoAssignAnalyzer = true;

    internal TenantStore(SiteClock clock, TenantSubscription subscription, int seed)
    {
        Clock = clock;
        Subscription = subscription;
        _ids = new Random(seed);
        var now = clock.UtcNow;
        ValidFrom = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        ValidTo = ValidFrom.AddYears(1).AddDays(-1);
        TenantId = NewId(32);
    }

    public SiteClock Clock { get; }

    public TenantSubscription Subscription { get; }

    public string TenantId { get; }

    // --- The licence (status and overview) ---

    /// <summary>"Ok", "Blacklisted" or "Expired" (only Ok grants access).</summary>
    public string LicenseStatus { get; set; } = "Ok";

    public DateTime ValidFrom { get; set; }

    public DateTime ValidTo { get; set; }

    public bool Trial { get; set; }

    public bool Deactivated { get; set; }

    public string LicenseNumber { get; set; } = "9999000000001234";

    public string Product { get; set; } = "Qlik Sense Enterprise SaaS";

    /// <summary>Analyzer capacity in minutes per month (allotment analyzer_time); 0 = none.</summary>
    public int AnalyzerTimeUnits { get; set; } = 3000;

    /// <summary>Overage of analyzer capacity; -1 = unbounded.</summary>
    public int AnalyzerTimeOverage { get; set; } = -1;

    /// <summary>Whether an add for a subject no user of this tenant has succeeds (an orphan, as a unified
    /// licence allows) instead of answering 404 for that item. Live behaviour unconfirmed; default: refused.</summary>
    public bool AssignUnknownSubjects { get; set; }

    /// <summary>The largest add/delete/update batch; longer ones answer 400. Live limit unconfirmed.</summary>
    public int MaxBatchSize { get; set; } = 100;

    public bool AutoAssignProfessional
    {
        get { lock (_gate) return _autoAssignProfessional; }
        set { lock (_gate) { _autoAssignProfessional = value; _version++; } }
    }

    public bool AutoAssignAnalyzer
    {
        get { lock (_gate) return _autoAssignAnalyzer; }
        set { lock (_gate) { _autoAssignAnalyzer = value; _version++; } }
    }

    /// <summary>Changes with every change of the data; list answers are cached per version.</summary>
    internal long Version { get { lock (_gate) return _version; } }

    public (int Units, int Overage) Allotment(CloudLicenseType type)
    {
        lock (_gate) return _allotments[type];
    }

    /// <summary>Sets the seats of <paramref name="type"/>; <paramref name="overage"/> extra assignments are allowed
    /// beyond them (marked excess), -1 = unbounded.</summary>
    public void SetAllotment(CloudLicenseType type, int units, int overage = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ArgumentOutOfRangeException.ThrowIfLessThan(overage, -1);
        lock (_gate)
        {
            _allotments[type] = (units, overage);
            _version++;
        }
    }

    public int UnitsUsed(CloudLicenseType type)
    {
        lock (_gate) return _assignments.Values.Count(assignment => assignment.Type == type);
    }

    /// <summary>Analyzer capacity minutes used in the tenant clock's current month.</summary>
    public int AnalyzerMinutesUsed()
    {
        lock (_gate)
        {
            var now = Clock.UtcNow;
            var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            return _consumption.Where(record => record.LicenseUsage == ConsumptionRecord.AnalyzerCapacity && record.EndTime >= monthStart)
                .Sum(record => record.MinutesUsed);
        }
    }

    // --- Users ---

    /// <summary>Adds a user with a new id. Subjects are unique without regard to case.</summary>
    public TenantUser AddUser(string subject, string name, string email, TenantUserStatus status = TenantUserStatus.Active,
        IEnumerable<TenantGroup> groups = null, DateTime? createdAt = null, IEnumerable<string> roles = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        lock (_gate)
        {
            var created = createdAt ?? Clock.UtcNow;
            return AddUserLocked(new TenantUser(NewIdLocked(24), subject, name, email, status, created, created,
                (groups ?? []).ToArray(), (roles ?? []).ToArray()));
        }
    }

    internal TenantUser AddUserLocked(TenantUser user)
    {
        if (_usersBySubject.ContainsKey(user.Subject)) throw new InvalidOperationException($"A user with subject {user.Subject} exists already.");
        user = user with { Seq = _nextSeq++ };
        _users[user.Seq] = user;
        _usersBySubject[user.Subject] = user;
        _usersById[user.Id] = user;
        _version++;
        return user;
    }

    public TenantUser FindUser(string subject)
    {
        lock (_gate) return subject is not null && _usersBySubject.TryGetValue(subject, out var user) ? user : null;
    }

    public TenantUser FindUserById(string id)
    {
        lock (_gate) return id is not null && _usersById.TryGetValue(id, out var user) ? user : null;
    }

    /// <summary>Sets a user's status (a status of deleted keeps the user and any assignment: see README).</summary>
    public TenantUser SetUserStatus(string subject, TenantUserStatus status)
    {
        lock (_gate)
        {
            var user = _usersBySubject.TryGetValue(subject, out var found) ? found : throw new KeyNotFoundException($"No user {subject}.");
            var changed = user with { Status = status, LastUpdatedAt = Clock.UtcNow };
            _users[user.Seq] = changed;
            _usersBySubject[user.Subject] = changed;
            _usersById[user.Id] = changed;
            _version++;
            return changed;
        }
    }

    /// <summary>Removes a user for good (DELETE /users/{id}); its assignment goes with it and frees the seat.</summary>
    public bool RemoveUser(string subject)
    {
        lock (_gate)
        {
            if (!_usersBySubject.Remove(subject, out var user)) return false;
            _users.Remove(user.Seq);
            _usersById.Remove(user.Id);
            RemoveAssignmentLocked(user.Subject);
            _version++;
            return true;
        }
    }

    /// <summary>All users in insertion order.</summary>
    public IReadOnlyList<TenantUser> Users()
    {
        lock (_gate)
        {
            if (_userSnapshot.Version != _version) _userSnapshot = (_version, _users.Values.ToArray());
            return _userSnapshot.Users;
        }
    }

    /// <summary>Users by subject (without regard to case) and by id, in insertion order; unknown keys are skipped.</summary>
    internal IReadOnlyList<TenantUser> UsersByKeys(IEnumerable<string> subjects, IEnumerable<string> ids)
    {
        lock (_gate)
        {
            var found = new Dictionary<long, TenantUser>();
            foreach (var subject in subjects)
                if (_usersBySubject.TryGetValue(subject, out var user)) found[user.Seq] = user;
            foreach (var id in ids)
                if (_usersById.TryGetValue(id, out var user)) found[user.Seq] = user;
            return found.OrderBy(pair => pair.Key).Select(pair => pair.Value).ToArray();
        }
    }

    // --- Assignments ---

    public LicenseAssignment FindAssignment(string subject)
    {
        lock (_gate) return subject is not null && _assignmentsBySubject.TryGetValue(subject, out var assignment) ? assignment : null;
    }

    /// <summary>All assignments in insertion order.</summary>
    public IReadOnlyList<LicenseAssignment> Assignments()
    {
        lock (_gate)
        {
            if (_assignmentSnapshot.Version != _version) _assignmentSnapshot = (_version, _assignments.Values.ToArray());
            return _assignmentSnapshot.Assignments;
        }
    }

    /// <summary>Whether no user of this tenant has the assignment's subject (it may be used on another tenant or site).</summary>
    public bool IsOrphan(LicenseAssignment assignment)
    {
        lock (_gate) return !_usersBySubject.ContainsKey(assignment.Subject);
    }

    /// <summary>Stores an assignment directly (seed, generator, tests): no seat check, no user needed.</summary>
    public LicenseAssignment Assign(string subject, CloudLicenseType type, DateTime? created = null, bool excess = false)
    {
        lock (_gate)
        {
            if (_assignmentsBySubject.ContainsKey(subject)) throw new InvalidOperationException($"{subject} has an assignment already.");
            return AddAssignmentLocked(subject, type, created ?? Clock.UtcNow, excess);
        }
    }

    /// <summary>One item of POST /licenses/assignments/actions/add.</summary>
    internal BatchItemOutcome TryAdd(string subject, string typeName)
    {
        if (InvalidItem(subject, typeName, out var type) is { } invalid) return invalid;
        lock (_gate)
        {
            if (_assignmentsBySubject.ContainsKey(subject)) return new BatchItemOutcome(409, "HTTP-409", "Assignment already exists.");
            if (!AssignUnknownSubjects && !_usersBySubject.ContainsKey(subject)) return new BatchItemOutcome(404, "HTTP-404", "User not found.");
            if (!SeatLeftLocked(type, out var excess)) return new BatchItemOutcome(403, NoSeatCode, NoSeatTitle);
            AddAssignmentLocked(subject, type, Clock.UtcNow, excess);
            return new BatchItemOutcome(201, null, null);
        }
    }

    /// <summary>One item of POST /licenses/assignments/actions/delete.</summary>
    internal BatchItemOutcome TryDelete(string subject, string typeName)
    {
        if (InvalidItem(subject, typeName, out var type) is { } invalid) return invalid;
        lock (_gate)
        {
            if (!_assignmentsBySubject.TryGetValue(subject, out var assignment) || assignment.Type != type)
                return new BatchItemOutcome(404, NotFoundCode, NotFoundTitle);
            RemoveAssignmentLocked(subject);
            _version++;
            return new BatchItemOutcome(200, null, null);
        }
    }

    /// <summary>One item of POST /licenses/assignments/actions/update: a new type and/or a new subject.</summary>
    internal BatchItemOutcome TryUpdate(string subject, string typeName, string sourceType, string sourceSubject)
    {
        if (string.IsNullOrWhiteSpace(subject)) return new BatchItemOutcome(400, "HTTP-400", "The subject is missing.");
        CloudLicenseType? target = null, source = null;
        if (typeName is not null)
        {
            if (!CloudWire.TryParseType(typeName, out var parsed)) return new BatchItemOutcome(400, "HTTP-400", "Unknown allotment type.");
            target = parsed;
        }

        if (sourceType is not null)
        {
            if (!CloudWire.TryParseType(sourceType, out var parsed)) return new BatchItemOutcome(400, "HTTP-400", "Unknown allotment type.");
            source = parsed;
        }

        lock (_gate)
        {
            var currentSubject = string.IsNullOrEmpty(sourceSubject) ? subject : sourceSubject;
            if (!_assignmentsBySubject.TryGetValue(currentSubject, out var current) || (source is not null && current.Type != source))
                return new BatchItemOutcome(404, NotFoundCode, NotFoundTitle);
            var moves = !string.Equals(currentSubject, subject, StringComparison.OrdinalIgnoreCase);
            if (moves && _assignmentsBySubject.ContainsKey(subject)) return new BatchItemOutcome(409, "HTTP-409", "Assignment already exists.");
            var newType = target ?? current.Type;
            var excess = current.Excess;
            if (newType != current.Type && !SeatLeftLocked(newType, out excess)) return new BatchItemOutcome(403, NoSeatCode, NoSeatTitle);
            RemoveAssignmentLocked(currentSubject);
            AddAssignmentLocked(subject, newType, moves ? Clock.UtcNow : current.Created, excess);
            return new BatchItemOutcome(moves ? 201 : 200, null, null);
        }
    }

    /// <summary>The item's 400 when its subject is missing or its type unknown; null when it can be acted on.</summary>
    private static BatchItemOutcome InvalidItem(string subject, string typeName, out CloudLicenseType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(subject)) return new BatchItemOutcome(400, "HTTP-400", "The subject is missing.");
        return CloudWire.TryParseType(typeName, out type) ? null : new BatchItemOutcome(400, "HTTP-400", "Unknown allotment type.");
    }

    private bool SeatLeftLocked(CloudLicenseType type, out bool excess)
    {
        var (units, overage) = _allotments[type];
        var used = _assignments.Values.Count(assignment => assignment.Type == type);
        excess = used >= units;
        return used < units || overage == -1 || used < units + overage;
    }

    private LicenseAssignment AddAssignmentLocked(string subject, CloudLicenseType type, DateTime created, bool excess)
    {
        // The licence service keeps subjects in lower case (so they differ in case from /users; see README).
        var assignment = new LicenseAssignment(subject.ToLowerInvariant(), type, excess, created) { Seq = _nextSeq++ };
        _assignments[assignment.Seq] = assignment;
        _assignmentsBySubject[assignment.Subject] = assignment;
        _version++;
        return assignment;
    }

    private void RemoveAssignmentLocked(string subject)
    {
        if (!_assignmentsBySubject.Remove(subject, out var assignment)) return;
        _assignments.Remove(assignment.Seq);
    }

    // --- Consumption and audits ---

    public ConsumptionRecord AddConsumption(string userId, DateTime endTime, TimeSpan duration, string licenseUsage = ConsumptionRecord.AssignedLicense,
        string appId = null, int minutesUsed = 0)
    {
        lock (_gate)
        {
            var record = new ConsumptionRecord(NewIdLocked(24), appId ?? NewIdLocked(32), userId, NewIdLocked(32), endTime, duration,
                licenseUsage == ConsumptionRecord.AnalyzerCapacity ? "analyzer_time" : "assigned", minutesUsed,
                licenseUsage == ConsumptionRecord.AnalyzerCapacity ? (minutesUsed + 5) / 6 : 0, licenseUsage) { Seq = _nextSeq++ };
            _consumption.Add(record);
            _version++;
            return record;
        }
    }

    public IReadOnlyList<ConsumptionRecord> Consumption()
    {
        lock (_gate) return _consumption.ToArray();
    }

    public AuditEvent AddAuditEvent(string eventType, DateTime eventTime, string userId, JObject data, string source = "com.qlik/licenses")
    {
        lock (_gate)
        {
            var audit = new AuditEvent(NewGuidLocked(), eventType, eventTime, userId, source, data ?? new JObject()) { Seq = _nextSeq++ };
            _audits.Add(audit);
            _version++;
            return audit;
        }
    }

    public IReadOnlyList<AuditEvent> AuditEvents()
    {
        lock (_gate) return _audits.ToArray();
    }

    /// <summary>
    /// A user signs in and opens an app, as the tenant sees it: a sign-in audit event, then the assigned seat is used
    /// (a consumption record), or auto-assignment gives one (Professional first, when switched on and a seat is free),
    /// or analyzer capacity is used, or the licence is refused (a <see cref="AuditEvent.LicenseRejected"/> event).
    /// </summary>
    public SignInOutcome SignIn(string subject, TimeSpan? sessionLength = null)
    {
        var length = sessionLength ?? TimeSpan.FromMinutes(12);
        TenantUser user;
        lock (_gate)
        {
            user = _usersBySubject.TryGetValue(subject, out var found) ? found : throw new KeyNotFoundException($"No user {subject}.");
            var now = Clock.UtcNow;
            AddAuditEvent(AuditEvent.SessionBegun, now - length, user.Id, new JObject { ["subject"] = user.Subject }, "com.qlik/edge-auth");
            if (_assignmentsBySubject.ContainsKey(user.Subject))
            {
                AddConsumption(user.Id, now, length);
                return SignInOutcome.UsedAssignment;
            }

            foreach (var (type, on) in new[] { (CloudLicenseType.Professional, _autoAssignProfessional), (CloudLicenseType.Analyzer, _autoAssignAnalyzer) })
            {
                if (!on || !SeatLeftLocked(type, out var excess) || excess) continue;
                AddAssignmentLocked(user.Subject, type, now - length, excess: false);
                AddConsumption(user.Id, now, length);
                return SignInOutcome.AutoAssigned;
            }

            var minutes = (int)Math.Ceiling(length.TotalMinutes);
            if (AnalyzerTimeUnits > 0 && (AnalyzerTimeOverage == -1 || AnalyzerMinutesUsed() + minutes <= AnalyzerTimeUnits + AnalyzerTimeOverage))
            {
                AddConsumption(user.Id, now, length, ConsumptionRecord.AnalyzerCapacity, minutesUsed: minutes);
                return SignInOutcome.UsedAnalyzerCapacity;
            }

            AddAuditEvent(AuditEvent.LicenseRejected, now, user.Id, new JObject
            {
                ["subject"] = user.Subject,
                ["type"] = "analyzer",
                ["message"] = "No available license for the user.",
                ["license"] = LicenseNumber,
            });
            return SignInOutcome.Rejected;
        }
    }

    private string NewId(int hexDigits)
    {
        lock (_gate) return NewIdLocked(hexDigits);
    }

    private string NewIdLocked(int hexDigits)
    {
        var bytes = new byte[hexDigits / 2];
        _ids.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private string NewGuidLocked()
    {
        var bytes = new byte[16];
        _ids.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}

/// <summary>What <see cref="TenantStore.SignIn"/> did.</summary>
public enum SignInOutcome
{
    UsedAssignment,
    AutoAssigned,
    UsedAnalyzerCapacity,
    Rejected,
}
