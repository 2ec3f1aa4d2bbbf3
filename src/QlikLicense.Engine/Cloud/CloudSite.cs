using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Logs;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Transport;

namespace QlikLicense.Cloud
{
    /// <summary>
    /// A Qlik Cloud tenant through its REST API: the tenant implementation of the site seam. Users are named by
    /// subject (in <see cref="QlikUser.UserId"/>, with an empty directory) and keyed by a hash of it; it has no
    /// quarantine, no log files and no licence rules (so it is no <c>ILicenseRuleSite</c>). Releases and allocations
    /// go through the batch actions, each item answered from the 207. Licence refusals come from the audit events.
    /// </summary>
    public sealed class CloudSite : ISite, IRecordedDenialSite, IAutoAssignmentSite, IBatchedChangeSite
    {
        /// <summary>User statuses that count as "removed from the directory": directory sync disables, deleting deletes.</summary>
        private static readonly string[] InactiveStatuses = { "disabled", "deleted" };

        /// <summary>
        /// Every status a user may have. The users list's status defaults to "active" when a request names none, so a
        /// read of all users names them all.
        /// </summary>
        private static readonly string[] AllStatuses = { "active", "invited", "disabled", "deleted", "provisioned" };

        private readonly CloudClient client;
        private readonly CloudBatchActions deletes;
        private readonly CloudBatchActions adds;
        private readonly ConcurrentDictionary<Guid, string> subjects = new ConcurrentDictionary<Guid, string>();

        /// <summary>What the last batch item of each allocation said: gone (false) or held (true), the read-back of a change.</summary>
        private readonly ConcurrentDictionary<Guid, bool> settled = new ConcurrentDictionary<Guid, bool>();

        private readonly object snapshotGate = new object();
        private TenantSnapshot? snapshot;

        /// <param name="connection">The connection that wraps this site, which the objects it reads carry.</param>
        private CloudSite(CloudClient client, QlikConnection connection)
        {
            this.client = client;
            Connection = connection;
            var settings = client.Settings;
            deletes = new CloudBatchActions(client, CloudPaths.DeleteAssignments, "delete", settings.BatchSize);
            adds = new CloudBatchActions(client, CloudPaths.AddAssignments, "add", settings.BatchSize);
            var tenant = settings.Tenant;
            Address = new SiteAddress(tenant.Host, tenant.Port, null, new Uri(tenant.GetLeftPart(UriPartial.Authority) + "/"),
                settings.Credentials.Description, settings.Trust.SkipCheck, SiteKind.QlikCloud);
        }

        internal QlikConnection Connection { get; }

        public SiteAddress Address { get; }

        public SiteCapabilities Capabilities => SiteParts.Capabilities(this);

        /// <summary>Connects and proves it by reading the licence status; the client is disposed when that fails.</summary>
        public static async Task<QlikConnection> ConnectAsync(CloudConnectionSettings settings, SiteCall call)
        {
            var client = new CloudClient(settings);
            try
            {
                var status = await client.GetObjectAsync(CloudPaths.Status, call).ConfigureAwait(false);
                return new QlikConnection(connection => new CloudSite(client, connection), ((string?)status["product"]).NullIfEmpty() ?? "Qlik Cloud", DateTime.UtcNow);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public async Task<QlikUser> ReadUserAsync(Guid key, SiteCall call)
        {
            if (!subjects.TryGetValue(key, out var subject))
                throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.NotFound, "GET", CloudPaths.Users, null, CloudMessages.UnknownUserKey(Address.Name));
            var user = await Task.Run(() => ReadUserList(SubjectFilter(subject), AllStatuses, call).FirstOrDefault(), call.Cancellation).ConfigureAwait(false);
            return user ?? throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.NotFound, "GET", CloudPaths.Users, 404, CloudMessages.NotFound("GET", CloudPaths.Users));
        }

