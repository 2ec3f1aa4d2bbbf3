using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
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
    /// what happened. Restores journal each POST before it is sent, like releases.
    /// </summary>
    public sealed class AllocationGrant
    {
        private readonly QlikConnection connection;
        private readonly Func<DateTime> utcNow;

        public AllocationGrant(QlikConnection connection, Func<DateTime> utcNow = null)
        {
            this.connection = connection;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        public GrantPlan Plan(IReadOnlyList<GrantRequest> requests, SiteCall call)
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
                var summaries = connection.Endpoint.ReadSummaryAsync(call).GetAwaiter().GetResult();
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
        /// POSTs the allocation. A restore journals its intent first and its outcome after. Failures come back as a
        /// Failed result with the error, never thrown (except cancellation).
        /// </summary>
        public async Task<(AllocationChangeResult Result, QrsException Error)> AllocateAsync(GrantStep step, LicenseJournal journal, SiteCall call)
        {
            var restoring = step.Request.Release != null && journal != null;
            if (restoring) journal.Append(step.Request.Release.FollowUp(JournalEvent.Restore, null, utcNow()));

            QrsException failure = null;
            LicenseAllocation created = null;
            try
            {
                created = await connection.Endpoint.AllocateAsync(step.Type, step.User.Id, call).ConfigureAwait(false);
            }
            catch (QrsException error)
            {
                failure = error;
            }

            if (created != null && created.Id != Guid.Empty && !created.Quarantined)
                return Finish(step, journal, restoring, IsReinstatement(step, created.Id) ? AllocationOutcome.Reinstated : AllocationOutcome.Allocated, created.Id, null, null);

            // No usable answer: read back what the user holds now.
            LicenseAllocation after;
            try
            {
                after = ReadAllocations(step.Type, new[] { step.User.Id }, call).OrderBy(allocation => allocation.Quarantined).FirstOrDefault();
            }
            catch (QrsException readError)
            {
                var unknown = failure ?? readError;
                return Finish(step, journal, restoring, AllocationOutcome.Unknown, null,
                    $"The allocation may or may not have been made; reading it back failed: {readError.Message}", unknown);
            }

            if (after != null && !after.Quarantined)
            {
                if (failure != null && ServerRefused(failure))
                    return Finish(step, journal, restoring, AllocationOutcome.AlreadyAllocated, after.Id, null, null);
                return Finish(step, journal, restoring, IsReinstatement(step, after.Id) ? AllocationOutcome.Reinstated : AllocationOutcome.Allocated, after.Id,
                    failure == null ? null : "The answer to the POST was lost; reading back shows the allocation.", null);
            }

            var message = failure?.Message ?? "QRS answered the POST, but the user does not hold the access type.";
            if (after != null)
                message += string.Format(CultureInfo.InvariantCulture, " The user's {0} allocation is in quarantine until {1:u}; reinstate it in the QMC.", step.Type, after.QuarantineEnd);
            return Finish(step, journal, restoring, AllocationOutcome.Failed, after?.Id, message,
                failure ?? new QrsException(QrsErrorKind.InvalidResponse, "POST", null, null, message));
        }

        private static bool IsReinstatement(GrantStep step, Guid allocationId) =>
            (step.Existing != null && step.Existing.Quarantined && step.Existing.Id == allocationId) ||
            (step.Request.Release != null && step.Request.Release.AllocationId == allocationId);

        /// <summary>The server answered and said no: an allocation seen afterwards is not ours.</summary>
        private static bool ServerRefused(QrsException error) =>
            error.Kind == QrsErrorKind.BadRequest || error.Kind == QrsErrorKind.Conflict || error.Kind == QrsErrorKind.NotFound ||
            error.Kind == QrsErrorKind.AccessDenied || error.Kind == QrsErrorKind.LoginPage;

        private (AllocationChangeResult, QrsException) Finish(GrantStep step, LicenseJournal journal, bool restoring, AllocationOutcome outcome,
            Guid? allocationId, string message, QrsException error)
        {
            var result = Result(step, outcome, allocationId, message, restoring ? journal.Path : null);
            if (restoring)
            {
                var record = step.Request.Release.FollowUp(JournalEvent.Restore, outcome, result.Time, null, message);
                record.AllocationId = allocationId ?? step.Request.Release.AllocationId;
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

        private Dictionary<GrantRequest, QlikUser> ResolveUsers(IReadOnlyList<GrantRequest> requests, SiteCall call)
        {
            var byKey = new Dictionary<Guid, QlikUser>();
            var byName = new Dictionary<UserName, QlikUser>(UserName.Comparer);
            foreach (var request in requests.Where(request => request.User != null)) byKey[request.User.Id] = request.User;

            var keys = requests.Where(request => request.User == null && request.UserKey != null).Select(request => request.UserKey.Value)
                .Where(key => !byKey.ContainsKey(key)).Distinct().ToList();
            // A release of a deleted user's allocation has no key: the user it named may exist again under the same identity.
            var names = requests.Where(request => request.User == null && request.UserKey == null &&
                                                  !string.IsNullOrEmpty(request.UserDirectory) && !string.IsNullOrEmpty(request.UserId))
                .Select(request => new UserName(request.UserDirectory, request.UserId)).Distinct(UserName.Comparer).ToList();
            var keySet = new HashSet<Guid>(keys);
            var nameSet = new HashSet<UserName>(names, UserName.Comparer);
            foreach (var user in connection.Endpoint.LookUpUsers(keys, names, call))
            {
                var name = new UserName(user.UserDirectory, user.UserId);
                if (keySet.Contains(user.Id)) byKey[user.Id] = user;
                if (nameSet.Contains(name)) byName[name] = user;
            }

            var users = new Dictionary<GrantRequest, QlikUser>();
            foreach (var request in requests)
            {
                QlikUser user;
                if (request.User != null) user = request.User;
                else if (request.UserKey != null) byKey.TryGetValue(request.UserKey.Value, out user);
                else if (!string.IsNullOrEmpty(request.UserDirectory) && !string.IsNullOrEmpty(request.UserId)) byName.TryGetValue(new UserName(request.UserDirectory, request.UserId), out user);
                else user = null;
                users[request] = user;
            }
            return users;
        }

        private List<LicenseAllocation> ReadAllocations(LicenseAccessType type, IReadOnlyList<Guid> userKeys, SiteCall call) =>
            connection.Endpoint.LookUpAllocations(type, userKeys, call)
                .Where(allocation => allocation.UserKey != null && !allocation.DeletedUser)
                .ToList();
    }
}
