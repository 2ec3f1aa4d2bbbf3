using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Maintenance.Undo
{
    /// <summary>
    /// The one undo of journaled changes, each taken back as a journaled change of its own (so an undo can be undone): a
    /// release is given back (reinstated while in quarantine, else allocated again, checking seats; consecutive releases
    /// are planned together in a few batched reads), an allocation released, a created rule removed with its group, a
    /// changed rule put back (refused when it was changed since), a removed rule created again with a new group.
    /// Undo-QlikLicenseChange and Restore-QlikLicenseAllocation are its two forms (<see cref="UndoForm"/>).
    /// </summary>
    public sealed class ChangeUndo
    {
        private static readonly HashSet<AllocationOutcome?> Done = new HashSet<AllocationOutcome?>
        {
            AllocationOutcome.Released, AllocationOutcome.Quarantined, AllocationOutcome.AlreadyGone, AllocationOutcome.Allocated, AllocationOutcome.Reinstated,
            AllocationOutcome.AlreadyAllocated, AllocationOutcome.Created, AllocationOutcome.Changed, AllocationOutcome.Removed, AllocationOutcome.Unchanged,
        };

        private const int ProgressActivityId = 1;
        private const string ProgressActivity = "Allocating license access";

        private readonly QlikConnection connection;
        private readonly IOperationHost host;
        private readonly UndoForm form;
        private readonly Func<DateTime> utcNow;

        /// <summary>The id of each rule this run created again, by the id it had, so the undo of an older change of that rule finds it.</summary>
        private readonly Dictionary<Guid, Guid> recreatedRules = new Dictionary<Guid, Guid>();

        /// <summary>
        /// The newest state of each rule that the journal or this run wrote (from <see cref="UndoSelection.KnownRules"/>), so a rule
        /// changed by a later journaled change (or an undo of this run) is not taken for one changed by someone else.
        /// </summary>
        private IDictionary<Guid, JournalRule> knownRules = new Dictionary<Guid, JournalRule>();

        /// <summary>
        /// The allocation each undo of a release gave back (journaled, or by this run), by the id of the allocation released
        /// (from <see cref="UndoSelection.GivenBack"/>), so the undo of an older allocation takes back the one there now.
        /// </summary>
        private IDictionary<Guid, Guid> givenBack = new Dictionary<Guid, Guid>();

        private readonly Dictionary<string, LicenseJournal> journals = new Dictionary<string, LicenseJournal>(StringComparer.Ordinal);

        public ChangeUndo(QlikConnection connection, IOperationHost host, UndoForm form = UndoForm.Undo, Func<DateTime>? utcNow = null)
        {
            this.connection = connection;
            this.host = host;
            this.form = form;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        /// <summary>The journal the user chose for every undo (a file-system path); null: each undo beside the change it takes back, else in the site's journal.</summary>
        public string? JournalPath { get; set; }

        /// <summary>
        /// The operations are a selection (records piped in) rather than whole journals: what later undos gave back is then
        /// read from the journals the changes came from, which hold more than was selected.
        /// </summary>
        public bool SelectionOnly { get; set; }

        /// <param name="operations">Combined operations (<see cref="JournalOperations.Combine"/>), in journal order.</param>
        /// <param name="site">The connection's site; changes of other sites are not undone there.</param>
        /// <param name="sinceUtc">Only changes at or after this instant.</param>
        public static UndoSelection Select(IEnumerable<JournalRecord> operations, string site, DateTime? sinceUtc, UndoForm form = UndoForm.Undo)
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
                // A restore gives back releases; the other changes are not its business.
                if (form == UndoForm.Restore && operation.Event != JournalEvent.Release) continue;
                if (sinceUtc != null && operation.Time < sinceUtc.Value) selection.BeforeSince++;
                else if (!Undoable(operation)) selection.NothingChanged++;
                else if (undone.Contains(operation.OperationId) || (operation.Undoes != null && present.Contains(operation.Undoes.Value))) selection.UndoneBefore++;
                else if (!string.Equals(operation.Site, site, StringComparison.OrdinalIgnoreCase)) otherSite.Add(operation);
                else toUndo.Add((operation, index));
            }
            if (form == UndoForm.Restore)
            {
                // A user and access type released more than once gets back the latest release only.
                var latest = toUndo
                    .GroupBy(item => (item.Operation.Type, User: UserOf(item.Operation)))
                    .Select(group => group.OrderBy(item => item.Operation.Time).ThenBy(item => item.Index).Last())
                    .OrderBy(item => item.Index)
                    .ToList();
                selection.Superseded = toUndo.Count - latest.Count;
                selection.ToUndo = latest.Select(item => item.Operation).ToList();
            }
            else
            {
                selection.ToUndo = toUndo.OrderByDescending(item => item.Operation.Time).ThenByDescending(item => item.Index).Select(item => item.Operation).ToList();
            }
            selection.OtherSite = otherSite;
            return selection;
        }

        /// <summary>What the undo of a change will do, for -WhatIf and -Confirm.</summary>
        public static string ActionFor(JournalRecord operation) => MaintenanceMessages.Undo.Action(operation);

        /// <summary>
        /// Selects what to undo (<see cref="Select"/>), reports the changes of other sites and why the rest is left alone, then
        /// takes the selection back, asking the host about each change. Each result goes to the host's output (a restore's as
        /// its allocation result) and is returned; a change that cannot be undone is a problem about it, and the rest goes on.
        /// </summary>
        /// <param name="cleanupCall">For the clean-up of a half-made rule, which must run even after Ctrl+C.</param>
        public IReadOnlyList<ChangeUndoResult> Run(IEnumerable<JournalRecord> operations, DateTime? sinceUtc, SiteCall call, SiteCall cleanupCall)
        {
            var selection = Select(operations, connection.Site, sinceUtc, form);
            foreach (var change in selection.OtherSite)
                host.Problem(new OperationProblem(ProblemKind.JournalSiteMismatch, new InvalidOperationException(form == UndoForm.Restore
                    ? MaintenanceMessages.Undo.ReleaseOfOtherSite(change.Description, change.Site, connection.Site)
                    : MaintenanceMessages.Undo.ChangeOfOtherSite(change.Target, change.Site, connection.Site)), change));
            host.Verbose(form == UndoForm.Restore ? MaintenanceMessages.Undo.RestoreSelected(selection) : MaintenanceMessages.Undo.UndoSelected(selection));
            knownRules = selection.KnownRules;
            givenBack = selection.GivenBack;
            if (SelectionOnly)
                foreach (var path in selection.ToUndo.Select(change => change.JournalPath).OfType<string>().Distinct(StringComparer.Ordinal).Where(File.Exists))
                    foreach (var given in AllocationsGivenBack(JournalOperations.Read(path, call.Cancellation).Operations)) givenBack[given.Key] = given.Value;

            var results = new List<ChangeUndoResult>();
            try
            {
                var changes = selection.ToUndo;
                for (var index = 0; index < changes.Count;)
                {
                    if (changes[index].Event == JournalEvent.Release)
                    {
                        var releases = ReleasesFrom(changes, index);
                        GiveBack(releases, results, call);
                        index += releases.Count;
                        continue;
                    }
                    var change = changes[index++];
                    if (host.ShouldChange(change.Target, ActionFor(change), ChangeImpact.High, out _)) Undo(change, results, call, cleanupCall);
                }
            }
            finally
            {
                foreach (var journal in journals.Values) journal.Dispose();
                journals.Clear();
            }
            return results;
        }

        /// <summary>The releases from <paramref name="start"/> on that one plan can give back: consecutive, each user and access type once.</summary>
        private static List<JournalRecord> ReleasesFrom(IReadOnlyList<JournalRecord> changes, int start)
        {
            var releases = new List<JournalRecord>();
            var slots = new HashSet<(LicenseAccessType, string)>();
            for (var index = start; index < changes.Count && changes[index].Event == JournalEvent.Release && slots.Add((changes[index].Type, UserOf(changes[index]))); index++)
                releases.Add(changes[index]);
            return releases;
        }

        private static string UserOf(JournalRecord release) =>
            release.UserKey?.ToString("D") ?? (release.UserDirectory + "\\" + release.UserId).ToUpperInvariant();

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

        private static Dictionary<Guid, JournalRule> NewestRuleStates(IEnumerable<JournalRecord> operations)
        {
            var newest = new Dictionary<Guid, JournalRule>();
            foreach (var state in operations.Where(operation => Done.Contains(operation.Outcome)).Select(operation => operation.RuleAfter))
                if (state?.Id != null && (!newest.TryGetValue(state.Id.Value, out var known) || IsNewer(state, known)))
                    newest[state.Id.Value] = state;
            return newest;
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

        /// <summary>Undoes one change that is not a release; what stops it is a problem about the change.</summary>
        private void Undo(JournalRecord change, List<ChangeUndoResult> results, SiteCall call, SiteCall cleanupCall)
        {
            try
            {
                var journal = JournalFor(change);
                var (result, error) = UndoAsync(change, journal, call, cleanupCall).GetAwaiter().GetResult();
                if (error != null) host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, change));
                results.Add(result);
                host.Output(result);
            }
            catch (ChangeUndoException error)
            {
                host.Problem(new OperationProblem(error.Kind, error, change));
            }
            catch (LicenseRuleException error)
            {
                host.Problem(new OperationProblem(error.Kind, error, change));
            }
            catch (SiteException error)
            {
                host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, change));
            }
        }

        private async Task<(ChangeUndoResult Result, SiteException? Error)> UndoAsync(JournalRecord operation, LicenseJournal journal, SiteCall call, SiteCall cleanupCall)
        {
            switch (operation.Event)
            {
                case JournalEvent.RuleCreate: return (await RemoveCreatedRuleAsync(operation, journal, call).ConfigureAwait(false), (SiteException?)null);
                case JournalEvent.RuleChange: return (await PutRuleBackAsync(operation, journal, call).ConfigureAwait(false), (SiteException?)null);
                case JournalEvent.RuleRemove: return (await CreateRemovedRuleAsync(operation, journal, call, cleanupCall).ConfigureAwait(false), (SiteException?)null);
                default: return await TakeBackAsync(operation, journal, call).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Gives releases back as Add-QlikLicenseAllocation allocates: one plan for all of them in a few batched reads, then for
        /// each a decision, seats counted down (under -WhatIf too, so the preview shows who would not fit), the change and its read-back.
        /// </summary>
        private void GiveBack(IReadOnlyList<JournalRecord> releases, List<ChangeUndoResult> results, SiteCall call)
        {
            var grant = new AllocationGrant(connection, utcNow);
            GrantPlan plan;
            try
            {
                plan = grant.Plan(releases.Select(GrantRequest.ForRelease).ToList(), call);
            }
            catch (SiteException error)
            {
                host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, connection.Site));
                return;
            }
            if (plan.SeatWarning != null) host.Warning(plan.SeatWarning);

            var progress = releases.Count > 5;
            for (var index = 0; index < releases.Count; index++)
            {
                var (release, step) = (releases[index], plan.Steps[index]);
                if (progress) host.Progress(ProgressActivityId, ProgressActivity, $"{index + 1} of {releases.Count}: {step.Target}", index, releases.Count);
                if (step.Decision == GrantDecision.UserNotFound)
                {
                    host.Problem(new OperationProblem(ProblemKind.UserNotFound, new InvalidOperationException(grant.UserNotFoundMessage(step)), release));
                    continue;
                }
                if (step.Decision == GrantDecision.AlreadyAllocated)
                {
                    Report(Result(release, AllocationOutcome.AlreadyAllocated, MaintenanceMessages.Undo.AlreadyAllocated, null, grant.AlreadyAllocated(step)), results);
                    continue;
                }
                var needsSeat = step.Decision == GrantDecision.NewSeat;
                if (needsSeat && !plan.Seats.HasFree(step.Type))
                {
                    host.Problem(new OperationProblem(ProblemKind.NoSeatAvailable,
                        new InvalidOperationException(plan.Seats.Shortage(step.Type, step.Target, connection.Site)), release));
                    continue;
                }
                if (step.OtherSeat != null) host.Warning(MaintenanceMessages.Grants.SpareSeat(step.Target, step.Type, step.OtherSeat));
                var confirmed = form == UndoForm.Restore
                    ? host.ShouldChange(step.Target, MaintenanceMessages.Undo.RestoreAction(step.Type), ChangeImpact.Medium, out var whatIf)
                    : host.ShouldChange(release.Target, ActionFor(release), ChangeImpact.High, out whatIf);
                if (needsSeat && (confirmed || whatIf)) plan.Seats.Take(step.Type);
                if (!confirmed) continue;
                var journal = JournalFor(release);
                var (allocated, error) = grant.AllocateAsync(step, journal, call).GetAwaiter().GetResult();
                if (allocated.AllocationId is Guid given && given != Guid.Empty && given != release.AllocationId) givenBack[release.AllocationId] = given;
                if (error != null) host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, error, release));
                Report(Result(release, allocated.Outcome, allocated.Message, journal, allocated), results);
            }
            if (progress) host.ProgressCompleted(ProgressActivityId, ProgressActivity);
        }

        /// <summary>Outputs a give-back as its form reports it: an undo result, or a restore's allocation result.</summary>
        private void Report(ChangeUndoResult result, List<ChangeUndoResult> results)
        {
            results.Add(result);
            host.Output(form == UndoForm.Restore && result.AllocationChange != null ? result.AllocationChange : (object)result);
        }

        /// <summary>The journal an undo is recorded in: the one the user chose, else the one its change came from, else the site's.</summary>
        private LicenseJournal JournalFor(JournalRecord change)
        {
            var chosen = JournalPath ?? change.JournalPath;
            var path = chosen ?? LicenseJournal.DefaultPath(connection.Site);
            if (!journals.TryGetValue(path, out var journal))
                journals[path] = journal = LicenseJournal.Open(host, chosen, connection.Site, form == UndoForm.Restore
                    ? MaintenanceMessages.Routine.NothingMoreAllocated
                    : MaintenanceMessages.Undo.NothingMoreUndone);
            return journal;
        }

        private async Task<(ChangeUndoResult, SiteException?)> TakeBackAsync(JournalRecord allocated, LicenseJournal journal, SiteCall call)
        {
            var allocationId = NowHeldAs(allocated.AllocationId);
            var allocation = allocationId == Guid.Empty ? null
                : await connection.SiteApi.FindAllocationAsync(allocated.Type, allocationId, call).ConfigureAwait(false);
            if (allocation == null || allocation.Quarantined)
                return (Result(allocated, AllocationOutcome.AlreadyGone, MaintenanceMessages.Undo.AllocationAlreadyGone, journal), (SiteException?)null);
            var (result, error) = await new AllocationRelease(connection, journal).ReleaseAsync(allocation, call, allocated.OperationId).ConfigureAwait(false);
            return (Result(allocated, result.Outcome, result.Message, journal), error);
        }

        /// <summary>The allocation there now for one that was released and given back (perhaps several times); itself otherwise.</summary>
        private Guid NowHeldAs(Guid allocationId)
        {
            for (var hops = 0; hops < givenBack.Count && givenBack.TryGetValue(allocationId, out var next); hops++) allocationId = next;
            return allocationId;
        }

        private async Task<ChangeUndoResult> RemoveCreatedRuleAsync(JournalRecord created, LicenseJournal journal, SiteCall call)
        {
            var id = created.RuleAfter?.Id ?? throw new ChangeUndoException(ProblemKind.ChangeNotUndoable, MaintenanceMessages.Undo.CreatedRuleNotJournaled(created.RuleName));
            var recreated = recreatedRules.TryGetValue(id, out var newId);
            var rule = await ReadRuleOrNullAsync(recreated ? newId : id, call).ConfigureAwait(false);
            if (rule == null) return Result(created, AllocationOutcome.AlreadyGone, MaintenanceMessages.Undo.RuleAlreadyGone, journal);
            EnsureUnchangedSince(created, rule, Expected(rule, created.RuleAfter), compareDates: !recreated);
            var wasThere = await LicenseRuleJournal.RemoveAsync(connection, journal, rule, call, created.OperationId).ConfigureAwait(false);
            return Result(created, wasThere ? AllocationOutcome.Removed : AllocationOutcome.AlreadyGone, null, journal);
        }

        private async Task<ChangeUndoResult> PutRuleBackAsync(JournalRecord changed, LicenseJournal journal, SiteCall call)
        {
            var before = changed.RuleBefore;
            if (before?.Id == null || changed.RuleAfter == null)
                throw new ChangeUndoException(ProblemKind.ChangeNotUndoable, MaintenanceMessages.Undo.ChangedRuleNotJournaled(changed.Target));
            var recreated = recreatedRules.TryGetValue(before.Id.Value, out var newId);
            var rule = await ReadRuleOrNullAsync(recreated ? newId : before.Id.Value, call).ConfigureAwait(false)
                       ?? throw new ChangeUndoException(ProblemKind.LicenseRuleNotFound, MaintenanceMessages.Undo.RuleMissing(changed.Target, before.Id, connection.Site));
            var change = new LicenseRuleChange { Name = before.Name, Rule = before.Rule, Comment = before.Comment ?? string.Empty, Disabled = before.Disabled };
            if (!change.ChangesAnything(rule)) return Result(changed, AllocationOutcome.Unchanged, MaintenanceMessages.Undo.RuleAlreadyAsBefore, journal);
            EnsureUnchangedSince(changed, rule, Expected(rule, changed.RuleAfter), compareDates: !recreated);
            var putBack = await LicenseRuleJournal.UpdateAsync(connection, journal, rule, change, call, changed.OperationId).ConfigureAwait(false);
            knownRules[putBack.Id] = LicenseRuleJournal.Snapshot(putBack);
            return Result(changed, AllocationOutcome.Changed, null, journal);
        }

        private async Task<ChangeUndoResult> CreateRemovedRuleAsync(JournalRecord removed, LicenseJournal journal, SiteCall call, SiteCall cleanupCall)
        {
            var before = removed.RuleBefore ?? throw new ChangeUndoException(ProblemKind.ChangeNotUndoable, MaintenanceMessages.Undo.RemovedRuleNotJournaled);
            // A line of a format 1 rule journal may lack them; without both there is nothing to create.
            if (before.Name == null || before.Rule == null)
                throw new ChangeUndoException(ProblemKind.ChangeNotUndoable, MaintenanceMessages.Undo.RemovedRuleIncomplete(removed.Target));
            if (await connection.Rules().RuleNameTakenAsync(before.Name, call).ConfigureAwait(false))
                throw new ChangeUndoException(ProblemKind.LicenseRuleExists, MaintenanceMessages.Undo.RuleNameTaken(before.Name, connection.Site));
            var definition = new LicenseRuleDefinition { Name = before.Name, Type = before.Type, Rule = before.Rule, Comment = before.Comment ?? string.Empty, Disabled = before.Disabled };
            var rule = await LicenseRuleJournal.CreateAsync(connection, journal, definition, call, cleanupCall, removed.OperationId).ConfigureAwait(false);
            if (before.Id != null) recreatedRules[before.Id.Value] = rule.Id;
            knownRules[rule.Id] = LicenseRuleJournal.Snapshot(rule);
            return Result(removed, AllocationOutcome.Created, MaintenanceMessages.Undo.RuleCreatedAgain(rule.Id, rule.AccessGroupId), journal);
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
            throw new ChangeUndoException(ProblemKind.LicenseRuleChangedSince, MaintenanceMessages.Undo.RuleChangedSince(now, change));
        }

        private async Task<LicenseRule?> ReadRuleOrNullAsync(Guid id, SiteCall call)
        {
            try
            {
                return await connection.Rules().ReadRuleAsync(id, call).ConfigureAwait(false);
            }
            catch (LicenseRuleException error) when (error.Kind == ProblemKind.LicenseRuleNotFound)
            {
                return null;
            }
        }

        /// <param name="journal">Where the undo was recorded; null when nothing was sent.</param>
        /// <param name="allocationChange">A give-back's allocation result, which the restore form reports.</param>
        private ChangeUndoResult Result(JournalRecord undone, AllocationOutcome outcome, string? message, LicenseJournal? journal,
            AllocationChangeResult? allocationChange = null) => new ChangeUndoResult
        {
            Time = utcNow(),
            Undone = undone.Event,
            Target = undone.Target,
            Outcome = outcome,
            Message = message,
            UndoneOperationId = undone.OperationId,
            JournalPath = journal?.Path ?? JournalPath ?? undone.JournalPath ?? LicenseJournal.DefaultPath(connection.Site),
            Site = connection.Site,
            AllocationChange = allocationChange,
        };
    }
}
