using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>The groups and suggestions made from one site's findings.</summary>
    public sealed class LicenseDecisions
    {
        internal LicenseDecisions(IReadOnlyList<DeniedGroup> groups, IReadOnlyList<LicenseSuggestion> suggestions)
        {
            Groups = groups;
            Suggestions = suggestions;
        }

        public IReadOnlyList<DeniedGroup> Groups { get; }
        public IReadOnlyList<LicenseSuggestion> Suggestions { get; }

        /// <summary>
        /// Decides on the findings, without asking the site anything: per group (most denied members first) a rule
        /// when at least <see cref="LicenseDecisionOptions.MinimumDenied"/> members were denied and hold no license,
        /// then the rules that grant inactive users back, then allocations for the people left, then the advice for
        /// people refused for a cause a seat would not fix (never a seat for them), an Analyzer seat for each person whose
        /// analyzer capacity minutes cost more, then seats where they run out. Each person is in one suggestion at most; a rule changed twice gets the second text built on the first.
        /// </summary>
        public static LicenseDecisions Make(LicenseDecisionFacts facts, LicenseDecisionOptions options) => new Planner(facts, options).Run();

        private enum Status
        {
            /// <summary>Refused for a cause a seat would not fix (see <see cref="CauseAdvice"/>).</summary>
            OtherCause,
            Licensed,
            Inactive,
            GrantedByRule,
            Open,
        }

        private sealed class Planner
        {
            private readonly LicenseDecisionFacts facts;
            private readonly LicenseDecisionOptions options;
            // The per-user type to allocate and to write rules for: as asked, else the one the site's licence offers.
            private readonly LicenseAccessType type;
            private readonly List<LicenseSuggestion> suggestions = new List<LicenseSuggestion>();
            private readonly Dictionary<Guid, string> proposedText = new Dictionary<Guid, string>();
            // The people each suggestion would license, by access type, against the free seats.
            private readonly List<(LicenseAccessType Type, int People)> seatsNeeded = new List<(LicenseAccessType, int)>();
            private readonly HashSet<string> ruleNames;
            private readonly List<(LicenseDenial Denial, Status Status)> people;

            public Planner(LicenseDecisionFacts facts, LicenseDecisionOptions options)
            {
                this.facts = facts;
                this.options = options;
                type = options.Type ?? LicenseAccessTypes.DefaultPerUser(facts.Seats);
                ruleNames = new HashSet<string>(facts.Rules.Select(rule => rule.Name ?? string.Empty), StringComparer.OrdinalIgnoreCase);
                // Only people the site knows can be allocated to or granted by a rule.
                people = facts.Denials.Where(denial => !denial.IsServiceAccount && denial.UserKey != null)
                    .Select(denial => (denial, StatusOf(denial))).ToList();
            }

            public LicenseDecisions Run()
            {
                var groups = Groups();
                var covered = new HashSet<LicenseDenial>();
                var order = groups.Where(group => group.Name != null)
                    .OrderByDescending(group => group.OpenCount).ThenBy(group => group.Name, StringComparer.OrdinalIgnoreCase).ToList();
                foreach (var group in order)
                {
                    var open = group.Open.Where(denial => !covered.Contains(denial)).ToList();
                    // Without license rules (a tenant), every denied person is an allocation of their own.
                    if (!facts.HasLicenseRules || open.Count < options.MinimumDenied || !LicenseRuleText.CanQuote(group.Name!)) continue;
                    SuggestRule(group, open);
                    covered.UnionWith(open);
                }
                // After the groups added to rules: leaving users out wraps the rule text, which then grants groups only no more.
                SuggestRuleExclusions();
                SuggestAllocations(order, covered);
                foreach (var (suggestion, command) in CauseAdvice.For(facts.Denials.Where(denial => !denial.IsServiceAccount), facts)) Add(suggestion, command);
                foreach (var (suggestion, command) in CapacityDecisions.Suggest(facts, options)) Add(suggestion, command, 1);
                SuggestSeats(groups);
                return new LicenseDecisions(groups.Select(group => group.Row).ToList(), suggestions);
            }

            private Status StatusOf(LicenseDenial denial)
            {
                if (!LicenseDenialCauses.SeatWouldHelp(denial.Cause)) return Status.OtherCause;
                if (denial.AllocatedAccessTypes.Count > 0) return Status.Licensed;
                if (denial.Inactive == true) return Status.Inactive;
                return facts.GrantedByRules[denial.UserKey.GetValueOrDefault()].Any() ? Status.GrantedByRule : Status.Open;
            }

            private void SuggestRuleExclusions()
            {
                var byRule = facts.Inactive.SelectMany(user => user.GrantingRules.Select(name => (Name: name, User: user)))
                    .GroupBy(pair => pair.Name, StringComparer.OrdinalIgnoreCase);
                foreach (var granted in byRule.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
                {
                    var rule = facts.Rules.FirstOrDefault(candidate => !candidate.Disabled && string.Equals(candidate.Name, granted.Key, StringComparison.OrdinalIgnoreCase));
                    var users = granted.Select(pair => new UserName(pair.User.UserDirectory ?? string.Empty, pair.User.UserId ?? string.Empty))
                        // A user without an id cannot be named in a rule's text.
                        .Where(user => user.UserId.Length > 0 && LicenseRuleText.CanQuote(user.UserDirectory) && LicenseRuleText.CanQuote(user.UserId))
                        .Distinct(UserName.Comparer).OrderBy(user => user.ToString(), StringComparer.OrdinalIgnoreCase).ToList();
                    if (rule == null || users.Count == 0) continue;
                    var text = LicenseRuleText.WithoutUsers(TextOf(rule), users);
                    Add(new LicenseSuggestion
                    {
                        Kind = SuggestionKind.ExcludeFromRule,
                        Type = rule.Type,
                        RuleName = rule.Name,
                        Users = users.Select(user => user.ToString()).ToArray(),
                        Licensed = users.Count,
                        Reason = MaintenanceMessages.Decisions.GrantsBack(rule, users.Count) + BuildsOn(rule),
                    }, ChangeText(rule, text));
                }
            }

            private void SuggestRule(GroupFindings group, IReadOnlyList<LicenseDenial> open)
            {
                var name = group.Name!;
                var suggestion = new LicenseSuggestion { Group = name, Denied = group.Row.Denied, Licensed = group.Row.Licensed, Type = type };
                var disabled = facts.Rules.Where(rule => rule.Disabled && LicenseRuleText.NamesGroup(rule.Rule, name)).OrderBy(rule => rule.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
                if (disabled != null)
                {
                    suggestion.Kind = SuggestionKind.EnableRule;
                    suggestion.Type = disabled.Type;
                    suggestion.RuleName = disabled.Name;
                    suggestion.Reason = MaintenanceMessages.Decisions.EnableRule(disabled, name, open.Count);
                    Add(suggestion, new PowerShellCommand("Set-QlikLicenseRule").With("Id", disabled.Id).Switch("Enabled"), open.Count);
                    return;
                }
                var extensible = facts.Rules.Where(rule => !rule.Disabled && rule.Type == type && LicenseRuleText.GrantsGroupsOnly(TextOf(rule)))
                    .OrderBy(rule => rule.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
                if (extensible != null)
                {
                    suggestion.Kind = SuggestionKind.AddGroupToRule;
                    suggestion.RuleName = extensible.Name;
                    suggestion.Reason = MaintenanceMessages.Decisions.AddGroupToRule(extensible, name, open.Count) + BuildsOn(extensible);
                    Add(suggestion, ChangeText(extensible, LicenseRuleText.WithGroup(TextOf(extensible), name)), open.Count);
                    return;
                }
                suggestion.Kind = SuggestionKind.NewRule;
                suggestion.RuleName = NewRuleName(name);
                suggestion.Reason = MaintenanceMessages.Decisions.NewRule(name, open.Count, type);
                Add(suggestion, new PowerShellCommand("New-QlikLicenseRule").With("Name", suggestion.RuleName).With("Type", type).With("Rule", LicenseRuleText.ForGroup(name)), open.Count);
            }

            /// <summary>One suggestion per group (the largest the person is in) and directory, for the people no rule suggestion covers.</summary>
            private void SuggestAllocations(IReadOnlyList<GroupFindings> order, HashSet<LicenseDenial> covered)
            {
                var left = people.Where(person => person.Status == Status.Open && !covered.Contains(person.Denial)).Select(person => person.Denial)
                    .GroupBy(denial => (Group: order.FirstOrDefault(group => denial.Groups.Contains(group.Name!, StringComparer.OrdinalIgnoreCase))?.Name,
                        Directory: denial.UserDirectory.ToUpperInvariant()));
                foreach (var batch in left.OrderBy(batch => batch.Key.Group == null).ThenBy(batch => batch.Key.Group, StringComparer.OrdinalIgnoreCase).ThenBy(batch => batch.Key.Directory, StringComparer.Ordinal))
                {
                    var users = batch.OrderBy(denial => denial.UserId, StringComparer.OrdinalIgnoreCase).ToList();
                    Add(new LicenseSuggestion
                    {
                        Kind = SuggestionKind.Allocate,
                        Type = type,
                        Group = batch.Key.Group,
                        Users = users.Select(denial => denial.UserIdentity).ToArray(),
                        Denied = users.Count,
                        Reason = MaintenanceMessages.Decisions.Allocate(users.Count, batch.Key.Group, options.MinimumDenied),
                    }, new PowerShellCommand("Add-QlikLicenseAllocation").With("Type", type)
                        .With("UserDirectory", users[0].UserDirectory).With("UserId", users.Select(denial => denial.UserId).ToArray()), users.Count);
                }
            }

            /// <summary>Per access type: more people to license than free seats, or a rule that cannot allocate for want of seats.</summary>
            private void SuggestSeats(IReadOnlyList<GroupFindings> groups)
            {
                foreach (var perUser in LicenseAccessTypes.PerUser)
                {
                    var row = facts.Seats.FirstOrDefault(seats => seats.Type == perUser);
                    // A type the licence does not offer has no seats to free: the suggestions needing it say so.
                    if (row?.Enabled == false) continue;
                    var available = SeatsLeft(row);
                    var needed = seatsNeeded.Where(need => need.Type == perUser).Sum(need => need.People) + groups.Where(group => group.BlockedBySeats == perUser).Sum(group => group.Waiting);
                    if (needed == 0 || available == null || needed <= available.Value) continue;
                    var releasable = facts.Inactive.Where(user => user.Type == perUser).ToList();
                    var command = releasable.Count == 0
                        ? new PowerShellCommand("Get-QlikLicenseSummary")
                        : new PowerShellCommand("Remove-QlikLicenseAllocation").With("Type", perUser).With("Id", releasable.Select(user => user.Id).ToArray());
                    Add(new LicenseSuggestion
                    {
                        Kind = SuggestionKind.FreeSeats,
                        Type = perUser,
                        Users = releasable.Select(user => user.UserIdentity).ToArray(),
                        Denied = needed,
                        Reason = MaintenanceMessages.Decisions.FreeSeats(perUser, needed, available, releasable.Count),
                    }, command);
                }
            }

            /// <summary>The people a row's free seats license: a token licence's free tokens buy one pass per token cost.</summary>
            private static int? SeatsLeft(LicenseSummary? seats)
            {
                if (seats?.Available == null) return null;
                if (seats.Unit != LicenseUnit.Tokens || !(seats.TokenCost > 0)) return seats.Available;
                return (int)Math.Floor(seats.Available.Value / seats.TokenCost.Value + 1e-9);
            }

            private List<GroupFindings> Groups()
            {
                var byGroup = new Dictionary<string, GroupFindings>(StringComparer.OrdinalIgnoreCase);
                GroupFindings? ungrouped = null;
                foreach (var (denial, status) in people)
                {
                    if (denial.Groups.Count == 0)
                    {
                        (ungrouped ??= new GroupFindings(null)).Add(denial, status);
                        continue;
                    }
                    foreach (var name in denial.Groups)
                    {
                        if (!byGroup.TryGetValue(name, out var group)) byGroup.Add(name, group = new GroupFindings(name));
                        group.Add(denial, status);
                    }
                }
                var groups = byGroup.Values.OrderBy(group => group.Name, StringComparer.OrdinalIgnoreCase).ToList();
                if (ungrouped != null) groups.Add(ungrouped);
                foreach (var group in groups) Describe(group);
                return groups;
            }

            private void Describe(GroupFindings group)
            {
                var row = group.Row;
                row.Site = facts.Site;
                if (group.Name == null)
                {
                    row.Finding = group.Waiting == 0 && group.OtherCauses.Count > 0 ? MaintenanceMessages.Decisions.OtherCauses(group.OtherCauses)
                        : row.Licensed == row.Denied ? MaintenanceMessages.Decisions.AllLicensed(row.Denied)
                        : MaintenanceMessages.Decisions.NoGroup;
                    return;
                }
                var naming = facts.Rules.Where(rule => LicenseRuleText.NamesGroup(rule.Rule, group.Name)).OrderBy(rule => rule.Name, StringComparer.OrdinalIgnoreCase).ToList();
                var enabled = naming.Where(rule => !rule.Disabled).ToList();
                row.EnabledRules = enabled.Select(RuleName).ToArray();
                row.DisabledRules = naming.Where(rule => rule.Disabled).Select(RuleName).ToArray();
                // Refused for causes a seat would not fix, and nobody else waiting: that is the finding, held seats or not.
                if (group.Waiting == 0 && group.OtherCauses.Count > 0) row.Finding = MaintenanceMessages.Decisions.OtherCauses(group.OtherCauses);
                else if (row.Licensed == row.Denied) row.Finding = MaintenanceMessages.Decisions.AllLicensed(row.Denied);
                else if (enabled.Count > 0)
                {
                    // Fewer free seats than members waiting: the rule cannot allocate to them all.
                    var full = enabled.Select(rule => (Rule: rule, Seats: facts.Seats.FirstOrDefault(seats => seats.Type == rule.Type)))
                        .FirstOrDefault(pair => SeatsLeft(pair.Seats) < group.Waiting);
                    if (full.Rule != null && full.Seats != null)
                    {
                        group.BlockedBySeats = full.Rule.Type;
                        row.Finding = MaintenanceMessages.Decisions.TooFewSeats(enabled.Where(rule => rule.Type == full.Rule.Type).Select(RuleName).ToList(),
                            full.Rule.Type, SeatsLeft(full.Seats).GetValueOrDefault(), group.Waiting);
                    }
                    else if (group.Waiting == 0) row.Finding = MaintenanceMessages.Decisions.MembersInactive(row.EnabledRules);
                    else row.Finding = MaintenanceMessages.Decisions.GrantedNow(row.EnabledRules);
                }
                else if (row.DisabledRules.Count > 0) row.Finding = MaintenanceMessages.Decisions.RuleDisabled(row.DisabledRules);
                else row.Finding = facts.HasLicenseRules ? MaintenanceMessages.Decisions.NoRule : MaintenanceMessages.Decisions.NoRulesOnTenant(facts.AutoAssignment);
            }

            private string TextOf(LicenseRule rule) => proposedText.TryGetValue(rule.Id, out var text) ? text : rule.Rule;

            /// <summary>How a group's findings name a rule: by name, or by id when it has none.</summary>
            private static string RuleName(LicenseRule rule) => rule.Name ?? rule.Id.ToString("D");

            private string BuildsOn(LicenseRule rule) => proposedText.TryGetValue(rule.Id, out var text) ? MaintenanceMessages.Decisions.BuildsOn(text) : string.Empty;

            private PowerShellCommand ChangeText(LicenseRule rule, string text)
            {
                proposedText[rule.Id] = text;
                return new PowerShellCommand("Set-QlikLicenseRule").With("Id", rule.Id).With("Rule", text);
            }

            private string NewRuleName(string group)
            {
                var stem = MaintenanceMessages.Decisions.NewRuleName(group, type);
                var name = stem;
                for (var number = 2; ruleNames.Contains(name); number++) name = stem + " " + number;
                ruleNames.Add(name);
                return name;
            }

            /// <param name="command">Null for advice no command carries out.</param>
            /// <param name="people">How many people carrying it out licenses.</param>
            private void Add(LicenseSuggestion suggestion, PowerShellCommand? command, int people = 0)
            {
                seatsNeeded.Add((suggestion.Type, people));
                suggestion.Site = facts.Site;
                suggestion.Connection = facts.Connection;
                if (command != null)
                {
                    suggestion.CommandName = command.Name;
                    suggestion.Parameters = command.Parameters;
                    suggestion.Command = command.ToString();
                }
                suggestions.Add(suggestion);
            }
        }

        /// <summary>A group's denied members as they are counted, and those still without a license.</summary>
        private sealed class GroupFindings
        {
            public GroupFindings(string? name)
            {
                Name = name;
                Row = new DeniedGroup { Group = name };
            }

            public string? Name { get; }
            public DeniedGroup Row { get; }
            public List<LicenseDenial> Open { get; } = new List<LicenseDenial>();

            /// <summary>A property, not <c>group.Open.Count</c> in <c>Run</c>'s lambda: Stryker mutates that to <c>Sum</c>, a compile error it cannot place, and drops every mutant of <c>Run</c>.</summary>
            public int OpenCount => Open.Count;

            /// <summary>The causes (a seat would not fix) of the members refused for one.</summary>
            public List<LicenseDenialCause> OtherCauses { get; } = new List<LicenseDenialCause>();

            /// <summary>Active members without a license: the ones an enabled rule should have licensed.</summary>
            public int Waiting { get; private set; }

            /// <summary>The access type whose seats ran out before the group's enabled rule could allocate; null when none did.</summary>
            public LicenseAccessType? BlockedBySeats { get; set; }

            public void Add(LicenseDenial denial, Status status)
            {
                Row.Denied++;
                if (status == Status.Licensed || (status == Status.OtherCause && denial.AllocatedAccessTypes.Count > 0)) Row.Licensed++;
                if (status == Status.OtherCause) OtherCauses.Add(denial.Cause);
                if (status == Status.Inactive) Row.Inactive++;
                if (status == Status.Open) Open.Add(denial);
                if (status == Status.Open || status == Status.GrantedByRule) Waiting++;
            }
        }
    }
}