        public IEnumerable<QlikUser> ReadUsers(UserFilter filter, SiteCall call)
        {
            // A tenant has no user directories: a condition on one matches nobody.
            if (!string.IsNullOrEmpty(filter.UserDirectory)) return Enumerable.Empty<QlikUser>();
            // Nor QMC tags or custom properties (no UserMarks capability): a condition on them matches nobody.
            if (filter.Tag != null || filter.CustomProperty != null) return Enumerable.Empty<QlikUser>();
            var conditions = new List<string>();
            if (filter.UserId != null) conditions.Add(SubjectFilter(filter.UserId));
            if (filter.SiteFilter != null) conditions.Add("(" + filter.SiteFilter + ")");
            var keys = filter.Keys == null ? null : new HashSet<Guid>(filter.Keys);
            var inactiveOnly = filter.InactiveOnly || filter.RemovedFromDirectoryOnly;
            // The disabled and deleted users are asked for by several steps of a run (candidates, findings): read once per command.
            IEnumerable<QlikUser> users = conditions.Count == 0 && inactiveOnly && call.Cancellation.CanBeCanceled
                ? Snapshot(call).Inactive
                : ReadUserList(conditions.Count == 0 ? null : string.Join(" and ", conditions), inactiveOnly ? InactiveStatuses : AllStatuses, call);
            return keys == null ? users : users.Where(user => keys.Contains(user.Id));
        }

        public IEnumerable<QlikUser> LookUpUsersInBatches(IReadOnlyCollection<Guid> keys, IReadOnlyCollection<UserName> names, SiteCall call)
        {
            var keySet = new HashSet<Guid>(keys);
            var subjectSet = SubjectsOf(names);
            return Snapshot(call).Users.Select(record => record.User).Where(user => keySet.Contains(user.Id) || subjectSet.Contains(user.UserId)).ToList();
        }

        public IEnumerable<QlikUser> LookUpUsersAtOnce(IReadOnlyCollection<UserName> names, SiteCall call)
        {
            var subjectSet = SubjectsOf(names);
            return subjectSet.Count == 0 ? Enumerable.Empty<QlikUser>()
                : Snapshot(call).Users.Select(record => record.User).Where(user => subjectSet.Contains(user.UserId)).ToList();
        }

        public IEnumerable<string> ReadUserDirectoryNames(string prefix, SiteCall call) => Enumerable.Empty<string>();

        /// <summary>
        /// Every assignment of the type, all pages, joined with the users (name, status) and the last use of an assigned
        /// licence (consumption): one read of each list per command (the assignments again after a change this
        /// connection sent), so the requests grow with the pages, never with the users or the steps.
        /// The filters are applied here: the assignments' filter syntax is unconfirmed.
        /// </summary>
        public IEnumerable<LicenseAllocation> ReadAllocations(LicenseAccessType type, AllocationFilter filter, SiteCall call)
        {
            // A tenant has no directories, no quarantine and no token passes: such conditions match nothing.
            if (!string.IsNullOrEmpty(filter.UserDirectory) || filter.Quarantined == true || !CloudKeys.Types.Contains(type)) yield break;
            if (filter.HeldBy?.SiteFilter != null) throw new ArgumentException(CloudMessages.RawFilterOfAssignedUser, nameof(filter));
            var snapshot = Snapshot(call);
            var users = snapshot.BySubject;
            var lastUse = snapshot.LastUse(call);
            var typeName = CloudKeys.TypeName(type);
            foreach (var json in snapshot.Assignments(call))
            {
                var subject = (string?)json["subject"];
                if (subject == null || !string.Equals((string?)json["type"], typeName, StringComparison.OrdinalIgnoreCase)) continue;
                if (filter.UserId != null && !string.Equals(filter.UserId, subject, StringComparison.OrdinalIgnoreCase)) continue;
                users.TryGetValue(subject, out var user);
                if (filter.HeldBy != null && !(user != null && Holds(filter.HeldBy, user))) continue;
                var allocation = new LicenseAllocation
                {
                    Id = CloudKeys.Assignment(type, subject),
                    Type = type,
                    UserDirectory = string.Empty,
                    UserId = user?.UserId ?? subject,
                    UserName = user?.Name,
                    UserKey = user?.Id,
                    // No user in this tenant: an orphan, which may be in use on another tenant or site of the same licence.
                    DeletedUser = user == null,
                    Excess = (bool?)json["excess"] ?? false,
                    CreatedDate = json.DateValue("created"),
                    LastUsed = user != null && lastUse.TryGetValue(user.Id, out var used) ? used : (DateTime?)null,
                    Connection = Connection,
                };
                if (filter.UnusedSinceUtc is DateTime cutoff && allocation.LastUsed != null && allocation.LastUsed.Value >= cutoff) continue;
                if (filter.UsedSinceUtc is DateTime since && (allocation.LastUsed == null || allocation.LastUsed.Value < since)) continue;
                subjects[CloudKeys.User(subject)] = subject;
                yield return allocation;
            }
        }

