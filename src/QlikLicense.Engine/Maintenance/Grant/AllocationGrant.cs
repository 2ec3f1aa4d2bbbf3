using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>
    /// Allocates access types: plans every request in a few batched reads (users, existing allocations, seats:
    /// never one lookup per user), then POSTs one allocation at a time (on a site whose changes travel in batches, a
    /// batch's worth in one request), reading back when the answer does not say what happened. Each change is
    /// journaled before it is sent, like releases.
    /// </summary>
    public sealed class AllocationGrant
    {
        private readonly QlikConnection connection;
        private readonly Func<DateTime> utcNow;

        public AllocationGrant(QlikConnection connection, Func<DateTime>? utcNow = null)
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
                var keys = requests.Where(request => request.Type == type).Select(request => users[request]).OfType<QlikUser>()
                    .Select(user => user.Id).Distinct().ToList();
                foreach (var allocation in ReadAllocations(type, keys, call))
                {
                    // ReadAllocations keeps only allocations of users with a key. (Not `!(... is Guid key)`: a mutant of
                    // that pattern does not compile, and Stryker then drops every mutant of this method.)
                    if (allocation.UserKey == null) continue;
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
            if (connection.Kind != SiteKind.QlikCloud) FindSpareSeats(steps, call);

            if (!steps.Any(step => step.Decision == GrantDecision.NewSeat)) return new GrantPlan(steps, new SeatCounter(null), null);
            try
            {
                var summaries = connection.SiteApi.ReadSummaryAsync(call).GetAwaiter().GetResult();
                var unknown = summaries.Where(summary => summary.Available == null && summary.Enabled != false).Select(summary => summary.Type).ToList();
                return new GrantPlan(steps, new SeatCounter(summaries), unknown.Count == 0 ? null
                    : MaintenanceMessages.Grants.SeatsUnknown(connection.Site, unknown));
            }
            catch (SiteException error) when (error.ErrorKind != SiteErrorKind.AccessDenied && error.ErrorKind != SiteErrorKind.LoginPage)
            {
                // The overview is marked experimental by Qlik: without it, the POSTs still say whether a seat was free.
                return new GrantPlan(steps, new SeatCounter(null), MaintenanceMessages.Grants.SeatsUnreadable(connection.Site, error.Message));
            }
        }

        /// <summary>
        /// Plans every request in batched reads, reports what needs no change, asks the host about each change
        /// (counting seats down, under -WhatIf too, so the preview shows who would not fit), then allocates one user
        /// at a time. Results go to the host's output and are returned.
        /// </summary>
        public IReadOnlyList<AllocationChangeResult> Run(IReadOnlyList<GrantRequest> requests, GrantOptions options, IOperationHost host, SiteCall call)
        {
            var results = new List<AllocationChangeResult>();
            if (requests.Count == 0) return results;
            GrantPlan plan;
            try
            {
                plan = Plan(requests, call);
            }
            catch (SiteException error)
            {
                host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, connection.Site));
                return results;
            }
            if (plan.SeatWarning != null) host.Warning(plan.SeatWarning);

            var approved = new List<GrantStep>();
            foreach (var step in plan.Steps)
            {
                switch (step.Decision)
                {
                    case GrantDecision.UserNotFound:
                        host.Problem(new OperationProblem(ProblemKind.UserNotFound, new InvalidOperationException(UserNotFoundMessage(step)), step.Request.Source));
                        break;
                    case GrantDecision.Duplicate:
                        host.Verbose(MaintenanceMessages.Grants.AskedTwice(step.Target, step.Type));
                        break;
                    case GrantDecision.AlreadyAllocated:
                        var already = AlreadyAllocated(step);
                        results.Add(already);
                        host.Output(already);
                        break;
                    default:
                        var needsSeat = step.Decision == GrantDecision.NewSeat;
                        if (needsSeat && !plan.Seats.HasFree(step.Type))
                        {
                            host.Problem(new OperationProblem(ProblemKind.NoSeatAvailable,
                                new InvalidOperationException(plan.Seats.Shortage(step.Type, step.Target, connection.Site)), step.Request.Source));
                            break;
                        }
                        if (step.OtherSeat != null) host.Warning(MaintenanceMessages.Grants.SpareSeat(step.Target, step.Type, step.OtherSeat));
                        var confirmed = host.ShouldChange(step.Target, options.ActionFor(step), ChangeImpact.Medium, out var whatIf);
                        if (confirmed) approved.Add(step);
                        if (needsSeat && (confirmed || whatIf)) plan.Seats.Take(step.Type);
                        break;
                }
            }
            if (approved.Count > 0) results.AddRange(Allocate(approved, options, host, call));
            return results;
        }

        private List<AllocationChangeResult> Allocate(List<GrantStep> approved, GrantOptions options, IOperationHost host, SiteCall call)
        {
            const int activityId = 1;
            const string activity = "Allocating license access";
            var results = new List<AllocationChangeResult>();
            // A site whose changes travel in batches gets a batch's allocations at once, each journaled before the batch is sent.
            var batching = connection.SiteApi as IBatchedChangeSite;
            var batchSize = batching == null ? 1 : Math.Max(1, Math.Min(options.BatchSize ?? batching.LargestBatch, batching.LargestBatch));
            using (var journal = LicenseJournal.Open(host, options.JournalPath, connection.Site, MaintenanceMessages.Routine.NothingMoreAllocated))
            {
                for (var start = 0; start < approved.Count; start += batchSize)
                {
                    var batch = approved.Skip(start).Take(batchSize).ToList();
                    if (approved.Count > 5) host.Progress(activityId, activity, $"{start + 1} of {approved.Count}: {batch[0].Target}", start, approved.Count);
                    var running = new List<Task<(AllocationChangeResult Result, SiteException? Error)>>();
                    using (batching?.GatherChanges())
                    {
                        foreach (var step in batch) running.Add(AllocateAsync(step, journal, call));
                    }
                    for (var index = 0; index < batch.Count; index++)
                    {
                        var (result, error) = running[index].GetAwaiter().GetResult();
                        if (error != null) host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, batch[index].Request.Source));
                        results.Add(result);
                        host.Output(result);
                    }
                }
                if (approved.Count > 5) host.ProgressCompleted(activityId, activity);
            }
            return results;
        }

        internal string UserNotFoundMessage(GrantStep step)
        {
            var request = step.Request;
            if (request.UserKey != null)
                return MaintenanceMessages.Grants.UserKeyNotFound(connection.Site, request.UserKey, request.Identity, step.Type);
            if (string.IsNullOrEmpty(request.UserDirectory) || string.IsNullOrEmpty(request.UserId))
                return MaintenanceMessages.Grants.NamesNoUser(step.Type);
            return MaintenanceMessages.Grants.UserNotFound(connection.Site, request.Identity);
        }

        /// <summary>The result for a user who holds the access type already; nothing is sent.</summary>
        public AllocationChangeResult AlreadyAllocated(GrantStep step) =>
            Result(step, AllocationOutcome.AlreadyAllocated, step.ExistingAllocation.Id, null, null);

        /// <summary>
        /// Allocates: journals the intent (when a journal is given), sends the change, reads back, journals the outcome.
        /// A quarantined allocation is reinstated first as the QMC most likely does it (<see cref="IQuarantineSite.ReinstateAsync"/>);
        /// when the site refuses that, by allocating to the user again.
        /// Failures come back as a Failed result with the error, never thrown (except cancellation).
        /// </summary>
        public async Task<(AllocationChangeResult Result, SiteException? Error)> AllocateAsync(GrantStep step, LicenseJournal? journal, SiteCall call)
        {
            JournalRecord? intent = null;
            if (journal != null)
            {
                intent = IntentOf(step);
                journal.Append(intent);
            }

            SiteException? failure = null;
            LicenseAllocation? created = null;
            try
            {
                var reinstated = step.Decision == GrantDecision.Reinstate && connection.SiteApi is IQuarantineSite quarantine &&
                                 await quarantine.ReinstateAsync(step.ExistingAllocation, call).ConfigureAwait(false);
                if (!reinstated)
                {
                    var answer = await connection.SiteApi.AllocateAsync(step.Type, step.FoundUser, call).ConfigureAwait(false);
                    if (step.Decision != GrantDecision.Reinstate) created = answer;
                }
            }
            catch (SiteException error)
            {
                failure = error;
            }

            if (created != null && created.Id != Guid.Empty && !created.Quarantined)
                return Finish(step, journal, intent, IsReinstatement(step, created.Id) ? AllocationOutcome.Reinstated : AllocationOutcome.Allocated, created.Id, null, null);

            // No usable answer, or a reinstatement: read back what the user holds now.
            LicenseAllocation? after;
            try
            {
                after = ReadAllocations(step.Type, new[] { step.FoundUser.Id }, call).OrderBy(allocation => allocation.Quarantined).FirstOrDefault();
            }
            catch (SiteException readError)
            {
                var unknown = failure ?? readError;
                return Finish(step, journal, intent, AllocationOutcome.Unknown, null,
                    MaintenanceMessages.Grants.ReadBackFailed(readError.Message), unknown);
            }

            if (after != null && !after.Quarantined)
            {
                if (failure != null && ServerRefused(failure) && step.Decision != GrantDecision.Reinstate)
                    return Finish(step, journal, intent, AllocationOutcome.AlreadyAllocated, after.Id, null, null);
                return Finish(step, journal, intent, IsReinstatement(step, after.Id) ? AllocationOutcome.Reinstated : AllocationOutcome.Allocated, after.Id,
                    failure == null ? null : MaintenanceMessages.Grants.AnswerLost, null);
            }

            var message = failure?.Message ?? MaintenanceMessages.Grants.NotHeld;
            if (after != null)
                message += MaintenanceMessages.Grants.InQuarantine(step.Type, after.QuarantineEnd);
            return Finish(step, journal, intent, AllocationOutcome.Failed, after?.Id, message,
                failure ?? new SiteException(connection.Kind, SiteErrorKind.InvalidResponse, "POST", null, null, message));
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
                UserKey = step.FoundUser.Id,
                UserDirectory = step.FoundUser.UserDirectory,
                UserId = step.FoundUser.UserId,
                UserName = step.FoundUser.Name,
            };
        }

        private static bool IsReinstatement(GrantStep step, Guid allocationId) =>
            (step.Existing != null && step.Existing.Quarantined && step.Existing.Id == allocationId) ||
            (step.Request.Release != null && step.Request.Release.AllocationId == allocationId);

        /// <summary>The server answered and said no: an allocation seen afterwards is not ours.</summary>
        private static bool ServerRefused(SiteException error) =>
            error.ErrorKind == SiteErrorKind.BadRequest || error.ErrorKind == SiteErrorKind.Conflict || error.ErrorKind == SiteErrorKind.NotFound ||
            error.ErrorKind == SiteErrorKind.AccessDenied || error.ErrorKind == SiteErrorKind.LoginPage || error.ErrorKind == SiteErrorKind.NoSeatLeft;

        private (AllocationChangeResult, SiteException?) Finish(GrantStep step, LicenseJournal? journal, JournalRecord? intent, AllocationOutcome outcome,
            Guid? allocationId, string? message, SiteException? error)
        {
            var result = Result(step, outcome, allocationId, message, intent != null ? journal?.Path : null);
            if (journal != null && intent != null)
            {
                var record = intent.FollowUp(intent.Event, outcome, result.Time, null, message);
                record.AllocationId = allocationId ?? intent.AllocationId;
                journal.Append(record);
            }
            return (result, error);
        }

        private AllocationChangeResult Result(GrantStep step, AllocationOutcome outcome, Guid? allocationId, string? message, string? journalPath) =>
            AllocationChangeResults.OfGrant(step.FoundUser, step.Type, outcome, allocationId, message, journalPath, connection.Site, utcNow());

        private Dictionary<GrantRequest, QlikUser?> ResolveUsers(IReadOnlyList<GrantRequest> requests, SiteCall call)
        {
            var byKey = new Dictionary<Guid, QlikUser>();
            var byName = new Dictionary<UserName, QlikUser>(UserName.Comparer);
            foreach (var user in requests.Select(request => request.User).OfType<QlikUser>()) byKey[user.Id] = user;

            var keys = requests.Where(request => request.User == null && request.UserKey != null).Select(request => request.UserKey.GetValueOrDefault())
                .Where(key => !byKey.ContainsKey(key)).Distinct().ToList();
            // A release of a deleted user's allocation has no key: the user it named may exist again under the same identity.
            var names = requests.Where(request => request.User == null && request.UserKey == null && request.Name != null)
                .Select(request => request.Name.GetValueOrDefault()).Distinct(UserName.Comparer).ToList();
            var keySet = new HashSet<Guid>(keys);
            var nameSet = new HashSet<UserName>(names, UserName.Comparer);
            foreach (var user in connection.SiteApi.LookUpUsersInBatches(keys, names, call))
            {
                var name = new UserName(user.UserDirectory, user.UserId);
                if (keySet.Contains(user.Id)) byKey[user.Id] = user;
                if (nameSet.Contains(name)) byName[name] = user;
            }

            var users = new Dictionary<GrantRequest, QlikUser?>();
            foreach (var request in requests)
            {
                QlikUser? user;
                if (request.User != null) user = request.User;
                else if (request.UserKey != null) byKey.TryGetValue(request.UserKey.Value, out user);
                else if (request.Name is UserName name) byName.TryGetValue(name, out user);
                else user = null;
                users[request] = user;
            }
            return users;
        }

        /// <summary>
        /// Professional gives everything Analyzer does, so a person holding both has a spare seat (the
        /// ProfessionalAndAnalyzer finding). Marks each step that would make one: the other seat type of the users about
        /// to get one, read in batches. Not on a tenant, where holding both is unconfirmed.
        /// </summary>
        private void FindSpareSeats(List<GrantStep> steps, SiteCall call)
        {
            var allocating = steps.Where(step => (step.Decision == GrantDecision.NewSeat || step.Decision == GrantDecision.Reinstate) && OtherSeat(step.Type) != null);
            foreach (var group in allocating.GroupBy(step => step.Type))
            {
                var other = OtherSeat(group.Key).GetValueOrDefault();
                var keys = group.Select(step => step.FoundUser.Id).Distinct().ToList();
                var held = new Dictionary<Guid, LicenseAllocation>();
                foreach (var allocation in ReadAllocations(other, keys, call).Where(allocation => !allocation.Quarantined))
                    held[allocation.UserKey.GetValueOrDefault()] = allocation;
                foreach (var step in group)
                {
                    if (held.TryGetValue(step.FoundUser.Id, out var allocation)) step.OtherSeat = allocation;
                }
            }
        }

        private static LicenseAccessType? OtherSeat(LicenseAccessType type) =>
            type == LicenseAccessType.Professional ? LicenseAccessType.Analyzer
            : type == LicenseAccessType.Analyzer ? LicenseAccessType.Professional
            : (LicenseAccessType?)null;

        private List<LicenseAllocation> ReadAllocations(LicenseAccessType type, IReadOnlyList<Guid> userKeys, SiteCall call) =>
            connection.SiteApi.LookUpAllocationsInBatches(type, userKeys, call)
                .Where(allocation => allocation.UserKey != null && !allocation.DeletedUser)
                .ToList();
    }
}
