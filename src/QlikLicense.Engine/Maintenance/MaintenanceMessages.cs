using System;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The wording of the problems, warnings and results the operations report, by area as the cmdlets' <c>Messages</c>
    /// (<see cref="RuleWarnings"/> holds the playbook's rule warning). Users read them in scheduled runs' logs and
    /// scripts match on some: keep each one saying what went wrong and what to do.
    /// </summary>
    internal static class MaintenanceMessages
    {
        /// <summary>The journal: writing it and reading it back.</summary>
        internal static class Journal
        {
            public const string NotARecord = "not a journal record (allocationId, operationId or site missing)";

            public static string FileNotFound(string path) => $"The journal '{path}' does not exist.";

            public static string NotWritable(string path, string reason, string nothingDone) => $"Cannot write the journal '{path}': {reason} {nothingDone}";

            public static string InvalidJson(string reason) => "not valid JSON: " + reason;

            public static string LinesSkipped(string path, int count) => count == 1
                ? $"1 line of the journal '{path}' could not be read and was skipped (-Verbose shows it)."
                : $"{count} lines of the journal '{path}' could not be read and were skipped (-Verbose shows them).";
        }

        /// <summary>Undoing journaled changes.</summary>
        internal static class Undo
        {
            public const string AlreadyAllocated = "The user holds the access type again already; nothing was sent.";
            public const string AllocationAlreadyGone = "The allocation is gone or in quarantine already; nothing was sent.";
            public const string RuleAlreadyGone = "The rule is gone already; nothing was sent.";
            public const string RuleAlreadyAsBefore = "The rule is as it was before the change already; nothing was sent.";
            public const string RemovedRuleNotJournaled = "The journal does not say which rule was removed.";

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

            public static string UserGone(string site, JournalRecord release) =>
                $"The site {site} has no user {release.UserDirectory}\\{release.UserId} (key {release.UserKey:D}) any more: its {release.Type} access cannot be given back.";

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
    }
}