        public IEnumerable<LicenseAllocation> LookUpAllocationsInBatches(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call) =>
            LookUpAllocationsAtOnce(type, userKeys, call).ToList();

        public IEnumerable<LicenseAllocation> LookUpAllocationsAtOnce(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call)
        {
            var keys = new HashSet<Guid>(userKeys);
            return ReadAllocations(type, AllocationFilter.All, call).Where(allocation => allocation.UserKey is Guid key && keys.Contains(key));
        }

        /// <summary>
        /// The tenant's own answer to our last change of this allocation when there is one (a 207 item's status is
        /// the read-back); else a read of the assignments.
        /// </summary>
        public Task<LicenseAllocation?> FindAllocationAsync(LicenseAccessType type, Guid id, SiteCall call)
        {
            if (settled.TryGetValue(id, out var held) && !held) return Task.FromResult<LicenseAllocation?>(null);
            return Task.Run<LicenseAllocation?>(() => ReadAllocations(type, AllocationFilter.All, call).FirstOrDefault(allocation => allocation.Id == id), call.Cancellation);
        }

        /// <summary>As <see cref="FindAllocationAsync"/> for each id, with one read of the assignments for all that the tenant's answers did not settle.</summary>
        public Task<IReadOnlyList<LicenseAllocation>> FindAllocationsAsync(LicenseAccessType type, IReadOnlyCollection<Guid> ids, SiteCall call)
        {
            var unsettled = new HashSet<Guid>(ids.Where(id => !(settled.TryGetValue(id, out var held) && !held)));
            if (unsettled.Count == 0) return Task.FromResult<IReadOnlyList<LicenseAllocation>>(Array.Empty<LicenseAllocation>());
            return Task.Run<IReadOnlyList<LicenseAllocation>>(() => ReadAllocations(type, AllocationFilter.All, call).Where(allocation => unsettled.Contains(allocation.Id)).ToList(), call.Cancellation);
        }

        public async Task<IReadOnlyList<LicenseSummary>> ReadSummaryAsync(SiteCall call)
        {
            var overview = await client.GetObjectAsync(CloudPaths.Overview, call).ConfigureAwait(false);
            return CloudLicense.Summaries(overview, Address.Name);
        }

        public LicenseMonitorStatus CheckLicenseMonitor(TimeSpan maximumAge, DateTime nowUtc, SiteCall call)
        {
            var status = client.GetObjectAsync(CloudPaths.Status, call).GetAwaiter().GetResult();
            var overview = client.GetObjectAsync(CloudPaths.Overview, call).GetAwaiter().GetResult();
            return CloudLicense.Health(status, overview, maximumAge, nowUtc);
        }

        public int LargestBatch => client.Settings.BatchSize;

        public IDisposable GatherChanges() => new GatheringScope(deletes.Hold(), adds.Hold());

        public async Task<ReleaseAnswer> ReleaseAsync(LicenseAllocation allocation, SiteCall call)
        {
            var subject = SubjectOf(allocation);
            ForgetAssignments();
            var answer = await deletes.SendAsync(subject, CloudKeys.TypeName(allocation.Type), call).ConfigureAwait(false);
            ForgetAssignments();
            if (answer.Succeeded || answer.Status == 404)
            {
                settled[allocation.Id] = false;
                return new ReleaseAnswer(answer.Succeeded, 1);
            }
            throw ItemFailure("delete", CloudPaths.DeleteAssignments, subject, allocation.Type, answer);
        }

