using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Maintenance
{
    /// <summary>One user to give one access type: named by directory and id, by repository key, or already read.</summary>
    public sealed class GrantRequest
    {
        private GrantRequest(LicenseAccessType type, object source)
        {
            Type = type;
            Source = source;
        }

        public LicenseAccessType Type { get; }
        public string UserDirectory { get; private set; }
        public string UserId { get; private set; }
        public Guid? UserKey { get; private set; }

        /// <summary>The user as read from the repository, when the caller had it already.</summary>
        public QlikUser User { get; private set; }

        /// <summary>The journaled release this request undoes, for a restore.</summary>
        public JournalRecord Release { get; private set; }

        /// <summary>What the caller gave, for error records.</summary>
        public object Source { get; }

        public string Identity => UserDirectory + "\\" + UserId;

        public static GrantRequest ForIdentity(LicenseAccessType type, string userDirectory, string userId, object source) =>
            new GrantRequest(type, source) { UserDirectory = userDirectory, UserId = userId };

        /// <summary>A user known by repository key (a journal record, an allocation, an earlier result); the names are for messages.</summary>
        public static GrantRequest ForKey(LicenseAccessType type, Guid userKey, string userDirectory, string userId, object source) =>
            new GrantRequest(type, source) { UserDirectory = userDirectory, UserId = userId, UserKey = userKey };

        public static GrantRequest ForUser(LicenseAccessType type, QlikUser user, object source) =>
            new GrantRequest(type, source) { UserDirectory = user.UserDirectory, UserId = user.UserId, UserKey = user.Id, User = user };

        /// <summary>Gives back what a release took: the same access type to the same repository user (by key).</summary>
        public static GrantRequest ForRelease(JournalRecord release) =>
            new GrantRequest(release.Type, release)
            {
                UserDirectory = release.UserDirectory,
                UserId = release.UserId,
                UserKey = release.UserKey,
                Release = release,
            };
    }

    public enum GrantDecision
    {
        /// <summary>The repository has no such user.</summary>
        UserNotFound,
        /// <summary>An earlier request of the same call names the same user and access type.</summary>
        Duplicate,
        /// <summary>The user holds this access type already (not quarantined).</summary>
        AlreadyAllocated,
        /// <summary>The user's allocation of this type is in quarantine: allocating reinstates it and needs no free seat.</summary>
        Reinstate,
        /// <summary>The user needs a free seat.</summary>
        NewSeat,
    }

    /// <summary>What will happen to one request, decided from the repository's state before any change.</summary>
    public sealed class GrantStep
    {
        internal GrantStep(GrantRequest request, QlikUser user, LicenseAllocation existing, GrantDecision decision)
        {
            Request = request;
            User = user;
            Existing = existing;
            Decision = decision;
        }

        public GrantRequest Request { get; }

        /// <summary>The repository user; null when not found.</summary>
        public QlikUser User { get; }

        /// <summary>The user's allocation of the type (active or quarantined), if any.</summary>
        public LicenseAllocation Existing { get; }

        public GrantDecision Decision { get; }

        public LicenseAccessType Type => Request.Type;

        /// <summary>"CORP\jdoe (John Doe)": what confirmations and messages name.</summary>
        public string Target
        {
            get
            {
                var identity = User?.Identity ?? Request.Identity;
                var name = User?.Name ?? Request.Release?.UserName;
                var userId = User?.UserId ?? Request.UserId;
                return string.IsNullOrEmpty(name) || name == userId ? identity : identity + " (" + name + ")";
            }
        }
    }

    /// <summary>Free seats per access type, counted down as allocations are approved.</summary>
    public sealed class SeatCounter
    {
        private readonly Dictionary<LicenseAccessType, LicenseSummary> summaries;
        private readonly Dictionary<LicenseAccessType, int> taken = new Dictionary<LicenseAccessType, int>();

        /// <param name="summaries">Null when the overview could not be read: every seat count is then unknown.</param>
        public SeatCounter(IEnumerable<LicenseSummary> summaries)
        {
            this.summaries = (summaries ?? Enumerable.Empty<LicenseSummary>()).ToDictionary(summary => summary.Type);
        }

        public int Taken(LicenseAccessType type) => taken.TryGetValue(type, out var count) ? count : 0;

        /// <summary>True while a seat is left, and always when the count is unknown: QRS then decides.</summary>
        public bool HasFree(LicenseAccessType type) => !(Initial(type) is int initial) || initial - Taken(type) > 0;

        public void Take(LicenseAccessType type) => taken[type] = Taken(type) + 1;

        /// <summary>Why a user does not fit, for the NoSeatAvailable error.</summary>
        public string Shortage(LicenseAccessType type, string target, string site)
        {
            summaries.TryGetValue(type, out var summary);
            if (summary?.Enabled == false)
                return $"{target} cannot get {type} access on {site}: the license does not offer {type} access.";
            return string.Format(CultureInfo.InvariantCulture,
                "No {0} access seat is free for {1} on {2}: {3} of {4} seats were free before this command{5}. Release allocations (Remove-QlikLicenseAllocation) or add seats to the license.",
                type, target, site, Initial(type), summary?.Total?.ToString(CultureInfo.InvariantCulture) ?? "?",
                Taken(type) > 0 ? string.Format(CultureInfo.InvariantCulture, ", and it took {0} for the users before", Taken(type)) : string.Empty);
        }

        private int? Initial(LicenseAccessType type)
        {
            if (!summaries.TryGetValue(type, out var summary)) return null;
            return summary.Enabled == false ? 0 : summary.Available;
        }
    }

    /// <summary>The steps of one call, and the seats they may use.</summary>
    public sealed class GrantPlan
    {
        internal GrantPlan(IReadOnlyList<GrantStep> steps, SeatCounter seats, string seatWarning)
        {
            Steps = steps;
            Seats = seats;
            SeatWarning = seatWarning;
        }

        public IReadOnlyList<GrantStep> Steps { get; }
        public SeatCounter Seats { get; }

        /// <summary>Why the seat counts are unknown, when they are; null otherwise.</summary>
        public string SeatWarning { get; }
    }

    /// <summary>
    /// Allocates access types: plans every request in a few batched reads (users, existing allocations, seats:
    /// never one lookup per user), then POSTs one allocation at a time, reading back when the answer does not say
    /// what happened. Each change is journaled before it is sent, like releases.
    /// </summary>
    public sealed class AllocationGrant
    {
        /// <summary>At most this many users per filtered read.</summary>
        public const int MaxBatchSize = 50;

        /// <summary>At most this many URL-encoded filter characters per read: 50 user keys fit, and the request line stays well below common server limits (HTTP.sys: 16 KB for request line and headers).</summary>
        public const int MaxFilterLength = 4000;

        private readonly QlikConnection connection;
        private readonly Func<DateTime> utcNow;

        public AllocationGrant(QlikConnection connection, Func<DateTime> utcNow = null)
        {
            this.connection = connection;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        public GrantPlan Plan(IReadOnlyList<GrantRequest> requests, QrsCall call)
        {
            var users = ResolveUsers(requests, call);
            var existing = new Dictionary<(LicenseAccessType, Guid), LicenseAllocation>();
            foreach (var type in requests.Select(request => request.Type).Distinct())
            {
                var keys = requests.Where(request => request.Type == type).Select(request => users[request]).Where(user => user != null)
                    .Select(user => user.Id).Distinct().ToList();
                foreach (var allocation in ReadAllocations(type, keys, call))
                {
                    var slot = (type, allocation.UserKey.Value);
                    // One per user and type is the rule; should QRS ever show two, the active one decides.
                    if (!existing.TryGetValue(slot, out var known) || known.Quarantined) existing[slot] = allocation;
                }
            }

            var seen = new HashSet<(LicenseAccessType, Guid)>();
            var steps = new List<GrantStep>();
            foreach (var request in requests)
            {
                var user = users[request];
                if (user == null)
                {
                    steps.Add(new GrantStep(request, null, null, GrantDecision.UserNotFound));
                    continue;
                }
                var slot = (request.Type, user.Id);
                existing.TryGetValue(slot, out var allocation);
                var decision = !seen.Add(slot) ? GrantDecision.Duplicate
                    : allocation == null ? GrantDecision.NewSeat
                    : allocation.Quarantined ? GrantDecision.Reinstate
                    : GrantDecision.AlreadyAllocated;
                steps.Add(new GrantStep(request, user, allocation, decision));
            }

            if (!steps.Any(step => step.Decision == GrantDecision.NewSeat)) return new GrantPlan(steps, new SeatCounter(null), null);
            try
            {
                var summaries = LicenseSummaryReader.ReadAsync(connection, call).GetAwaiter().GetResult();
                var unknown = summaries.Where(summary => summary.Available == null && summary.Enabled != false).Select(summary => summary.Type).ToList();
                return new GrantPlan(steps, new SeatCounter(summaries), unknown.Count == 0 ? null
                    : $"The license overview of {connection.Site} does not say how many {string.Join(" and ", unknown)} seats are free; QRS decides for each user.");
            }
            catch (QrsException error) when (error.Kind != QrsErrorKind.AccessDenied && error.Kind != QrsErrorKind.LoginPage)
            {
                // The overview is marked experimental by Qlik: without it, the POSTs still say whether a seat was free.
                return new GrantPlan(steps, new SeatCounter(null), $"Could not read the free seats of {connection.Site} ({error.Message}); QRS decides for each user.");
            }
        }

        /// <summary>The result for a user who holds the access type already; nothing is sent.</summary>
        public AllocationChangeResult AlreadyAllocated(GrantStep step) =>
            Result(step, AllocationOutcome.AlreadyAllocated, step.Existing.Id, null, null);

        /// <summary>
        /// Allocates: journals the intent (when a journal is given), sends the change, reads back, journals the outcome.
        /// A quarantined allocation is reinstated first as the QMC most likely does it, a PUT of the allocation with
        /// quarantined false and the modifiedDate read; when the site refuses that (4xx), by a POST for the user.
        /// Failures come back as a Failed result with the error, never thrown (except cancellation).
        /// </summary>
        public async Task<(AllocationChangeResult Result, QrsException Error)> AllocateAsync(GrantStep step, LicenseJournal journal, QrsCall call)
        {
            var intent = journal == null ? null : IntentOf(step);
            if (intent != null) journal.Append(intent);

            var path = QrsPaths.Allocations(step.Type);
            var body = new JObject { ["user"] = new JObject { ["id"] = step.User.Id.ToString("D") } };
            QrsException failure = null;
            LicenseAllocation created = null;
            try
            {
                var reinstated = step.Decision == GrantDecision.Reinstate && await ReinstateByPutAsync(step, call).ConfigureAwait(false);
                if (!reinstated && await connection.Client.PostAsync(path, body, call).ConfigureAwait(false) is JObject entity && step.Decision != GrantDecision.Reinstate)
                    created = LicenseAllocation.FromJson(entity, step.Type);
            }
            catch (QrsException error)
            {
                failure = error;
            }

            if (created != null && created.Id != Guid.Empty && !created.Quarantined)
                return Finish(step, journal, intent, IsReinstatement(step, created.Id) ? AllocationOutcome.Reinstated : AllocationOutcome.Allocated, created.Id, null, null);

            // No usable answer, or a reinstatement: read back what the user holds now.
            LicenseAllocation after;
            try
            {
                after = ReadAllocations(step.Type, new[] { step.User.Id }, call).OrderBy(allocation => allocation.Quarantined).FirstOrDefault();
            }
            catch (QrsException readError)
            {
                var unknown = failure ?? readError;
                return Finish(step, journal, intent, AllocationOutcome.Unknown, null,
                    $"The allocation may or may not have been made; reading it back failed: {readError.Message}", unknown);
            }

            if (after != null && !after.Quarantined)
            {
                if (failure != null && ServerRefused(failure) && step.Decision != GrantDecision.Reinstate)
                    return Finish(step, journal, intent, AllocationOutcome.AlreadyAllocated, after.Id, null, null);
                return Finish(step, journal, intent, IsReinstatement(step, after.Id) ? AllocationOutcome.Reinstated : AllocationOutcome.Allocated, after.Id,
                    failure == null ? null : "The answer was lost; reading back shows the allocation.", null);
            }

            var message = failure?.Message ?? "QRS answered, but the user does not hold the access type.";
            if (after != null)
                message += string.Format(CultureInfo.InvariantCulture, " The user's {0} allocation is in quarantine until {1:u}; reinstate it in the QMC.", step.Type, after.QuarantineEnd);
            return Finish(step, journal, intent, AllocationOutcome.Failed, after?.Id, message,
                failure ?? new QrsException(QrsErrorKind.InvalidResponse, "POST", path, null, message));
        }

        /// <summary>
        /// PUTs the quarantined allocation back with quarantined false and the modifiedDate read (QRS has no reinstate
        /// endpoint; this is what the QMC most likely sends). False when the site refuses it with a 4xx: then a POST
        /// for the user is the other way. Other failures are thrown.
        /// </summary>
        private async Task<bool> ReinstateByPutAsync(GrantStep step, QrsCall call)
        {
            var entityPath = QrsPaths.Entity(QrsPaths.Allocations(step.Type), step.Existing.Id);
            try
            {
                if (!(await connection.Client.GetAsync(entityPath, call).ConfigureAwait(false) is JObject entity)) return false;
                entity["quarantined"] = false;
                await connection.Client.PutAsync(entityPath, entity, call).ConfigureAwait(false);
                return true;
            }
            catch (QrsException error) when (error.StatusCode >= 400 && error.StatusCode < 500 && error.Kind != QrsErrorKind.AccessDenied && error.Kind != QrsErrorKind.LoginPage)
            {
                call.Trace($"The site refused to reinstate by PUT ({error.StatusCode}); allocating by POST instead.");
                return false;
            }
        }

        /// <summary>What the journal records before the change: a restore (undoing a release) or an allocation.</summary>
        private JournalRecord IntentOf(GrantStep step)
        {
            var release = step.Request.Release;
            if (release != null)
            {
                var restore = release.FollowUp(JournalEvent.Restore, null, utcNow());
                restore.OperationId = Guid.NewGuid();
                restore.Undoes = release.OperationId;
                return restore;
            }
            return new JournalRecord
            {
                Time = utcNow(),
                Event = JournalEvent.Allocate,
                OperationId = Guid.NewGuid(),
                Site = connection.Site,
                AllocationId = step.Existing?.Id ?? Guid.Empty,
                Type = step.Type,
                UserKey = step.User.Id,
                UserDirectory = step.User.UserDirectory,
                UserId = step.User.UserId,
                UserName = step.User.Name,
            };
        }

        private static bool IsReinstatement(GrantStep step, Guid allocationId) =>
            (step.Existing != null && step.Existing.Quarantined && step.Existing.Id == allocationId) ||
            (step.Request.Release != null && step.Request.Release.AllocationId == allocationId);

        /// <summary>The server answered and said no: an allocation seen afterwards is not ours.</summary>
        private static bool ServerRefused(QrsException error) =>
            error.Kind == QrsErrorKind.BadRequest || error.Kind == QrsErrorKind.Conflict || error.Kind == QrsErrorKind.NotFound ||
            error.Kind == QrsErrorKind.AccessDenied || error.Kind == QrsErrorKind.LoginPage;

        private (AllocationChangeResult, QrsException) Finish(GrantStep step, LicenseJournal journal, JournalRecord intent, AllocationOutcome outcome,
            Guid? allocationId, string message, QrsException error)
        {
            var result = Result(step, outcome, allocationId, message, intent != null ? journal.Path : null);
            if (intent != null)
            {
                var record = intent.FollowUp(intent.Event, outcome, result.Time, null, message);
                record.AllocationId = allocationId ?? intent.AllocationId;
                journal.Append(record);
            }
            return (result, error);
        }

        private AllocationChangeResult Result(GrantStep step, AllocationOutcome outcome, Guid? allocationId, string message, string journalPath) =>
            new AllocationChangeResult
            {
                Outcome = outcome,
                Type = step.Type,
                UserDirectory = step.User.UserDirectory,
                UserId = step.User.UserId,
                UserName = step.User.Name,
                UserKey = step.User.Id,
                AllocationId = allocationId,
                Message = message,
                JournalPath = journalPath,
                Site = connection.Site,
                Time = utcNow(),
            };

        private Dictionary<GrantRequest, QlikUser> ResolveUsers(IReadOnlyList<GrantRequest> requests, QrsCall call)
        {
            var byKey = new Dictionary<Guid, QlikUser>();
            var byIdentity = new Dictionary<(string, string), QlikUser>(IdentityComparer.Instance);
            foreach (var request in requests.Where(request => request.User != null)) byKey[request.User.Id] = request.User;

            var keys = requests.Where(request => request.User == null && request.UserKey != null).Select(request => request.UserKey.Value)
                .Where(key => !byKey.ContainsKey(key)).Distinct().ToList();
            foreach (var user in ReadUsers(keys, batch => UserKeyFilter("id", batch), call)) byKey[user.Id] = user;

            // A release of a deleted user's allocation has no key: the user it named may exist again under the same identity.
            var identities = requests.Where(request => request.User == null && request.UserKey == null &&
                                                       !string.IsNullOrEmpty(request.UserDirectory) && !string.IsNullOrEmpty(request.UserId))
                .Select(request => (Directory: request.UserDirectory, request.UserId)).Distinct(IdentityComparer.Instance).ToList();
            foreach (var user in ReadUsers(identities, IdentityFilter, call))
                byIdentity[(user.UserDirectory, user.UserId)] = user;

            var users = new Dictionary<GrantRequest, QlikUser>();
            foreach (var request in requests)
            {
                QlikUser user;
                if (request.User != null) user = request.User;
                else if (request.UserKey != null) byKey.TryGetValue(request.UserKey.Value, out user);
                else if (!string.IsNullOrEmpty(request.UserDirectory) && !string.IsNullOrEmpty(request.UserId)) byIdentity.TryGetValue((request.UserDirectory, request.UserId), out user);
                else user = null;
                users[request] = user;
            }
            return users;
        }

        private IEnumerable<QlikUser> ReadUsers<T>(IReadOnlyList<T> wanted, Func<IReadOnlyList<T>, QrsFilter> filterOf, QrsCall call) =>
            Batches(wanted, filterOf).SelectMany(filter => connection.Client.Stream(QrsPaths.User, QlikUser.FromJson, call, filter)).ToList();

        private List<LicenseAllocation> ReadAllocations(LicenseAccessType type, IReadOnlyList<Guid> userKeys, QrsCall call) =>
            Batches(userKeys, batch => UserKeyFilter("user.id", batch))
                .SelectMany(filter => AllocationReader.Read(connection, type, filter, call))
                .Where(allocation => allocation.UserKey != null && !allocation.DeletedUser)
                .ToList();

        /// <summary>
        /// Splits the wanted items into batches of at most <see cref="MaxBatchSize"/> whose filter stays within
        /// <see cref="MaxFilterLength"/> URL-encoded characters, and returns each batch's filter.
        /// </summary>
        internal static IEnumerable<QrsFilter> Batches<T>(IEnumerable<T> wanted, Func<IReadOnlyList<T>, QrsFilter> filterOf)
        {
            var batch = new List<T>();
            QrsFilter filter = null;
            foreach (var item in wanted)
            {
                batch.Add(item);
                var grown = filterOf(batch);
                if (batch.Count > 1 && (batch.Count > MaxBatchSize || grown.ToQueryValue().Length > MaxFilterLength))
                {
                    yield return filter;
                    batch = new List<T> { item };
                    grown = filterOf(batch);
                }
                filter = grown;
            }
            if (batch.Count > 0) yield return filter;
        }

        internal static QrsFilter UserKeyFilter(string property, IEnumerable<Guid> keys) =>
            QrsFilter.Or(keys.Select(key => QrsFilter.Equal(property, key)).ToArray());

        /// <summary>One "userDirectory eq .. and (userId eq .. or ..)" group per directory: shorter than repeating the directory.</summary>
        internal static QrsFilter IdentityFilter(IEnumerable<(string Directory, string UserId)> identities) =>
            QrsFilter.Or(identities.GroupBy(identity => identity.Directory, StringComparer.OrdinalIgnoreCase)
                .Select(directory => QrsFilter.And(QrsFilter.Equal("userDirectory", directory.Key), QrsFilter.AnyOf("userId", directory.Select(identity => identity.UserId))))
                .ToArray());

        /// <summary>QRS compares user directories and ids without regard to case; so do we when matching its answer.</summary>
        private sealed class IdentityComparer : IEqualityComparer<(string Directory, string UserId)>
        {
            public static readonly IdentityComparer Instance = new IdentityComparer();

            public bool Equals((string Directory, string UserId) x, (string Directory, string UserId) y) =>
                StringComparer.OrdinalIgnoreCase.Equals(x.Directory, y.Directory) && StringComparer.OrdinalIgnoreCase.Equals(x.UserId, y.UserId);

            public int GetHashCode((string Directory, string UserId) identity) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(identity.Directory ?? string.Empty) * 31 +
                StringComparer.OrdinalIgnoreCase.GetHashCode(identity.UserId ?? string.Empty);
        }
    }
}
