using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// Undoes journaled changes, each as a journaled change of its own (so an undo can be undone): a release is
    /// given back (reinstated while in quarantine, else allocated again, checking seats), an allocation released,
    /// a created rule removed with its group, a changed rule put back (refused when it was changed since), a
    /// removed rule created again with a new group.
    /// </summary>
    public sealed class ChangeUndo
    {
        private static readonly HashSet<AllocationOutcome?> Done = new HashSet<AllocationOutcome?>
        {
            AllocationOutcome.Released, AllocationOutcome.Quarantined, AllocationOutcome.AlreadyGone, AllocationOutcome.Allocated, AllocationOutcome.Reinstated,
            AllocationOutcome.AlreadyAllocated, AllocationOutcome.Created, AllocationOutcome.Changed, AllocationOutcome.Removed, AllocationOutcome.Unchanged,
        };

        private readonly QlikConnection connection;
        private readonly LicenseJournal journal;
        private readonly IDictionary<Guid, Guid> recreatedRules;
        private readonly IDictionary<Guid, JournalRule> knownRules;
        private readonly IDictionary<Guid, Guid> givenBack;

        /// <param name="recreatedRules">Shared by the undos of one run: the id of each rule an undo created again, by the id it had,
        /// so the undo of an older change of that rule finds it.</param>
        /// <param name="knownRules">Shared by the undos of one run, from <see cref="UndoSelection.KnownRules"/>: the newest state of each
        /// rule that the journal or this run wrote, so a rule changed by a later journaled change (or an undo of this run) is not taken
        /// for one changed by someone else.</param>
        /// <param name="givenBack">Shared by the undos of one run, from <see cref="UndoSelection.GivenBack"/>: the allocation each undo of a
        /// release gave back, by the id of the allocation released, so the undo of an older allocation takes back the one there now.</param>
        public ChangeUndo(QlikConnection connection, LicenseJournal journal, IDictionary<Guid, Guid> recreatedRules, IDictionary<Guid, JournalRule> knownRules,
            IDictionary<Guid, Guid> givenBack)
        {
            this.connection = connection;
            this.journal = journal;
            this.recreatedRules = recreatedRules;
            this.knownRules = knownRules;
            this.givenBack = givenBack;
        }

        /// <param name="operations">Combined operations (<see cref="JournalOperations.Combine"/>), in journal order.</param>
        public static UndoSelection Select(IEnumerable<JournalRecord> operations, string site, DateTime? sinceUtc)
        {
            var all = operations.ToList();
            var undone = new HashSet<Guid>(all.Where(operation => Done.Contains(operation.Outcome))
                .Select(operation => operation.Undoes ?? (operation.Event == JournalEvent.Restore ? operation.OperationId : Guid.Empty)));
            var present = new HashSet<Guid>(all.Select(operation => operation.OperationId));
            var selection = new UndoSelection { KnownRules = NewestRuleStates(all), GivenBack = AllocationsGivenBack(all) };
            var otherSite = new List<JournalRecord>();
            var toUndo = new List<(JournalRecord Operation, int Index)>();
            for (var index = 0; index < all.Count; index++)
            {
                var operation = all[index];
                if (sinceUtc != null && operation.Time < sinceUtc.Value) selection.BeforeSince++;
                else if (!Undoable(operation)) selection.NothingChanged++;
                else if (undone.Contains(operation.OperationId) || (operation.Undoes != null && present.Contains(operation.Undoes.Value))) selection.UndoneBefore++;
                else if (!string.Equals(operation.Site, site, StringComparison.OrdinalIgnoreCase)) otherSite.Add(operation);
                else toUndo.Add((operation, index));
            }
            selection.ToUndo = toUndo.OrderByDescending(item => item.Operation.Time).ThenByDescending(item => item.Index).Select(item => item.Operation).ToList();
            selection.OtherSite = otherSite;
            return selection;
        }

        private static Dictionary<Guid, JournalRule> NewestRuleStates(IEnumerable<JournalRecord> operations)
        {
            var newest = new Dictionary<Guid, JournalRule>();
            foreach (var state in operations.Where(operation => Done.Contains(operation.Outcome)).Select(operation => operation.RuleAfter))
                if (state?.Id != null && (!newest.TryGetValue(state.Id.Value, out var known) || IsNewer(state, known)))
                    newest[state.Id.Value] = state;
            return newest;
        }

        /// <summary>The allocation each journaled undo of a release gave back, by the id of the allocation released (see <see cref="UndoSelection.GivenBack"/>).</summary>
        /// <param name="operations">Combined operations (<see cref="JournalOperations.Combine"/>).</param>
        public static Dictionary<Guid, Guid> AllocationsGivenBack(IReadOnlyList<JournalRecord> operations)
        {
            var releases = operations.Where(operation => operation.Event == JournalEvent.Release).GroupBy(operation => operation.OperationId)
                .ToDictionary(release => release.Key, release => release.First().AllocationId);
            var givenBack = new Dictionary<Guid, Guid>();
            foreach (var restore in operations.Where(operation => operation.Event == JournalEvent.Restore && operation.AllocationId != Guid.Empty
                                                                  && (operation.Outcome == AllocationOutcome.Allocated || operation.Outcome == AllocationOutcome.Reinstated)))
                if (restore.Undoes is Guid undone && releases.TryGetValue(undone, out var released) && released != restore.AllocationId)
                    givenBack[released] = restore.AllocationId;
            return givenBack;
        }

        private static bool IsNewer(JournalRule state, JournalRule than) =>
            state.ModifiedDate != null && (than.ModifiedDate == null || state.ModifiedDate.Value > than.ModifiedDate.Value);

        /// <summary>Whether the change may have changed the site (no outcome: the run stopped after its intent).</summary>
        private static bool Undoable(JournalRecord operation)
        {
            switch (operation.Event)
            {
                case JournalEvent.Release:
                    return operation.Outcome == null || operation.Outcome == AllocationOutcome.Released || operation.Outcome == AllocationOutcome.Quarantined ||
                           operation.Outcome == AllocationOutcome.Unknown;
                case JournalEvent.Restore:
                case JournalEvent.Allocate:
                    return operation.Outcome == null || operation.Outcome == AllocationOutcome.Allocated || operation.Outcome == AllocationOutcome.Reinstated ||
                           operation.Outcome == AllocationOutcome.Unknown;
                case JournalEvent.RuleCreate:
                    return operation.Outcome == AllocationOutcome.Created;
                case JournalEvent.RuleChange:
                    return operation.Outcome == null || operation.Outcome == AllocationOutcome.Changed || operation.Outcome == AllocationOutcome.Unknown;
                case JournalEvent.RuleRemove:
                    return operation.Outcome == null || operation.Outcome == AllocationOutcome.Removed || operation.Outcome == AllocationOutcome.Unknown;
                default:
                    return false;
            }
        }

        /// <summary>What the undo will do, for -WhatIf and -Confirm.</summary>
        public static string ActionFor(JournalRecord operation) => MaintenanceMessages.Undo.Action(operation);

        /// <summary>Undoes one change. QRS, rule and undo problems are thrown; a failed allocation change comes back with its error.</summary>
        public async Task<(ChangeUndoResult Result, SiteException? Error)> UndoAsync(JournalRecord operation, SiteCall call, SiteCall cleanupCall)
        {
            switch (operation.Event)
            {
                case JournalEvent.Release: return await GiveBackAsync(operation, call).ConfigureAwait(false);
                case JournalEvent.RuleCreate: return (await RemoveCreatedRuleAsync(operation, call).ConfigureAwait(false), (SiteException?)null);
                case JournalEvent.RuleChange: return (await PutRuleBackAsync(operation, call).ConfigureAwait(false), (SiteException?)null);
                case JournalEvent.RuleRemove: return (await CreateRemovedRuleAsync(operation, call, cleanupCall).ConfigureAwait(false), (SiteException?)null);
                default: return await TakeBackAsync(operation, call).ConfigureAwait(false);
            }
        }

        private async Task<(ChangeUndoResult, SiteException?)> GiveBackAsync(JournalRecord release, SiteCall call)
        {
            var grant = new AllocationGrant(connection);
            var plan = grant.Plan(new[] { GrantRequest.ForRelease(release) }, call);
            var step = plan.Steps[0];
            if (step.Decision == GrantDecision.UserNotFound)
                throw new ChangeUndoException(UndoProblem.UserNotFound, MaintenanceMessages.Undo.UserGone(connection.Site, release));
            if (step.Decision == GrantDecision.AlreadyAllocated)
                return (Result(release, AllocationOutcome.AlreadyAllocated, MaintenanceMessages.Undo.AlreadyAllocated), (SiteException?)null);
            if (step.Decision == GrantDecision.NewSeat && !plan.Seats.HasFree(step.Type))
                throw new ChangeUndoException(UndoProblem.NoSeatAvailable, plan.Seats.Shortage(step.Type, step.Target, connection.Site));
            var (result, error) = await grant.AllocateAsync(step, journal, call).ConfigureAwait(false);
            if (result.AllocationId is Guid given && given != Guid.Empty && given != release.AllocationId) givenBack[release.AllocationId] = given;
            return (Result(release, result.Outcome, result.Message), error);
        }

        private async Task<(ChangeUndoResult, SiteException?)> TakeBackAsync(JournalRecord allocated, SiteCall call)
        {
            var allocationId = NowHeldAs(allocated.AllocationId);
            var allocation = allocationId == Guid.Empty ? null
                : await connection.Endpoint.FindAllocationAsync(allocated.Type, allocationId, call).ConfigureAwait(false);
            if (allocation == null || allocation.Quarantined)
                return (Result(allocated, AllocationOutcome.AlreadyGone, MaintenanceMessages.Undo.AllocationAlreadyGone), (SiteException?)null);
            var (result, error) = await new AllocationRelease(connection, journal).ReleaseAsync(allocation, call, allocated.OperationId).ConfigureAwait(false);
            return (Result(allocated, result.Outcome, result.Message), error);
        }

        /// <summary>The allocation there now for one that was released and given back (perhaps several times); itself otherwise.</summary>
        private Guid NowHeldAs(Guid allocationId)
        {
            for (var hops = 0; hops < givenBack.Count && givenBack.TryGetValue(allocationId, out var next); hops++) allocationId = next;
            return allocationId;
        }

        private async Task<ChangeUndoResult> RemoveCreatedRuleAsync(JournalRecord created, SiteCall call)
        {
            var id = created.RuleAfter?.Id ?? throw new ChangeUndoException(UndoProblem.NotUndoable, MaintenanceMessages.Undo.CreatedRuleNotJournaled(created.RuleName));
            var recreated = recreatedRules.TryGetValue(id, out var newId);
            var rule = await ReadRuleOrNullAsync(recreated ? newId : id, call).ConfigureAwait(false);
            if (rule == null) return Result(created, AllocationOutcome.AlreadyGone, MaintenanceMessages.Undo.RuleAlreadyGone);
            EnsureUnchangedSince(created, rule, Expected(rule, created.RuleAfter), compareDates: !recreated);
            var wasThere = await LicenseRuleJournal.RemoveAsync(connection, journal, rule, call, created.OperationId).ConfigureAwait(false);
            return Result(created, wasThere ? AllocationOutcome.Removed : AllocationOutcome.AlreadyGone, null);
        }

        private async Task<ChangeUndoResult> PutRuleBackAsync(JournalRecord changed, SiteCall call)
        {
            var before = changed.RuleBefore;
            if (before?.Id == null || changed.RuleAfter == null)
                throw new ChangeUndoException(UndoProblem.NotUndoable, MaintenanceMessages.Undo.ChangedRuleNotJournaled(changed.Target));
            var recreated = recreatedRules.TryGetValue(before.Id.Value, out var newId);
            var rule = await ReadRuleOrNullAsync(recreated ? newId : before.Id.Value, call).ConfigureAwait(false)
                       ?? throw new ChangeUndoException(UndoProblem.RuleMissing, MaintenanceMessages.Undo.RuleMissing(changed.Target, before.Id, connection.Site));
            var change = new LicenseRuleChange { Name = before.Name, Rule = before.Rule, Comment = before.Comment ?? string.Empty, Disabled = before.Disabled };
            if (!change.ChangesAnything(rule)) return Result(changed, AllocationOutcome.Unchanged, MaintenanceMessages.Undo.RuleAlreadyAsBefore);
            EnsureUnchangedSince(changed, rule, Expected(rule, changed.RuleAfter), compareDates: !recreated);
            var putBack = await LicenseRuleJournal.UpdateAsync(connection, journal, rule, change, call, changed.OperationId).ConfigureAwait(false);
            knownRules[putBack.Id] = LicenseRuleJournal.Snapshot(putBack);
            return Result(changed, AllocationOutcome.Changed, null);
        }

        private async Task<ChangeUndoResult> CreateRemovedRuleAsync(JournalRecord removed, SiteCall call, SiteCall cleanupCall)
        {
            var before = removed.RuleBefore ?? throw new ChangeUndoException(UndoProblem.NotUndoable, MaintenanceMessages.Undo.RemovedRuleNotJournaled);
            // A line of the first release's rule journal may lack them; without both there is nothing to create.
            if (before.Name == null || before.Rule == null)
                throw new ChangeUndoException(UndoProblem.NotUndoable, MaintenanceMessages.Undo.RemovedRuleIncomplete(removed.Target));
            if (await connection.Rules().RuleNameTakenAsync(before.Name, call).ConfigureAwait(false))
                throw new ChangeUndoException(UndoProblem.RuleNameTaken, MaintenanceMessages.Undo.RuleNameTaken(before.Name, connection.Site));
            var definition = new LicenseRuleDefinition { Name = before.Name, Type = before.Type, Rule = before.Rule, Comment = before.Comment ?? string.Empty, Disabled = before.Disabled };
            var rule = await LicenseRuleJournal.CreateAsync(connection, journal, definition, call, cleanupCall, removed.OperationId).ConfigureAwait(false);
            if (before.Id != null) recreatedRules[before.Id.Value] = rule.Id;
            knownRules[rule.Id] = LicenseRuleJournal.Snapshot(rule);
            return Result(removed, AllocationOutcome.Created, MaintenanceMessages.Undo.RuleCreatedAgain(rule.Id, rule.AccessGroupId));
        }

        /// <summary>The state the rule should be in: the one the change left, or a newer one the journal or this run wrote.</summary>
        private JournalRule Expected(LicenseRule now, JournalRule leftByChange) =>
            knownRules.TryGetValue(now.Id, out var known) && IsNewer(known, leftByChange) ? known : leftByChange;

        /// <summary>
        /// Refuses when the rule is no longer as the journaled change left it: putting an old version back would
        /// overwrite someone's change. A rule this run created again is compared by content only (it is newer by birth).
        /// </summary>
        private static void EnsureUnchangedSince(JournalRecord change, LicenseRule now, JournalRule expected, bool compareDates)
        {
            var newer = compareDates && expected.ModifiedDate != null && now.ModifiedDate != null && now.ModifiedDate.Value > expected.ModifiedDate.Value;
            if (LicenseRuleJournal.Snapshot(now).SameContent(expected) && !newer) return;
            throw new ChangeUndoException(UndoProblem.RuleChangedSince, MaintenanceMessages.Undo.RuleChangedSince(now, change));
        }

        private async Task<LicenseRule?> ReadRuleOrNullAsync(Guid id, SiteCall call)
        {
            try
            {
                return await connection.Rules().ReadRuleAsync(id, call).ConfigureAwait(false);
            }
            catch (LicenseRuleException error) when (error.Problem == LicenseRuleProblem.NotFound)
            {
                return null;
            }
        }

        private ChangeUndoResult Result(JournalRecord undone, AllocationOutcome outcome, string? message) => new ChangeUndoResult
        {
            Time = DateTime.UtcNow,
            Undone = undone.Event,
            Target = undone.Target,
            Outcome = outcome,
            Message = message,
            UndoneOperationId = undone.OperationId,
            JournalPath = journal.Path,
            Site = connection.Site,
        };
    }
}
