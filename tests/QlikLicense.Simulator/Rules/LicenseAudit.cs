using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Filtering;
using QlikLicense.Simulator.Http;

namespace QlikLicense.Simulator.Rules;

/// <summary>
/// POST /qrs/systemrule/license/audit (saved, enabled License rules) and /audit/preview (a rule not yet saved:
/// "ruleConditions" + "resourceFilter"). Body fields per Qlik's help (AuditParameters / AuditPreviewParameters):
/// resourceType, resourceFilter, userFilter (a QRS filter on users), userSkip, userTake, includeNonGrantingRules,
/// ruleConditions, actions; names match case-insensitively. Answer: users, resources, rules, ruleApplication.
/// Non-granting applications are listed only with includeNonGrantingRules.
/// The two resourceFilters differ: the audit's selects resources with a QRS filter over the access groups of
/// resourceType (Qlik-Cli's Get-QlikLicenseAudit and qlik-repo-api send "id eq &lt;groupId&gt;"); the preview's is
/// the resource filter of the rule being previewed ("License.AnalyzerAccessGroup_&lt;groupId&gt;"), as the rule
/// editor has it (unconfirmed).
/// </summary>
internal sealed class LicenseAudit(SiteStore store)
{
    private static readonly Regex AccessGroupFilter = new(@"^License\.(Professional|Analyzer|User)AccessGroup_(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public JObject Audit(JObject body)
    {
        var selected = SelectResources(Text(body, "resourceType"), Text(body, "resourceFilter"));
        var rules = store.All(QrsTypes.SystemRule)
            .Where(rule => string.Equals(rule.Value<string>("category"), "License", StringComparison.OrdinalIgnoreCase) && rule.Value<bool?>("disabled") != true)
            .ToArray();
        return Evaluate(body, rules, "AuditResult", selected);
    }

    public JObject Preview(JObject body)
    {
        var ruleText = Text(body, "ruleConditions") ?? throw new QrsException(400, "ruleConditions is required.");
        var resourceFilter = Text(body, "resourceFilter") ?? throw new QrsException(400, "resourceFilter is required.");
        var rule = EntityShapes.SystemRule(Guid.NewGuid(), "License", "Preview", ruleText, resourceFilter, false, store.Clock.UtcNow, EntityShapes.SystemActor);
        if (body.GetValue("actions", StringComparison.OrdinalIgnoreCase) is JValue actions && actions.Type == JTokenType.Integer) rule["actions"] = actions.Value<int>();
        return Evaluate(body, [rule], "AuditPreview");
    }

    /// <param name="selected">The ids of the resources the audit asked about; null for a preview (the rule's own).</param>
    private JObject Evaluate(JObject body, IReadOnlyList<JObject> rules, string schemaPath, ISet<string> selected = null)
    {
        var users = SelectUsers(body);
        var includeNonGranting = body.GetValue("includeNonGrantingRules", StringComparison.OrdinalIgnoreCase)?.Type == JTokenType.Boolean &&
                                 body.GetValue("includeNonGrantingRules", StringComparison.OrdinalIgnoreCase).Value<bool>();
        var usersOut = new JObject();
        var resourcesOut = new JObject();
        var rulesOut = new JObject();
        var applications = new JArray();
        foreach (var rule in rules)
        {
            var ruleId = rule.Value<string>("id");
            var resources = Resources(rule.Value<string>("resourceFilter"));
            if (selected is not null) resources = resources.Where(resource => selected.Contains(resource.Value<string>("id"))).ToList();
            if (selected is not null && resources.Count == 0) continue;
            rulesOut[ruleId] = Condensed(rule);
            foreach (var resource in resources) resourcesOut[resource.Value<string>("id")] = resource;

            LicenseRule parsed;
            try
            {
                parsed = LicenseRule.Parse(rule.Value<string>("rule"));
            }
            catch (LicenseRuleException exception)
            {
                foreach (var resource in resources)
                    applications.Add(Application(Guid.Empty.ToString(), resource.Value<string>("id"), ruleId, false, exception.Position, exception.Message, "parsefailure"));
                continue;
            }

            foreach (var user in users)
            {
                var allowed = parsed.Evaluate(user);
                if (!allowed && !includeNonGranting) continue;
                var userId = user.Value<string>("id");
                usersOut[userId] = new JObject
                {
                    ["id"] = userId,
                    ["userId"] = user["userId"]?.DeepClone(),
                    ["userDirectory"] = user["userDirectory"]?.DeepClone(),
                    ["name"] = user["name"]?.DeepClone(),
                    ["schemaPath"] = "AuditUser",
                };
                foreach (var resource in resources)
                    applications.Add(Application(userId, resource.Value<string>("id"), ruleId, allowed, -1, "", "evaluated"));
            }
        }

        return new JObject
        {
            ["schemaPath"] = schemaPath,
            ["users"] = usersOut,
            ["resources"] = resourcesOut,
            ["rules"] = rulesOut,
            ["ruleApplication"] = applications,
        };
    }

    /// <summary>The ids of the access groups of <paramref name="resourceType"/> (every kind when empty, none when
    /// it names another type) that match the QRS filter <paramref name="resourceFilter"/> (all when empty).</summary>
    private HashSet<string> SelectResources(string resourceType, string resourceFilter)
    {
        var kinds = string.IsNullOrEmpty(resourceType)
            ? Enum.GetValues<AccessKind>()
            : Enum.GetValues<AccessKind>().Where(kind => ResourceTypeName(kind).Equals(resourceType, StringComparison.OrdinalIgnoreCase)).ToArray();
        var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in kinds)
        {
            IEnumerable<JObject> groups = store.All(QrsTypes.AccessGroup(kind));
            if (!string.IsNullOrWhiteSpace(resourceFilter))
            {
                var node = QrsApi.ParseFilter(resourceFilter, QrsTypes.AccessGroup(kind));
                groups = groups.Where(group => QrsFilterEvaluator.Matches(node, group));
            }

            selected.UnionWith(groups.Select(group => group.Value<string>("id")));
        }

        return selected;
    }

