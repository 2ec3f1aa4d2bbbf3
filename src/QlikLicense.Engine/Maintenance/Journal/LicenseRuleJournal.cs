using System;
using System.Threading.Tasks;
using QlikLicense.Rules;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Journal
{
    /// <summary>
    /// License rule changes with their journal lines: the intent (the rule as it was, and as it is to be) before
    /// anything is sent, and the outcome after the site answered, in the site's one journal, so every rule change
    /// can be undone (Undo-QlikLicenseChange).
    /// </summary>
    public static class LicenseRuleJournal
    {
        public static JournalRule Snapshot(LicenseRule rule) => new JournalRule
        {
            Id = rule.Id,
            Name = rule.Name,
            Type = rule.Type,
            Rule = rule.Rule,
            Comment = rule.Comment ?? string.Empty,
            Disabled = rule.Disabled,
            AccessGroupId = rule.AccessGroupId,
            AccessGroupName = rule.AccessGroupName,
            ModifiedDate = rule.ModifiedDate,
            ModifiedByUserName = rule.ModifiedByUserName,
        };

        /// <summary>Creates the rule (access group and system rule), journaled.</summary>
        public static async Task<LicenseRule> CreateAsync(QlikConnection connection, LicenseJournal journal, LicenseRuleDefinition definition,
            SiteCall call, SiteCall cleanupCall, Guid? undoes = null)
        {
            var intent = Intent(JournalEvent.RuleCreate, connection, definition.Type, undoes);
            intent.RuleAfter = new JournalRule
            {
                Name = definition.Name, Type = definition.Type, Rule = definition.Rule, Comment = definition.Comment ?? string.Empty, Disabled = definition.Disabled,
            };
            journal.Append(intent);
            var created = await Journaled(journal, intent, () => connection.Rules().CreateRuleAsync(definition, call, cleanupCall)).ConfigureAwait(false);
            journal.Append(Outcome(intent, AllocationOutcome.Created, Snapshot(created)));
            return created;
        }

        /// <summary>Changes the rule if it is still as read (see <see cref="LicenseRuleStore.UpdateAsync"/>), journaled when it changes anything.</summary>
        public static async Task<LicenseRule> UpdateAsync(QlikConnection connection, LicenseJournal journal, LicenseRule read, LicenseRuleChange change,
            SiteCall call, Guid? undoes = null)
        {
            if (!change.ChangesAnything(read)) return await connection.Rules().UpdateRuleAsync(read, change, call).ConfigureAwait(false);
            var intent = Intent(JournalEvent.RuleChange, connection, read.Type, undoes);
            intent.RuleBefore = Snapshot(read);
            intent.RuleAfter = Snapshot(read);
            intent.RuleAfter.ModifiedDate = null;
            intent.RuleAfter.Name = change.Name ?? read.Name;
            intent.RuleAfter.Rule = change.Rule ?? read.Rule;
            intent.RuleAfter.Comment = change.Comment ?? read.Comment;
            intent.RuleAfter.Disabled = change.Disabled ?? read.Disabled;
            journal.Append(intent);
            var updated = await Journaled(journal, intent, () => connection.Rules().UpdateRuleAsync(read, change, call)).ConfigureAwait(false);
            updated.AccessGroupName = read.AccessGroupName;
            journal.Append(Outcome(intent, AllocationOutcome.Changed, Snapshot(updated)));
            return updated;
        }

        /// <summary>Removes the rule and its access group, journaled as it was.</summary>
        /// <returns>False when the system rule was already gone.</returns>
        public static async Task<bool> RemoveAsync(QlikConnection connection, LicenseJournal journal, LicenseRule rule, SiteCall call, Guid? undoes = null)
        {
            var intent = Intent(JournalEvent.RuleRemove, connection, rule.Type, undoes);
            intent.RuleBefore = Snapshot(rule);
            journal.Append(intent);
            var wasThere = await Journaled(journal, intent, () => connection.Rules().RemoveRuleAsync(rule, call)).ConfigureAwait(false);
            journal.Append(Outcome(intent, wasThere ? AllocationOutcome.Removed : AllocationOutcome.AlreadyGone, null));
            return wasThere;
        }

        /// <summary>Runs the change; a refusal or failure is journaled as Failed and thrown on. Ctrl+C leaves the intent alone.</summary>
        private static async Task<T> Journaled<T>(LicenseJournal journal, JournalRecord intent, Func<Task<T>> change)
        {
            try
            {
                return await change().ConfigureAwait(false);
            }
            catch (Exception error) when (error is SiteException || error is LicenseRuleException)
            {
                var failed = Outcome(intent, AllocationOutcome.Failed, null);
                failed.Message = error.Message;
                journal.Append(failed);
                throw;
            }
        }

        private static JournalRecord Intent(JournalEvent journalEvent, QlikConnection connection, LicenseAccessType type, Guid? undoes) => new JournalRecord
        {
            Time = DateTime.UtcNow,
            Event = journalEvent,
            OperationId = Guid.NewGuid(),
            Site = connection.Site,
            Type = type,
            Undoes = undoes,
        };

        private static JournalRecord Outcome(JournalRecord intent, AllocationOutcome outcome, JournalRule? after)
        {
            var record = intent.FollowUp(intent.Event, outcome, DateTime.UtcNow);
            record.RuleAfter = after;
            return record;
        }
    }
}