        /// <summary>
        /// Whether a user of the tenant's list matches a user filter (its site filter aside) as <see cref="ReadUsers"/>
        /// reads it: inactive and removed are both a disabled or deleted status.
        /// </summary>
        private static bool Holds(UserFilter filter, QlikUser user) =>
            string.IsNullOrEmpty(filter.UserDirectory) && filter.Tag == null && filter.CustomProperty == null
            && (filter.UserId == null || string.Equals(filter.UserId, user.UserId, StringComparison.OrdinalIgnoreCase))
            && (!(filter.InactiveOnly || filter.RemovedFromDirectoryOnly) || user.RemovedExternally)
            && (filter.Keys == null || filter.Keys.Contains(user.Id));

        public async Task<LicenseAllocation?> AllocateAsync(LicenseAccessType type, QlikUser user, SiteCall call)
        {
            if (!CloudKeys.Types.Contains(type))
                throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.BadRequest, "POST", CloudPaths.AddAssignments, null, CloudMessages.NotATenantType(type, Address.Name));
            // A tenant's user is named by subject, in UserId.
            if (string.IsNullOrEmpty(user.UserId))
                throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.NotFound, "POST", CloudPaths.AddAssignments, null, CloudMessages.UnknownUserKey(Address.Name));
            var subject = user.UserId;
            var userKey = user.Id;
            ForgetAssignments();
            var answer = await adds.SendAsync(subject, CloudKeys.TypeName(type), call).ConfigureAwait(false);
            ForgetAssignments();
            if (!answer.Succeeded) throw ItemFailure("add", CloudPaths.AddAssignments, subject, type, answer);
            var id = CloudKeys.Assignment(type, subject);
            settled[id] = true;
            return new LicenseAllocation
            {
                Id = id,
                Type = type,
                UserDirectory = string.Empty,
                UserId = subject,
                UserKey = userKey,
                Connection = Connection,
            };
        }

        /// <summary>
        /// The users refused a licence, from the audit events of refused assignments (kept 90 days; what triggers the
        /// event is unconfirmed), grouped by subject without regard to case.
        /// </summary>
        public IReadOnlyList<LicenseDenial> ReadDenials(DateTimeOffset? since, DateTimeOffset? until, SiteCall call)
        {
            // Both ends of the window, always: the audits keep 90 days, so an open start means all of them.
            var now = DateTimeOffset.UtcNow;
            var query = "?eventType=" + Uri.EscapeDataString(CloudPaths.AssignmentRejectedEvent) + "&limit=" + CloudPaths.PageLimit +
                        "&eventTime=" + Uri.EscapeDataString(QlikDates.ToCloudLiteral(since ?? now - CloudPaths.AuditRetention) + "/" + QlikDates.ToCloudLiteral(until ?? now));
            var byUser = new Dictionary<string, LicenseDenial>(StringComparer.OrdinalIgnoreCase);
            foreach (var audit in client.ReadAll(CloudPaths.Audits, query, call, CloudRateTier.Audit))
            {
                var subject = ((string?)audit["data"]?["subject"]).NullIfEmpty();
                var time = audit.DateValue("eventTime");
                if (subject == null || time == null) continue;
                if (!byUser.TryGetValue(subject, out var denial))
                    byUser[subject] = denial = new LicenseDenial { UserDirectory = string.Empty, UserId = subject, FirstDenied = time.Value, LastDenied = time.Value };
                denial.Count++;
                // The latest event that states a cause tells it, as for log files (the event's wording is unconfirmed).
                var cause = DenialCauseReader.Read((string?)audit["data"]?["message"]);
                if (cause != LicenseDenialCause.Unstated && (denial.Cause == LicenseDenialCause.Unstated || time.Value >= denial.LastDenied)) denial.Cause = cause;
                if (time.Value < denial.FirstDenied) denial.FirstDenied = time.Value;
                if (time.Value > denial.LastDenied) denial.LastDenied = time.Value;
            }
            return byUser.Values.OrderBy(denial => denial.FirstDenied).ToList();
        }

        public async Task<LicenseAutoAssignment> ReadAutoAssignmentAsync(SiteCall call) =>
            AutoAssignmentOf(await client.GetObjectAsync(CloudPaths.Settings, call).ConfigureAwait(false));

        public async Task<LicenseAutoAssignment> ChangeAutoAssignmentAsync(bool? professional, bool? analyzer, SiteCall call)
        {
            var body = new JObject();
            if (professional != null) body["autoAssignProfessional"] = professional.Value;
            if (analyzer != null) body["autoAssignAnalyzer"] = analyzer.Value;
            var answer = await client.WriteAsync(System.Net.Http.HttpMethod.Put, CloudPaths.Settings, body, call).ConfigureAwait(false) as JObject;
            // An answer without the switches says nothing about them: read them back.
            return answer?["autoAssignProfessional"] != null ? AutoAssignmentOf(answer) : await ReadAutoAssignmentAsync(call).ConfigureAwait(false);
        }

        public void Dispose() => client.Dispose();

        private LicenseAutoAssignment AutoAssignmentOf(JObject settings) => new LicenseAutoAssignment
        {
            Professional = (bool?)settings["autoAssignProfessional"] ?? false,
            Analyzer = (bool?)settings["autoAssignAnalyzer"] ?? false,
            Site = Address.Name,
            Connection = Connection,
        };

        private IEnumerable<QlikUser> ReadUserList(string? filter, IReadOnlyCollection<string> statuses, SiteCall call) =>
            ReadUserRecords(filter, statuses, call).Select(record => record.User);

        /// <summary>
        /// The users of these statuses matching a filter (in the users API's own language), each with the tenant's id of
        /// the user. The statuses are always named: left out, the list would answer only active users. Qlik requires
        /// conditions on status to be grouped and applied to the whole query.
        /// </summary>
        private IEnumerable<(QlikUser User, string? TenantId)> ReadUserRecords(string? filter, IReadOnlyCollection<string> statuses, SiteCall call)
        {
            var statusGroup = "(" + string.Join(" or ", statuses.Select(status => $"status eq \"{status}\"")) + ")";
            var query = "?limit=" + CloudPaths.PageLimit + "&filter=" + Uri.EscapeDataString(filter == null ? statusGroup : "(" + filter + ") and " + statusGroup);
            foreach (var json in client.ReadAll(CloudPaths.Users, query, call))
            {
                var user = CloudUsers.FromJson(json);
                if (user == null) continue;
                subjects[user.Id] = user.UserId;
                yield return (user, (string?)json["id"]);
            }
        }

        /// <summary>
        /// Every user (all statuses) and the last use of each assigned licence, read once per command: the calls of one
        /// command (the routine's steps, a grant's plan and read-backs) share its cancellation token, and neither users nor
        /// consumption change by what the module does, so a run over 100,000 users reads each list once. Calls that cannot
        /// be cancelled (no command behind them) read afresh each time.
        /// </summary>
        private TenantSnapshot Snapshot(SiteCall call)
        {
            if (!call.Cancellation.CanBeCanceled) return new TenantSnapshot(this, call);
            lock (snapshotGate)
            {
                if (snapshot == null || !snapshot.Token.Equals(call.Cancellation)) snapshot = new TenantSnapshot(this, call);
                return snapshot;
            }
        }

        /// <summary>A change was sent: the next read of the assignments is a fresh one.</summary>
        private void ForgetAssignments()
        {
            lock (snapshotGate) snapshot?.Changed();
        }

        /// <summary>The users (all, and the inactive ones by status), consumption and assignments of one command, each read on first use (a read that fails is tried again by the next use).</summary>
        private sealed class TenantSnapshot
        {
            private readonly CloudSite site;
            private readonly Lazy<List<(QlikUser User, string? TenantId)>> users;
            private readonly Lazy<Dictionary<string, QlikUser>> bySubject;
            private readonly Lazy<List<QlikUser>> inactive;
            private Dictionary<Guid, DateTime>? lastUse;
            private volatile List<JObject>? assignments;

            public TenantSnapshot(CloudSite site, SiteCall call)
            {
                this.site = site;
                Token = call.Cancellation;
                users = new Lazy<List<(QlikUser, string?)>>(() => site.ReadUserRecords(null, AllStatuses, call).ToList(), System.Threading.LazyThreadSafetyMode.PublicationOnly);
                inactive = new Lazy<List<QlikUser>>(() => site.ReadUserList(null, InactiveStatuses, call).ToList(), System.Threading.LazyThreadSafetyMode.PublicationOnly);
                bySubject = new Lazy<Dictionary<string, QlikUser>>(() => Users.GroupBy(record => record.User.UserId, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(group => group.Key, group => group.First().User, StringComparer.OrdinalIgnoreCase), System.Threading.LazyThreadSafetyMode.PublicationOnly);
            }

            public System.Threading.CancellationToken Token { get; }

            public List<(QlikUser User, string? TenantId)> Users => users.Value;

            public Dictionary<string, QlikUser> BySubject => bySubject.Value;

            /// <summary>The disabled and deleted users, read by status.</summary>
            public List<QlikUser> Inactive => inactive.Value;

            public Dictionary<Guid, DateTime> LastUse(SiteCall call) => lastUse ??= site.ReadLastUse(Users, call);

            /// <summary>Every assignment, read again after a change was sent (<see cref="Changed"/>).</summary>
            public List<JObject> Assignments(SiteCall call) =>
                assignments ??= site.client.ReadAll(CloudPaths.Assignments, "?limit=" + CloudPaths.PageLimit, call).ToList();

            public void Changed() => assignments = null;
        }

        /// <summary>The latest end of a session on an assigned licence, per user key (consumption names users by the tenant's user id).</summary>
        private Dictionary<Guid, DateTime> ReadLastUse(IEnumerable<(QlikUser User, string? TenantId)> users, SiteCall call)
        {
            var keysById = new Dictionary<string, Guid>(StringComparer.Ordinal);
            foreach (var (user, tenantId) in users)
                if (tenantId != null) keysById[tenantId] = user.Id;
            var lastUse = new Dictionary<Guid, DateTime>();
            foreach (var record in client.ReadAll(CloudPaths.Consumption, "?limit=" + CloudPaths.ConsumptionPageLimit, call))
            {
                if (!string.Equals((string?)record["licenseUsage"], CloudPaths.AssignedLicenseUsage, StringComparison.OrdinalIgnoreCase)) continue;
                var userId = (string?)record["userId"];
                var end = record.DateValue("endTime");
                if (userId == null || end == null || !keysById.TryGetValue(userId, out var key)) continue;
                if (!lastUse.TryGetValue(key, out var known) || end.Value > known) lastUse[key] = end.Value;
            }
            return lastUse;
        }

        private string SubjectOf(LicenseAllocation allocation) =>
            allocation.UserId is { Length: > 0 } subject ? subject
            : throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.BadRequest, "POST", CloudPaths.DeleteAssignments, null, CloudMessages.UnknownUserKey(Address.Name));

        private static HashSet<string> SubjectsOf(IReadOnlyCollection<UserName> names) =>
            new HashSet<string>(names.Where(name => string.IsNullOrEmpty(name.UserDirectory)).Select(name => name.UserId), StringComparer.OrdinalIgnoreCase);

        private static string SubjectFilter(string subject) => $"subject eq \"{subject.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

        /// <summary>Both batch actions held together, released together.</summary>
        private sealed class GatheringScope : IDisposable
        {
            private readonly IDisposable[] holds;

            public GatheringScope(params IDisposable[] holds) => this.holds = holds;

            public void Dispose()
            {
                foreach (var hold in holds) hold.Dispose();
            }
        }

        private static SiteException ItemFailure(string action, string path, string subject, LicenseAccessType type, CloudItemAnswer answer)
        {
            var typeName = CloudKeys.TypeName(type);
            if (string.Equals(answer.Code, CloudPaths.NoLicenseLeftCode, StringComparison.OrdinalIgnoreCase))
                return new SiteException(SiteKind.QlikCloud, SiteErrorKind.NoSeatLeft, "POST", path, answer.Status, CloudMessages.NoSeatLeft(subject, typeName, answer.Title),
                    answer.Code + " " + answer.Title);
            return new SiteException(SiteKind.QlikCloud, HttpStatuses.KindOf(answer.Status), "POST", path, answer.Status,
                CloudMessages.ItemFailed(action, subject, typeName, answer.Status, answer.Code, answer.Title), answer.Code == null ? null : answer.Code + " " + answer.Title);
        }
    }
}