    private IReadOnlyList<JObject> SelectUsers(JObject body)
    {
        IEnumerable<JObject> users = store.All(QrsTypes.User);
        var userFilter = Text(body, "userFilter");
        if (!string.IsNullOrWhiteSpace(userFilter))
        {
            var node = QrsApi.ParseFilter(userFilter, QrsTypes.User);
            users = users.Where(user => QrsFilterEvaluator.Matches(node, user));
        }

        var skip = Number(body, "userSkip");
        var take = Number(body, "userTake");
        if (skip > 0) users = users.Skip(skip);
        if (take > 0) users = users.Take(take);
        return users.ToArray();
    }

    /// <summary>The access groups a resource filter names; an id that does not exist yet (a preview before
    /// saving) still yields a resource, so the preview shows whom the rule would grant.</summary>
    private List<JObject> Resources(string resourceFilter)
    {
        var match = AccessGroupFilter.Match(resourceFilter ?? "");
        if (!match.Success) return [];
        var kind = Enum.GetValues<AccessKind>().First(candidate => QrsTypes.Prefix(candidate).Equals(match.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
        var groupPattern = Wildcard(match.Groups[2].Value);
        var groups = store.All(QrsTypes.AccessGroup(kind))
            .Where(group => groupPattern.IsMatch(group.Value<string>("id")))
            .Select(group => Resource(group.Value<string>("id"), group.Value<string>("name"), kind))
            .ToList();
        if (groups.Count == 0 && Guid.TryParse(match.Groups[2].Value, out var id)) groups.Add(Resource(id.ToString(), "", kind));
        return groups;
    }

    private static JObject Resource(string id, string name, AccessKind kind) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["resourceType"] = ResourceTypeName(kind),
        ["schemaPath"] = "AuditResource",
    };

    private static string ResourceTypeName(AccessKind kind) => $"License.{QrsTypes.Prefix(kind)}AccessGroup";

    private static JObject Application(string userId, string resourceId, string ruleId, bool allowed, int errorAt, string errorMessage, string state) => new()
    {
        ["userID"] = userId,
        ["resourceID"] = resourceId,
        ["ruleID"] = ruleId,
        ["allowed"] = allowed,
        ["errorAt"] = errorAt,
        ["errorMessage"] = errorMessage,
        ["evaluationState"] = state,
        ["schemaPath"] = "SystemRuleApplicationItem",
    };

    private static JObject Condensed(JObject rule)
    {
        var condensed = new JObject();
        foreach (var field in EntityShapes.Condensed(QrsTypes.SystemRule)) condensed[field] = rule[field]?.DeepClone();
        return condensed;
    }

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string Text(JObject body, string name) =>
        body.GetValue(name, StringComparison.OrdinalIgnoreCase) is JValue { Type: JTokenType.String } value ? value.Value<string>() : null;

    private static int Number(JObject body, string name) =>
        body.GetValue(name, StringComparison.OrdinalIgnoreCase) is JValue { Type: JTokenType.Integer } value ? value.Value<int>() : 0;
}
