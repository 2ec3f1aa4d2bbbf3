using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// Whom license rules grant, from QRS's license rule audit: POST /qrs/systemrule/license/audit evaluates the
    /// saved, enabled rules; POST .../audit/preview evaluates rule text that is not saved.
    /// </summary>
    internal static class LicenseRuleAudit
    {
        /// <summary>
        /// The enabled rules that grant <paramref name="type"/> to each user, from ONE audit call: call it once per
        /// access type per run, then look users up by their repository GUID. A user is in the lookup only when a rule
        /// application for them says "allowed"; disabled rules, rules of the other type and applications that failed
        /// to evaluate are left out. <paramref name="userFilter"/> (a QRS filter on users, e.g. inactive eq true)
        /// narrows the users QRS evaluates on large sites; null evaluates all.
        /// </summary>
        /// <returns>User GUID → names of the enabled rules granting that type, each name once, in name order.</returns>
        public static async Task<ILookup<Guid, string>> FindGrantingRulesAsync(QrsClient client, LicenseAccessType type, SiteCall call, QrsFilter? userFilter = null)
        {
            var result = await AuditAsync(client, type, null, call, userFilter).ConfigureAwait(false);
            return GrantingRules(result);
        }

        /// <summary>User GUID → names of the enabled rules granting the audited type, each name once, in name order.</summary>
        internal static ILookup<Guid, string> GrantingRules(LicenseRuleAuditResult result) =>
            result.Matches
                .Where(grant => !grant.RuleDisabled)
                // A rule the answer does not describe is named by its id rather than not at all.
                .Select(grant => (grant.User.Id, RuleName: grant.RuleName ?? grant.RuleId.ToString("D")))
                .Distinct()
                .OrderBy(pair => pair.RuleName, StringComparer.OrdinalIgnoreCase)
                .ToLookup(pair => pair.Id, pair => pair.RuleName);

        /// <summary>
        /// Audits the saved, enabled rules of <paramref name="type"/>; with <paramref name="accessGroupId"/>, only
        /// the rules that fill that access group.
        /// </summary>
        public static async Task<LicenseRuleAuditResult> AuditAsync(QrsClient client, LicenseAccessType type, Guid? accessGroupId, SiteCall call, QrsFilter? userFilter = null)
        {
            var body = new JObject { ["resourceType"] = LicenseRuleResources.ResourceType(type) };
            // The audit selects resources with a QRS filter over them, as Qlik-Cli's Get-QlikLicenseAudit does.
            if (accessGroupId != null) body["resourceFilter"] = QrsFilter.Equal("id", accessGroupId.Value).ToString();
            if (userFilter != null) body["userFilter"] = userFilter.ToString();
            var answer = await client.PostAsync(QrsPaths.LicenseRuleAudit, body, call).ConfigureAwait(false);
            return ReadResult(answer, type, QrsPaths.LicenseRuleAudit);
        }

        /// <summary>
        /// Evaluates rule text that is not saved against the resources <paramref name="resourceFilter"/> names, in
        /// the form a rule's own resource filter has (the rule's, or <see cref="LicenseRuleResources.AnyAccessGroup"/>
        /// for a rule that has no access group yet). How QRS reads this field for previews is unconfirmed.
        /// </summary>
        public static async Task<LicenseRuleAuditResult> PreviewAsync(QrsClient client, LicenseAccessType type, string ruleText, string resourceFilter, SiteCall call)
        {
            var body = new JObject
            {
                ["resourceType"] = LicenseRuleResources.ResourceType(type),
                ["resourceFilter"] = resourceFilter,
                ["ruleConditions"] = ruleText,
                ["actions"] = LicenseRuleResources.AllowAccess,
            };
            var answer = await client.PostAsync(QrsPaths.LicenseRuleAuditPreview, body, call).ConfigureAwait(false);
            return ReadResult(answer, type, QrsPaths.LicenseRuleAuditPreview);
        }

        internal static LicenseRuleAuditResult ReadResult(JToken? answer, LicenseAccessType type, string path)
        {
            if (!(answer is JObject root))
                throw new QrsException(SiteErrorKind.InvalidResponse, "POST", path, 200, QrsMessages.LicenseRules.NotAnAudit(path));

            var users = Property(root, "users") as JObject ?? new JObject();
            var rules = Property(root, "rules") as JObject ?? new JObject();
            var resources = Property(root, "resources") as JObject;
            // A preview's rule is the unsaved text; whatever name QRS gives it means nothing to the caller.
            var preview = path == QrsPaths.LicenseRuleAuditPreview;
            var matches = new List<LicenseRuleMatch>();
            var failures = new List<string>();
            foreach (var application in (Property(root, "ruleApplication") as JArray ?? new JArray()).OfType<JObject>())
            {
                var ruleId = IdOf(application, "ruleID");
                var rule = ruleId == null ? null : Property(rules, ruleId.Value.ToString("D")) as JObject;
                var ruleName = rule == null || preview ? null : (string?)Property(rule, "name");
                var state = (string?)Property(application, "evaluationState");
                var errorMessage = (string?)Property(application, "errorMessage");
                if (!string.IsNullOrEmpty(errorMessage) || (state != null && state.EndsWith("failure", StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add(FailureText(ruleName, state, errorMessage, Property(application, "errorAt") is JValue { Type: JTokenType.Integer } errorAt ? (int)errorAt : (int?)null));
                    continue;
                }
                if (!IsTrue(Property(application, "allowed"))) continue;
                // An answer that mixes types (a server ignoring resourceType) must not grant the wrong access type.
                var ruleType = rule == null ? null : LicenseRuleResources.TypeOf((string?)Property(rule, "resourceFilter"));
                if (ruleType != null && ruleType != type) continue;
                var userKey = IdOf(application, "userID");
                if (userKey == null) continue;
                var user = Property(users, userKey.Value.ToString("D")) as JObject;
                matches.Add(new LicenseRuleMatch(
                    new MatchedUser
                    {
                        Id = userKey.Value,
                        UserDirectory = user == null ? null : (string?)Property(user, "userDirectory"),
                        UserId = user == null ? null : (string?)Property(user, "userId"),
                        Name = user == null ? null : (string?)Property(user, "name"),
                        Type = type,
                        RuleName = ruleName,
                    },
                    ruleId ?? Guid.Empty,
                    ruleName,
                    rule != null && IsTrue(Property(rule, "disabled"))));
            }
            return new LicenseRuleAuditResult(type, resources?.Count ?? 0, matches, failures);
        }

        private static string FailureText(string? ruleName, string? state, string? errorMessage, int? errorAt)
        {
            // A failure has an error message or a state that says so.
            return QrsMessages.LicenseRules.AuditFailure(ruleName, errorMessage is { Length: > 0 } ? errorMessage.Trim() : state ?? string.Empty, errorAt);
        }

        private static JToken? Property(JObject json, string name) => json.GetValue(name, StringComparison.OrdinalIgnoreCase);

        private static Guid? IdOf(JObject json, string name) =>
            Guid.TryParse((string?)Property(json, name), out var id) && id != Guid.Empty ? id : (Guid?)null;

        private static bool IsTrue(JToken? token) =>
            token != null && (token.Type == JTokenType.Boolean ? (bool)token : token.Type == JTokenType.String && bool.TryParse((string?)token, out var parsed) && parsed);
    }
}
