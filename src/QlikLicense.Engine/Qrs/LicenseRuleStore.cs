using System;
using System.Diagnostics.CodeAnalysis;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>Reads and changes license rules: each is an access group plus the License system rule that fills it.</summary>
    internal static class LicenseRuleStore
    {
        /// <summary>The Professional, Analyzer and user access license rules (of <paramref name="type"/> only, when given), filtered by QRS.</summary>
        public static IEnumerable<LicenseRule> List(QlikConnection connection, LicenseAccessType? type, SiteCall call)
        {
            var filter = QrsFilter.And(
                QrsFilter.Equal("category", LicenseRuleResources.Category),
                type == null ? null : QrsFilter.StartsWith("resourceFilter", QrsPaths.RuleResourcePrefix(type.Value)));
            return connection.Client().Stream(QrsPaths.Full(QrsPaths.SystemRule), json => WithConnection(LicenseRuleResources.RuleFrom(json), connection), call, filter)
                .OfType<LicenseRule>();
        }

        /// <summary>One license rule by id; fails when there is none or the system rule is not a license rule.</summary>
        public static async Task<LicenseRule> ReadAsync(QlikConnection connection, Guid id, SiteCall call)
        {
            var json = await ReadEntityAsync(connection, id, call).ConfigureAwait(false);
            return WithConnection(LicenseRuleResources.RuleFrom(json), connection) ?? throw LicenseRuleException.NotALicenseRule(id, (string?)json["name"]);
        }

        /// <summary>Whether a License system rule already has this name (QRS compares names case-insensitively).</summary>
        public static async Task<bool> NameTakenAsync(QlikConnection connection, string name, SiteCall call) =>
            await connection.Client().CountAsync(QrsPaths.SystemRule, call,
                QrsFilter.And(QrsFilter.Equal("category", LicenseRuleResources.Category), QrsFilter.Equal("name", name))).ConfigureAwait(false) > 0;

        /// <summary>Sets <see cref="LicenseRule.AccessGroupName"/> from the access groups; returns the rules whose group is missing.</summary>
        public static IReadOnlyList<LicenseRule> JoinAccessGroups(QlikConnection connection, IReadOnlyCollection<LicenseRule> rules, SiteCall call)
        {
            var names = new Dictionary<Guid, string?>();
            foreach (var type in rules.Select(rule => rule.Type).Distinct())
                foreach (var group in connection.Client().Stream(QrsPaths.AccessGroups(type), json => json, call))
                    names[group.GuidValue("id")] = (string?)group["name"];

            var missing = new List<LicenseRule>();
            foreach (var rule in rules)
            {
                if (rule.AccessGroupId != null && names.TryGetValue(rule.AccessGroupId.Value, out var name)) rule.AccessGroupName = name;
                else if (rule.AccessGroupId != null) missing.Add(rule);
            }
            return missing;
        }

        /// <summary>
        /// Creates the access group, then the system rule that fills it. When the rule cannot be created, removes
        /// the group again (with <paramref name="cleanupCall"/>, which should outlive a Ctrl+C), so no orphan stays.
        /// </summary>
        public static async Task<LicenseRule> CreateAsync(QlikConnection connection, LicenseRuleDefinition definition, SiteCall call, SiteCall cleanupCall)
        {
            var groups = QrsPaths.AccessGroups(definition.Type);
            var group = await connection.Client().PostAsync(groups, new JObject { ["name"] = definition.Name }, call).ConfigureAwait(false) as JObject;
            var groupId = group?.NullableGuid("id") ??
                          throw new QrsException(SiteErrorKind.InvalidResponse, "POST", groups, 201, QrsMessages.LicenseRules.NoAccessGroupId(groups));
            var resourceFilter = LicenseRuleResources.ResourceFilter(definition.Type, groupId);
            var body = new JObject
            {
                ["category"] = LicenseRuleResources.Category,
                ["type"] = "Custom",
                ["name"] = definition.Name,
                ["rule"] = definition.Rule,
                ["resourceFilter"] = resourceFilter,
                ["actions"] = LicenseRuleResources.AllowAccess,
                ["ruleContext"] = LicenseRuleResources.QlikSenseOnly,
                ["disabled"] = definition.Disabled,
                ["comment"] = definition.Comment ?? string.Empty,
                ["tags"] = new JArray(),
            };

            Exception failure;
            try
            {
                var created = await connection.Client().PostAsync(QrsPaths.SystemRule, body, call).ConfigureAwait(false) as JObject;
                var rule = created == null ? null : WithConnection(LicenseRuleResources.RuleFrom(created), connection);
                if (rule != null) return Named(rule, definition.Name);
                failure = new QrsException(SiteErrorKind.InvalidResponse, "POST", QrsPaths.SystemRule, 201,
                    QrsMessages.LicenseRules.NotTheRuleSent(QrsPaths.SystemRule));
            }
            catch (Exception error) when (error is QrsException || error is OperationCanceledException)
            {
                failure = error;
            }

            // POST is not retried, so a lost answer may hide a rule that was created: never orphan it by removing its group.
            // The group is new, so a rule naming it can only be the one just sent.
            var landed = await FindByResourceFilterAsync(connection, resourceFilter, cleanupCall).ConfigureAwait(false);
            if (landed != null) return Named(landed, definition.Name);
            try
            {
                await connection.Client().DeleteAsync(QrsPaths.Entity(groups, groupId), cleanupCall).ConfigureAwait(false);
            }
            catch (QrsException cleanupError)
            {
                throw new LicenseRuleException(ProblemKind.LicenseRuleAccessGroupLeft,
                    QrsMessages.LicenseRules.AccessGroupLeftAfterCreate(definition, failure.Message, groupId, cleanupError.Message), failure);
            }
            ExceptionDispatchInfo.Capture(failure).Throw();
            throw failure;
        }

        /// <summary>
        /// Writes <paramref name="change"/> only if the stored rule is still the version <paramref name="read"/>: it
        /// reads the rule, refuses when its modifiedDate is newer, and sends the modifiedDate it read, so QRS answers
        /// 409 to a change made in between. Either way nothing is written and the error names who changed it and when.
        /// When the stored rule already has the values, nothing is written and it is returned as stored.
        /// </summary>
        public static async Task<LicenseRule> UpdateAsync(QlikConnection connection, LicenseRule read, LicenseRuleChange change, SiteCall call)
        {
            var entity = await ReadEntityAsync(connection, read.Id, call).ConfigureAwait(false);
            var stored = WithConnection(LicenseRuleResources.RuleFrom(entity), connection) ?? throw LicenseRuleException.NotALicenseRule(read.Id, (string?)entity["name"]);
            if (read.ModifiedDate != null && stored.ModifiedDate != null && stored.ModifiedDate.Value > read.ModifiedDate.Value)
                throw LicenseRuleException.Changed(read, stored);
            if (!change.ChangesAnything(stored)) return stored;

            change.ApplyTo(entity);
            JToken? answer;
            try
            {
                answer = await connection.Client().PutAsync(QrsPaths.Entity(QrsPaths.SystemRule, read.Id), QrsEntityBody.ForPut(entity, withoutEmptyText: false), call).ConfigureAwait(false);
            }
            catch (QrsException error) when (error.ErrorKind == SiteErrorKind.Conflict)
            {
                var now = await ReadAsync(connection, read.Id, call).ConfigureAwait(false);
                // A retried PUT can be refused by its own first try, which landed but whose answer was lost.
                if (error.Attempts > 1 && !change.ChangesAnything(now)) return now;
                throw LicenseRuleException.Changed(read, now);
            }
            var updated = answer is JObject json ? WithConnection(LicenseRuleResources.RuleFrom(json), connection) : null;
            return updated ?? await ReadAsync(connection, read.Id, call).ConfigureAwait(false);
        }

        /// <summary>Removes the system rule, then its access group; either already gone counts as removed.</summary>
        /// <returns>False when the system rule was already gone.</returns>
        public static async Task<bool> RemoveAsync(QlikConnection connection, LicenseRule rule, SiteCall call)
        {
            var removed = await connection.Client().DeleteAsync(QrsPaths.Entity(QrsPaths.SystemRule, rule.Id), call).ConfigureAwait(false);
            if (rule.AccessGroupId == null) return removed.Removed;
            try
            {
                await connection.Client().DeleteAsync(QrsPaths.Entity(QrsPaths.AccessGroups(rule.Type), rule.AccessGroupId.Value), call).ConfigureAwait(false);
            }
            catch (QrsException error)
            {
                throw new LicenseRuleException(ProblemKind.LicenseRuleAccessGroupLeft,
                    QrsMessages.LicenseRules.AccessGroupLeftAfterRemove(rule, rule.AccessGroupId.Value, error.Message), error);
            }
            return removed.Removed;
        }

        private static async Task<JObject> ReadEntityAsync(QlikConnection connection, Guid id, SiteCall call)
        {
            try
            {
                return await connection.Client().GetAsync(QrsPaths.Entity(QrsPaths.SystemRule, id), call).ConfigureAwait(false) as JObject
                       ?? throw LicenseRuleException.NotFound(id, connection.Site);
            }
            catch (QrsException error) when (error.ErrorKind == SiteErrorKind.NotFound)
            {
                throw LicenseRuleException.NotFound(id, connection.Site);
            }
        }

        private static async Task<LicenseRule?> FindByResourceFilterAsync(QlikConnection connection, string resourceFilter, SiteCall call)
        {
            try
            {
                var found = await connection.Client().GetAsync(QrsPaths.Full(QrsPaths.SystemRule), call, QrsFilter.Equal("resourceFilter", resourceFilter)).ConfigureAwait(false);
                var first = (found as JArray)?.OfType<JObject>().FirstOrDefault();
                return first == null ? null : WithConnection(LicenseRuleResources.RuleFrom(first), connection);
            }
            catch (QrsException)
            {
                // Cannot tell: removing the group is the lesser risk than leaving it, as the rule most likely failed.
                return null;
            }
        }

        private static LicenseRule Named(LicenseRule rule, string? accessGroupName)
        {
            rule.AccessGroupName = accessGroupName;
            return rule;
        }

        [return: NotNullIfNotNull("rule")]
        private static LicenseRule? WithConnection(LicenseRule? rule, QlikConnection connection)
        {
            if (rule != null) rule.Connection = connection;
            return rule;
        }
    }
}
