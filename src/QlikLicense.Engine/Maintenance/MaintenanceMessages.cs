using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QlikLicense.Logs;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Maintenance.Undo;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The wording of the problems, warnings and results the operations report, by area as the cmdlets' <c>Messages</c>
    /// (<see cref="RuleWarnings"/> holds the playbook's rule warning). Users read them in scheduled runs' logs and
    /// scripts match on some: keep each one saying what went wrong and what to do.
    /// </summary>
    internal static partial class MaintenanceMessages
    {
        /// <summary>The journal: writing it and reading it back.</summary>
        internal static class Journal
        {
            public const string NotARecord = "not a journal record (allocationId, operationId or site missing)";

            public static string FileNotFound(string path) => $"The journal '{path}' does not exist.";

            public static string NotFound(string path, string nothingDone) => FileNotFound(path) + Then(nothingDone);

            public static string NotReadable(string path, string reason, string nothingDone) => $"Cannot read the journal '{path}': {reason}" + Then(nothingDone);

            private static string Then(string nothingDone) => nothingDone.Length > 0 ? " " + nothingDone : string.Empty;

            public static string NotWritable(string path, string reason, string nothingDone) => $"Cannot write the journal '{path}': {reason} {nothingDone}";

            public static string InvalidJson(string reason) => "not valid JSON: " + reason;

            public static string LinesSkipped(string path, int count) => count == 1
                ? $"1 line of the journal '{path}' could not be read and was skipped (-Verbose shows it)."
                : $"{count} lines of the journal '{path}' could not be read and were skipped (-Verbose shows them).";
        }

        /// <summary>The sites of a sites file, each checked on its own.</summary>
        internal static class SitesFiles
        {
            public static string NotAnEntry(object? value) => $"A site must be a hashtable such as @{{ Name = 'Production'; Server = '...' }}, not '{value}'.";

            public static string Unknown(string site, string key, string known) => $"Site {site}: '{key}' is not a site setting; known settings: {known}.";

            public static string Missing(string site, string key) => $"Site {site}: the setting '{key}' is required.";

            public static string NotText(string site, string key) => $"Site {site}: '{key}' must be text.";

            public static string NotPort(string site) => $"Site {site}: 'Port' must be a whole number from 1 to 65535.";

            public static string NotTimeout(string site) => $"Site {site}: 'TimeoutSec' must be a whole number of seconds from 1 to 3600.";

            public static string NotFlag(string site, string key) => $"Site {site}: '{key}' must be $true or $false.";

            public static string Conflict(string site, string first, string second) => $"Site {site}: '{first}' and '{second}' cannot be used together.";

            public static string BelongsWith(string site, string key, string with) => $"Site {site}: '{key}' belongs with '{with}'.";

            public static string SiteSettingOfTenant(string site, string key) =>
                $"Site {site}: '{key}' is a setting of a Qlik Sense site, and this entry names a Qlik Cloud tenant ('Tenant', 'ApiKeyPath', " +
                "'ClientId', 'ClientSecretPath'). Write the site and the tenant as two entries.";

            /// <summary>Leaves the value out: a URL may carry a user and password.</summary>
            public static string NotTenantUrl(string site) =>
                $"Site {site}: 'Tenant' must be the tenant's https URL, https://<tenant>.<region>.qlikcloud.com, or its host name.";

            public static string NoTenantCredentials(string site) =>
                $"Site {site}: a tenant needs 'ApiKeyPath', or 'ClientId' with 'ClientSecretPath': the path of a file made with  " +
                "Read-Host -AsSecureString | Export-Clixml <file>  holding the API key or the client's secret.";

            public static string Duplicate(string site) => $"Site {site} is named twice in the sites file; the first one runs.";

            /// <summary>Names the setting, never its value.</summary>
            public static string Secret(string site, string key) =>
                $"Site {site}: '{key}' looks like a secret, and a sites file must hold none, so the site was not connected. " +
                "Save it with  Read-Host -AsSecureString | Export-Clixml <file>  and name that file in 'CertificatePasswordPath' (a PFX's password), " +
                "'ApiKeyPath' (a tenant's API key) or 'ClientSecretPath' (an OAuth client's secret).";
        }

        /// <summary>The maintenance history: writing it and reading it back.</summary>
        internal static class History
        {
            public const string NotAnEntry = "not a history entry (format, time or site missing)";

            public static string NotWritable(string path, string reason) =>
                $"Cannot add this run to the maintenance history '{path}': {reason} The run itself is complete; choose a writable file with -HistoryPath.";

            public static string NotReadable(string path, string reason) => $"Cannot read the maintenance history '{path}': {reason}";

            public static string NewerFormat(int format) => $"written by a newer QlikLicense (format {format}); update the module to read it";

            public static string LinesSkipped(string path, int count) => count == 1
                ? $"1 line of the maintenance history '{path}' could not be read and was skipped (-Verbose shows it)."
                : $"{count} lines of the maintenance history '{path}' could not be read and were skipped (-Verbose shows them).";
        }

        /// <summary>Releasing allocations.</summary>
        internal static class Releases
        {
            public const string Quarantined = "Used in the last 7 days: in quarantine until QuarantineEnd, then released.";
            public const string StillThere = "QRS answered the DELETE, but the allocation is still there.";

            public static string ConnectionClosed(string site) =>
                $"The connection to {site} these allocations came from was closed by Disconnect-QlikSense. Nothing was removed. Connect again and read them again.";

            public static string MaximumCountExceeded(int count, int maximumCount) =>
                $"{count} allocations came to be removed, more than -MaximumCount {maximumCount}. Nothing was removed. Check the filter, then raise -MaximumCount if this is meant.";

            public static string AlreadyQuarantined(LicenseAllocation allocation) =>
                $"{allocation.Description} is already in quarantine until {allocation.QuarantineEnd:u}; it is released then.";

            public static string ReadBackFailed(string reason) => $"The DELETE may or may not have happened; reading the allocation back failed: {reason}";
        }

        /// <summary>Allocating and giving back access.</summary>
        internal static class Grants
        {
            public const string AnswerLost = "The answer was lost; reading back shows the allocation.";
            public const string NotHeld = "QRS answered, but the user does not hold the access type.";

            public static string SeatsUnknown(string site, IEnumerable<LicenseAccessType> types) =>
                $"The license overview of {site} does not say how many {string.Join(" and ", types)} seats (or tokens) are free; QRS decides for each user.";

            public static string SeatsUnreadable(string site, string reason) => $"Could not read the free seats of {site} ({reason}); QRS decides for each user.";

            public static string AskedTwice(string target, LicenseAccessType type) => $"{target}: {ModelMessages.Access(type)} was asked for more than once; it is allocated once.";

            public static string UserKeyNotFound(string site, Guid? userKey, string identity, LicenseAccessType type) =>
                $"The site {site} has no user with key {userKey:D} ({identity}): it was deleted from the repository, so its {ModelMessages.Access(type)} cannot be given back.";

            public static string NamesNoUser(LicenseAccessType type) => $"The {ModelMessages.Access(type)} to give back names no user (the user was deleted before it was released).";

            public static string UserNotFound(string site, string identity) => $"The site {site} has no user {identity}. Check the user directory and user id (Get-QlikUser).";

            public static string ReadBackFailed(string reason) => $"The allocation may or may not have been made; reading it back failed: {reason}";

            public static string InQuarantine(LicenseAccessType type, DateTime? quarantineEnd) =>
                string.Format(CultureInfo.InvariantCulture, " The user's {0} allocation is in quarantine until {1:u}; reinstate it in the QMC.", type, quarantineEnd);

            public static string NotOffered(string target, LicenseAccessType type, string site) => $"{target} cannot get {ModelMessages.Access(type)} on {site}: the license does not offer {ModelMessages.Access(type)}.";

            public static string NoSeatFree(LicenseAccessType type, string target, string site, int? free, string total, int taken) =>
                string.Format(CultureInfo.InvariantCulture,
                    "No {0} access seat is free for {1} on {2}: {3} of {4} seats were free before this command{5}. Release allocations (Remove-QlikLicenseAllocation) or add seats to the license.",
                    type, target, site, free, total,
                    taken > 0 ? string.Format(CultureInfo.InvariantCulture, ", and it took {0} for the users before", taken) : string.Empty);

            public static string NotPerUser(LicenseAccessType type) =>
                $"{type} is not allocated to a person: only {string.Join(", ", LicenseAccessTypes.PerUserNames)} are.";

            public static string NoTokensFree(LicenseAccessType type, string target, string site, int? free, string total, double cost, int taken) =>
                string.Format(CultureInfo.InvariantCulture,
                    "Not enough tokens for a {0} pass for {1} on {2}: a pass costs {3} token(s), and {4} of the license's {5} tokens were free before this command{6}. Release passes (Remove-QlikLicenseAllocation -Type {0}; a pass used in the last 7 days frees its tokens only when its quarantine ends) or add tokens to the license.",
                    type, target, site, cost, free, total,
                    taken > 0 ? string.Format(CultureInfo.InvariantCulture, ", and it took {0} pass(es) for the users before", taken) : string.Empty);

            public static string NoSuchUser(string target) => $"{target}: the site has no such user.";

            public static string SpareSeat(string target, LicenseAccessType type, LicenseAllocation otherSeat) =>
                type == LicenseAccessType.Analyzer
                    ? $"{target} holds Professional access, which gives everything Analyzer does: an Analyzer seat for them would be spare (Get-QlikLicenseFinding reports it as ProfessionalAndAnalyzer)."
                    : $"{target} holds Analyzer access, which Professional makes spare: release it afterwards with Remove-QlikLicenseAllocation -Type {otherSeat.Type} -Id {otherSeat.Id}.";

            public static string NoAllocation(string target, LicenseAccessType type) => $"{target}: holds no {type} allocation.";
        }

        /// <summary>Finding license denials in the logs.</summary>
        internal static class Denials
        {
            public static string NoArchivedLogsFolder(string site) => $"The site {site} names no archived logs folder (servicecluster settings).";

            public static string FolderSkipped(string problem) => "Skipped folder " + problem;

            public static string ArchivedLogsFolderUnreachable(string path) =>
                $"Cannot reach the site's archived logs folder '{path}', which QRS names (servicecluster). Run this where that share is reachable, or name the folders with -Path.";

            public static string FileUnreadable(SkippedLogFile file) => $"Could not read {file}. Denials it records are missing from the result.";

            public static string NoLogRead(IReadOnlyList<string> paths, int filesSkipped)
            {
                var where = string.Join(", ", paths.Select(path => "'" + path + "'"));
                return filesSkipped == 0
                    ? $"No Qlik Sense log was read: {where} holds no files. No denial can be found there."
                    : string.Format(CultureInfo.InvariantCulture,
                        "No Qlik Sense log was read: none of the {0} file(s) found at {1} could be read as a log that records licence denials (-Verbose names each and why). No denial can be found there.",
                        filesSkipped, where);
            }
        }

        /// <summary>The monthly routine: its progress, its steps and what it reports of them.</summary>
        internal static class Routine
        {
            public const string ProgressActivity = "Qlik Sense license maintenance";
            public const string CheckingLicenseMonitor = "Checking the License Monitor";
            public const string CheckingTenantLicence = "Checking the tenant's licence";
            public const string FindingInactive = "Finding allocations of inactive users";
            public const string CheckingFindings = "Checking for allocations above the license, double allocations and the license's end";
            public const string ReadingDenials = "Reading license denials from the logs";
            public const string Releasing = "Releasing allocations";
            public const string AllocatingToDenied = "Allocating licenses to denied users";
            public const string ReadingSummary = "Reading the license summary";
            public const string ReadingLicense = "Reading the site license";
            public const string ReadingSharedAccess = "Reading login access groups and analyzer capacity";
            public const string Deciding = "Suggesting a decision for each finding";
            public const string RecordingHistory = "Recording the run in the maintenance history";
            public const string NothingRemoved = "Nothing was removed.";
            public const string NothingMoreAllocated = "Nothing more was allocated.";

            public static string LicenseMonitorNotOperational(string? reason) => "License Monitor: " + reason;
            public static string TenantLicenceNotInOrder(string? reason) => "Tenant licence: " + reason;

            public static string StepFailed(string step, string reason) => $"{step}: {reason}";
        }

        /// <summary>Undoing journaled changes.</summary>
        internal static class Undo
        {
            public const string AlreadyAllocated = "The user holds the access type again already; nothing was sent.";
            public const string AllocationAlreadyGone = "The allocation is gone or in quarantine already; nothing was sent.";
            public const string RuleAlreadyGone = "The rule is gone already; nothing was sent.";
            public const string RuleAlreadyAsBefore = "The rule is as it was before the change already; nothing was sent.";
            public const string RemovedRuleNotJournaled = "The journal does not say which rule was removed.";
            public const string NothingMoreUndone = "Nothing more was undone.";

            /// <summary>The restore form's action for -WhatIf and -Confirm, as Add-QlikLicenseAllocation words its own.</summary>
            public static string RestoreAction(LicenseAccessType type) => "Restore " + ModelMessages.Access(type);

            public static string UndoSelected(UndoSelection selection) =>
                $"{selection.ToUndo.Count} to undo, newest first; left alone: {selection.UndoneBefore} undone before, {selection.NothingChanged} that changed nothing, " +
                $"{selection.BeforeSince} before -Since, {selection.OtherSite.Count} of another site.";

            public static string RestoreSelected(UndoSelection selection) =>
                $"{selection.ToUndo.Count} to restore; left alone: {selection.BeforeSince} before -Since, {selection.NothingChanged} that released nothing, " +
                $"{selection.UndoneBefore} restored before, {selection.Superseded} covered by a later release of the same user, {selection.OtherSite.Count} of another site.";

            public static string ReleaseOfOtherSite(string release, string? journaledSite, string site) =>
                $"The release of {release} was journaled for the site {journaledSite}, not {site} that this command is connected to. Pass -Connection for {journaledSite} to restore it.";

            public static string ChangeOfOtherSite(string target, string? changedSite, string site) =>
                $"{target} was changed on the site {changedSite}, not {site} that this command is connected to. Pass -Connection for {changedSite} to undo it.";

            /// <summary>What the undo of a change will do, for -WhatIf and -Confirm.</summary>
            public static string Action(JournalRecord operation)
            {
                var when = $" (undo of the {operation.Event} at {QlikDates.ToMessageText(operation.Time)})";
                switch (operation.Event)
                {
                    case JournalEvent.Release: return "Give back" + when;
                    case JournalEvent.RuleCreate: return "Remove license rule and its access group" + when;
                    case JournalEvent.RuleChange: return "Put back name, rule text, comment and state" + when;
                    case JournalEvent.RuleRemove: return "Create license rule again with a new access group" + when;
                    default: return "Release license allocation" + when;
                }
            }

            public static string CreatedRuleNotJournaled(string? ruleName) => $"The journal does not say which rule '{ruleName}' was created.";

            public static string ChangedRuleNotJournaled(string target) =>
                $"The change of {target} was journaled without the rule as changed (by an earlier release of the module), so a later change cannot be ruled out. " +
                "Compare with Get-QlikLicenseRule and put it back with Set-QlikLicenseRule.";

            public static string RuleMissing(string target, Guid? id, string site) => $"{target} ({id:D}) no longer exists on {site}; nothing was put back.";

            public static string RemovedRuleIncomplete(string target) => $"The journal does not hold the name and rule text of {target}; it cannot be created again.";

            public static string RuleNameTaken(string name, string site) =>
                $"A license rule named '{name}' exists on {site} again; the removed one was not created a second time.";

            public static string RuleCreatedAgain(Guid id, Guid? accessGroupId) => $"Created again as {id:D} with the new access group {accessGroupId:D}.";

            public static string RuleChangedSince(LicenseRule now, JournalRecord change) =>
                $"{now.Description} was changed by {now.ModifiedByUserName ?? "another user"} at {QlikDates.ToMessageText(now.ModifiedDate)}, after the change " +
                $"journaled at {QlikDates.ToMessageText(change.Time)}. Nothing was undone. Compare it with the journal (Get-QlikLicenseJournal) and change it with Set-QlikLicenseRule.";
        }

        /// <summary>A tenant's automatic assignment switches.</summary>
        internal static class AutoAssignment
        {
            public const string NothingChanged = "Nothing was changed.";

            public static string NothingToChange(LicenseAutoAssignment current) => $"Nothing to change: {current}.";

            public static string Target(string site, IReadOnlyDictionary<LicenseAccessType, bool> wanted) =>
                site + ": " + string.Join(", ", wanted.Select(change => $"assign {change.Key} automatically {(change.Value ? "on" : "off")}"));

            public static string NotStored(LicenseAccessType type, bool stored) =>
                $"The tenant answered with automatic {type} assignment still {(stored ? "on" : "off")}.";

            public static string NotOnThisSite(string site) =>
                $"{site} has no automatic assignment switches: they belong to Qlik Cloud tenants. A Qlik Sense site assigns licences automatically through license rules.";
        }

        /// <summary>The licence models a site runs: what the routine reads of them, and what it could not cover.</summary>
        internal static class Models
        {
            public static string OverviewUnreadable(string site, string reason) =>
                $"Could not read the licence overview of {site} ({reason}); looking at every per-user access type.";

            public static string TypeNotSearched(LicenseAccessType type, IReadOnlyCollection<LicenseAccessType> searched) =>
                $"{type} ({type.ModelOf()} licence): the site runs it, but this run searched only {string.Join(", ", searched)} (-Type) for allocations of inactive users.";

            public static string NotHandled(LicenseAccessType type, string site) =>
                $"{type} ({type.ModelOf()} licence): {site} runs it, and QlikLicense cannot read it on this kind of site. Check it where the site is managed.";

            public static string LoginGroupFinding(LoginAccessGroup group)
            {
                switch (group.State)
                {
                    case LoginAccessState.RunDry:
                        return string.Format(CultureInfo.InvariantCulture,
                            "Login access group '{0}' has run dry: all {1} passes are used ({2} people in the last 28 days); the people its rules name are refused until passes come back after 28 days. Give it more tokens in the QMC, or move its heavy users to user access passes.",
                            group.Name, group.Passes, group.People);
                    case LoginAccessState.NoRule:
                        return string.Format(CultureInfo.InvariantCulture,
                            "Login access group '{0}' holds {1} token(s) but no enabled license rule lets anyone use its passes{2}: the tokens sit idle. Enable or add a rule, or take the tokens back in the QMC.",
                            group.Name, group.AssignedTokens, group.DisabledRules.Count > 0 ? " (disabled: " + group.DisabledRules + ")" : string.Empty);
                    default:
                        return string.Format(CultureInfo.InvariantCulture,
                            "Login access group '{0}' holds {1} token(s) and no pass was used in the last 28 days: the tokens could serve elsewhere. Take them back in the QMC if the group is not needed.",
                            group.Name, group.AssignedTokens);
                }
            }
        }

        /// <summary>The decisions about denied groups and inactive users: findings and the reasons of suggestions.</summary>
        internal static class Decisions
        {
            public static string NoPowerShellForm(object? value) => "No PowerShell form for " + value?.GetType().Name;

            public static string AllLicensed(int count) => count == 1 ? "The denied member holds a license now." : $"All {count} denied members hold a license now.";

            public static string NoGroup => "No directory group: a license rule cannot name these users by group.";

            public static string OtherCauses(IReadOnlyCollection<LicenseDenialCause> causes) =>
                "Refused for other reasons than a missing seat (" + string.Join(", ", causes.Distinct().OrderBy(cause => cause)) + "): see the suggestions for them.";

            public static string TooFewSeats(IReadOnlyList<string> rules, LicenseAccessType type, int available, int waiting) =>
                $"{Rules(rules)} grant{(rules.Count == 1 ? "s" : string.Empty)} the group {ModelMessages.Access(type)}, but " +
                (available == 0 ? $"no {type} seats are left" : $"only {available} {type} seat(s) are left for {waiting} members without a license") + ".";

            public static string MembersInactive(IReadOnlyList<string> rules) =>
                $"{Rules(rules)} grant{(rules.Count == 1 ? "s" : string.Empty)} the group, but the members still denied are inactive (removed from the directory or blocked).";

            public static string GrantedNow(IReadOnlyList<string> rules) =>
                $"{Rules(rules)} grant{(rules.Count == 1 ? "s" : string.Empty)} the group now and seats are left: the denials came before the rule applied, " +
                "or were for too many sessions (Qlik Sense logs both alike). Ask them to open an app again.";

            public static string RuleDisabled(IReadOnlyList<string> rules) => $"{Rules(rules)} naming the group {(rules.Count == 1 ? "is" : "are")} disabled.";

            public static string NoRule => "No license rule names the group.";

            public static string NoRulesOnTenant(LicenseAutoAssignment? automatic) =>
                "A Qlik Cloud tenant has no license rules: a member gets a license by assignment, or at sign-in through the tenant's automatic assignment, which is " +
                (automatic == null ? "unknown here (the tenant did not answer its settings)"
                    : automatic.Professional || automatic.Analyzer
                        ? "on for " + (automatic.Professional && automatic.Analyzer ? "Professional, then Analyzer" : automatic.Professional ? "Professional" : "Analyzer") +
                          ": the denials came when no such seat was left, or before it was switched on"
                        : "off: assign the members (Add-QlikLicenseAllocation), or switch it on (Set-QlikLicenseAutoAssignment)") + ".";

            public static string Allocate(int count, string? group, int minimum) => (count == 1 ? "One person" : $"{count} people") +
                (group == null ? " without a directory group" : $" of group '{group}'") + (count == 1 ? " was" : " were") + " denied and " +
                (count == 1 ? "holds" : "hold") + " no license" + (group == null ? string.Empty : $"; a rule is suggested from {minimum} denied members of one group") + ".";

            public static string EnableRule(LicenseRule rule, string group, int open) =>
                $"{open} members of group '{group}' were denied and hold no license; {rule.Description} names the group but is disabled.";

            public static string AddGroupToRule(LicenseRule rule, string group, int open) =>
                $"{open} members of group '{group}' were denied and hold no license; {rule.Description} grants groups, so add this one to it.";

            public static string NewRule(string group, int open, LicenseAccessType type) =>
                $"{open} members of group '{group}' were denied and hold no license, and no enabled {type} rule grants groups: create one for the group.";

            public static string GrantsBack(LicenseRule rule, int users) =>
                $"{rule.Description} grants {(users == 1 ? "an inactive user" : $"{users} inactive users")} their released {ModelMessages.Access(rule.Type)} straight back at the next login: leave them out of the rule.";

            public static string FreeSeats(LicenseAccessType type, int needed, int? available, int releasable) =>
                $"{needed} denied user(s) need {ModelMessages.Access(type)} and {(available == null ? "the number of free seats is unknown" : $"{available} seat(s) are free")}; " +
                (releasable == 0 ? "no inactive user holds one to release: buy seats." : $"release the {releasable} {type} allocation(s) of inactive users first (after the rule changes above, or the rules grant them back).");

            public static string SeatForCapacity(AnalyzerCapacityUser person, int seatMinutes, bool seatsOffered) =>
                string.Format(CultureInfo.InvariantCulture,
                    "{0} spent {1} analyzer capacity minutes since {2:yyyy-MM-dd} ({3}% of all), more than the {4} an Analyzer seat costs: a seat costs less.",
                    person.UserIdentity, person.Minutes, person.Since, person.Share, seatMinutes) +
                (seatsOffered ? string.Empty : " The licence offers no Analyzer seats yet: add them to it first.");

            /// <summary>The name a suggested new rule gets: "Sales analyzers", "Sales professionals", "Sales user access".</summary>
            public static string NewRuleName(string group, LicenseAccessType type) =>
                type == LicenseAccessType.UserAccess ? $"{group} user access" : $"{group} {type.ToString().ToLowerInvariant()}s";

            public static string BuildsOn(string ruleText) => $" The new text builds on the change suggested above ({ruleText}): run both in order, or only this one.";

            private static string Rules(IReadOnlyList<string> rules) => (rules.Count == 1 ? "The rule '" : "The rules '") + string.Join("', '", rules) + "'";
        }
    }
}
