using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Filtering;
using QlikLicense.Simulator.Rules;

namespace QlikLicense.Simulator.Http;

/// <summary>The QRS endpoints over a <see cref="SiteStore"/>.</summary>
internal sealed class QrsApi(SiteStore store)
{
    private static readonly HashSet<string> ServerOwnedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "createdDate", "modifiedDate", "modifiedByUserName", "schemaPath", "privileges",
    };

    private static readonly HashSet<string> CreatableTypes =
    [
        QrsTypes.User, QrsTypes.ProfessionalAccessType, QrsTypes.AnalyzerAccessType, QrsTypes.UserAccessType, QrsTypes.ProfessionalAccessGroup,
        QrsTypes.AnalyzerAccessGroup, QrsTypes.UserAccessGroup, QrsTypes.SystemRule, QrsTypes.Stream,
    ];

    // Stateless views of the store: one for reads, one the allocation rules count tokens with.
    private readonly SharedAccess _shared = new(store);
    private readonly LicenseAllocations _allocations = new(store, new SharedAccess(store));
    private readonly LicenseAudit _audit = new(store);

    /// <param name="path">The path below /qrs/, without leading or trailing slashes.</param>
    public QrsResponse Handle(QrsRequest request)
    {
        var path = request.Path.ToLowerInvariant();
        switch (request.Method, path)
        {
            case ("GET", "about"): return QrsResponse.Json(200, About());
            case ("GET", "about/api/enums"): return QrsResponse.Json(200, Enums());
            case ("GET", "license"): return QrsResponse.Json(200, License());
            case ("GET", "license/accesstypeoverview"): return QrsResponse.Json(200, _allocations.Overview());
            case ("POST", "systemrule/license/audit"): return QrsResponse.Json(200, _audit.Audit(request.Body as JObject ?? new JObject()));
            case ("POST", "systemrule/license/audit/preview"): return QrsResponse.Json(200, _audit.Preview(request.BodyObject));
        }

        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (type, rest) = ResolveType(segments);
        if (type is null) throw new QrsException(404, $"No such endpoint: /qrs/{request.Path}");
        // Pass and minute counts follow the site clock: fill them in before they are read.
        if (type == QrsTypes.LoginAccessType) _shared.RefreshLoginGroups();
        if (type == QrsTypes.AnalyzerTimeAccessType) _shared.RefreshCapacityPool();

        return (request.Method, rest.Length == 0 ? "" : rest[0].ToLowerInvariant(), rest.Length) switch
        {
            ("GET", "", 0) => List(type, request, EntityShapes.Condensed(type)),
            ("GET", "full", 1) => List(type, request, null),
            ("GET", "count", 1) => QrsResponse.Json(200, new JObject { ["value"] = Select(type, request.QueryValue("filter")).Count }),
            ("GET", _, 1) => QrsResponse.Json(200, Existing(type, rest[0])),
            ("POST", "", 0) => Create(type, request),
            ("PUT", _, 1) => QrsResponse.Json(200, Update(type, rest[0], request)),
            ("DELETE", _, 1) => Delete(type, rest[0]),
            _ => throw new QrsException(405, $"{request.Method} is not supported on /qrs/{request.Path}"),
        };
    }

    /// <summary>The entities of <paramref name="type"/> matching a QRS filter (all when null or empty).</summary>
    public IReadOnlyList<JObject> Select(string type, string filter)
    {
        var all = store.All(type);
        if (string.IsNullOrWhiteSpace(filter)) return all;
        var node = ParseFilter(filter, type);
        return all.Where(entity => QrsFilterEvaluator.Matches(node, entity, FullUser)).ToArray();
    }

    /// <summary>A property an allocation's condensed user lacks (removedExternally, blacklisted, ...), read from the user itself.</summary>
    private JToken FullUser(JObject condensed, string property) =>
        Guid.TryParse(condensed.Value<string>("id"), out var id) && condensed.Parent?.Parent is JObject owner && owner["user"] == condensed
            ? store.Find(QrsTypes.User, id)?.GetValue(property, StringComparison.OrdinalIgnoreCase)
            : null;

    internal static QrsFilterNode ParseFilter(string filter, string type)
    {
        try
        {
            var node = QrsFilterParser.Parse(filter);
            QrsFilterEvaluator.CheckProperties(node, FilterableShape(type));
            return node;
        }
        catch (QrsFilterException exception)
        {
            throw new QrsException(400, exception.Message);
        }
    }

    /// <summary>The properties a filter on <paramref name="type"/> may name: an allocation's user with all a user's properties.</summary>
    private static JObject FilterableShape(string type)
    {
        var shape = EntityShapes.Template(type);
        if (!QrsTypes.IsAccessType(type)) return shape;
        var withUser = (JObject)shape.DeepClone();
        withUser["user"] = EntityShapes.Template(QrsTypes.User).DeepClone();
        return withUser;
    }

    private static (string Type, string[] Remainder) ResolveType(string[] segments)
    {
        if (segments.Length >= 2 && EntityShapes.IsKnownType($"{segments[0]}/{segments[1]}".ToLowerInvariant()))
            return ($"{segments[0]}/{segments[1]}".ToLowerInvariant(), segments[2..]);
        if (segments.Length >= 1 && EntityShapes.IsKnownType(segments[0].ToLowerInvariant()))
            return (segments[0].ToLowerInvariant(), segments[1..]);
        return (null, []);
    }

    private QrsResponse List(string type, QrsRequest request, IReadOnlyList<string> fields)
    {
        var items = Select(type, request.QueryValue("filter"));
        var orderBy = request.QueryValue("orderby");
        if (!string.IsNullOrWhiteSpace(orderBy)) items = Order(items, orderBy, type);
        return QrsResponse.List(items, fields);
    }

    private static IReadOnlyList<JObject> Order(IReadOnlyList<JObject> items, string orderBy, string type)
    {
        IOrderedEnumerable<JObject> ordered = null;
        foreach (var clause in orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (parts.Length > 2 || (parts.Length == 2 && !descending && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
                throw new QrsException(400, $"Cannot parse the orderby expression '{orderBy}'");
            var path = parts[0].Split('.');
            if (!HasPath(EntityShapes.Template(type), path)) throw new QrsException(400, $"Unknown property '{parts[0]}' in orderby");
            Func<JObject, string> key = entity => SortKey(entity, path);
            ordered = ordered is null
                ? descending ? items.OrderByDescending(key, SortKeyComparer.Instance) : items.OrderBy(key, SortKeyComparer.Instance)
                : descending ? ordered.ThenByDescending(key, SortKeyComparer.Instance) : ordered.ThenBy(key, SortKeyComparer.Instance);
        }

        return ordered?.ToArray() ?? items;
    }

    private static bool HasPath(JObject shape, string[] path)
    {
        JToken token = shape;
        foreach (var segment in path)
        {
            token = (token as JObject)?.GetValue(segment, StringComparison.OrdinalIgnoreCase);
            if (token is null) return false;
        }

        return true;
    }

    private static string SortKey(JObject entity, string[] path)
    {
        JToken token = entity;
        foreach (var segment in path) token = (token as JObject)?.GetValue(segment, StringComparison.OrdinalIgnoreCase);
        return token is null || token.Type == JTokenType.Null ? null : token.ToString();
    }

    private JObject Existing(string type, string idText) =>
        Guid.TryParse(idText, out var id) ? store.Find(type, id) ?? throw NotFound(type, idText) : throw NotFound(type, idText);

    private static QrsException NotFound(string type, string id) => new(404, $"No {type} with id {id}.");

    private QrsResponse Create(string type, QrsRequest request)
    {
        if (!CreatableTypes.Contains(type)) throw new QrsException(405, $"POST is not supported on /qrs/{type}");
        var body = request.BodyObject;
        if (QrsTypes.IsAccessType(type)) return _allocations.Allocate(QrsTypes.KindOfAccessType(type), body, request.Actor);

        var now = store.Clock.UtcNow;
        var id = Guid.NewGuid();
        JObject entity = type switch
        {
            QrsTypes.User => EntityShapes.User(id, Required(body, "userDirectory"), Required(body, "userId"),
                body.Value<string>("name") ?? body.Value<string>("userId"), [], false, false, now, request.Actor),
            QrsTypes.ProfessionalAccessGroup => EntityShapes.AccessGroup(AccessKind.Professional, id, Required(body, "name"), now, request.Actor),
            QrsTypes.AnalyzerAccessGroup => EntityShapes.AccessGroup(AccessKind.Analyzer, id, Required(body, "name"), now, request.Actor),
            QrsTypes.UserAccessGroup => EntityShapes.AccessGroup(AccessKind.UserAccess, id, Required(body, "name"), now, request.Actor),
            QrsTypes.SystemRule => EntityShapes.SystemRule(id, body.Value<string>("category") ?? "Security", Required(body, "name"),
                body.Value<string>("rule") ?? "", Required(body, "resourceFilter"), false, now, request.Actor),
            QrsTypes.Stream => EntityShapes.Stream(id, Required(body, "name"), now, request.Actor),
            _ => throw new QrsException(405, $"POST is not supported on /qrs/{type}"),
        };
        Overlay(entity, body);
        Normalize(type, entity);
        try
        {
            return QrsResponse.Json(201, store.Add(type, entity));
        }
        catch (InvalidOperationException exception)
        {
            throw new QrsException(409, exception.Message);
        }
    }

    private JObject Update(string type, string idText, QrsRequest request)
    {
        var body = request.BodyObject;
        if (!Guid.TryParse(idText, out var id)) throw NotFound(type, idText);
        if (body.Value<string>("id") is { } bodyId && (!Guid.TryParse(bodyId, out var parsed) || parsed != id))
            throw new QrsException(400, "The id in the body differs from the id in the path.");
        if (!QrsDates.TryParse(body.Value<string>("modifiedDate"), out var readModified))
            throw new QrsException(400, "modifiedDate is required: send the modifiedDate you read.");

        return store.Atomically(() =>
        {
            var stored = store.Find(type, id) ?? throw NotFound(type, idText);
            QrsDates.TryParse(stored.Value<string>("modifiedDate"), out var storedModified);
            if (readModified < storedModified)
                throw new QrsException(409, $"Conflict: the {type} was modified at {QrsDates.Format(storedModified)}, after the modifiedDate sent.");

            var updated = (JObject)stored.DeepClone();
            Overlay(updated, body);
            Normalize(type, updated);
            if (QrsTypes.IsAccessType(type)) _allocations.CheckUpdate(stored, updated);
            var now = store.Clock.UtcNow;
            // A stopped site clock must still give every change a later modifiedDate, or stale writes would pass.
            updated["modifiedDate"] = QrsDates.Format(now > storedModified ? now : storedModified.AddMilliseconds(1));
            updated["modifiedByUserName"] = request.Actor;
            if (type == QrsTypes.User)
            {
                var other = store.FindUser(updated.Value<string>("userDirectory"), updated.Value<string>("userId"));
                if (other is not null && other.Value<string>("id") != stored.Value<string>("id"))
                    throw new QrsException(409, "Another user has this userDirectory and userId.");
            }

            return store.Replace(type, updated);
        });
    }

    private QrsResponse Delete(string type, string idText)
    {
        if (!Guid.TryParse(idText, out var id)) throw NotFound(type, idText);
        if (QrsTypes.IsAccessType(type)) _allocations.Deallocate(QrsTypes.KindOfAccessType(type), id);
        else if (type == QrsTypes.User) _allocations.DeleteUser(id);
        else if (!store.Remove(type, id)) throw NotFound(type, idText);
        return QrsResponse.Empty(204);
    }

    private static void Overlay(JObject entity, JObject body)
    {
        foreach (var property in body.Properties())
        {
            if (ServerOwnedFields.Contains(property.Name)) continue;
            var existing = entity.Properties().FirstOrDefault(p => p.Name.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            entity[existing?.Name ?? property.Name] = property.Value.DeepClone();
        }
    }

    private static void Normalize(string type, JObject entity)
    {
        if (type != QrsTypes.User) return;
        entity["inactive"] = (entity.Value<bool?>("removedExternally") ?? false) || (entity.Value<bool?>("blacklisted") ?? false);
        foreach (var attribute in (entity["attributes"] as JArray ?? []).OfType<JObject>())
        {
            if (attribute["id"] is null || attribute["id"].Type == JTokenType.Null) attribute["id"] = Guid.NewGuid().ToString();
        }
    }

    private static string Required(JObject body, string name) =>
        body.GetValue(name, StringComparison.OrdinalIgnoreCase)?.Type == JTokenType.String &&
        body.GetValue(name, StringComparison.OrdinalIgnoreCase).Value<string>() is { Length: > 0 } value
            ? value
            : throw new QrsException(400, $"{name} is required.");

    private static JObject About() => new()
    {
        ["buildVersion"] = "23.19.3.0",
        ["buildDate"] = "9/20/2013 10:09:00 AM",
        ["databaseProvider"] = "Devart.Data.PostgreSql",
        ["nodeType"] = 1,
        ["sharedPersistence"] = true,
        ["requiresBootstrap"] = false,
        ["singleNodeOnly"] = false,
        ["schemaPath"] = "About",
    };

    private static JObject Enums() => new()
    {
        ["TaskExecutionStatus"] = EnumDescription("ExecutionResult.Status", ["NeverStarted", "Triggered", "Started", "Queued", "AbortInitiated",
            "Aborting", "Aborted", "FinishedSuccess", "FinishedFail", "Skipped", "Retry", "Error", "Reset", "DistributionQueue", "DistributionRunning"]),
        ["RuleContext"] = EnumDescription("SystemRule.RuleContext", ["BothQlikSenseAndQMC", "QlikSenseOnly", "QMCOnly"]),
    };

    private static JObject EnumDescription(string usage, string[] names) => new()
    {
        ["name"] = usage,
        ["values"] = new JArray(names.Select((name, index) => $"{index}: {name}")),
    };

    /// <summary>GET /qrs/license; the end date (if any) in <c>keyDetails</c> or <c>lef</c> as <see cref="SiteStore.LicenseEndReading"/> says.</summary>
    private JObject License()
    {
        var license = LicenseEntity();
        if (store.LicenseEnd is DateTime end)
        {
            var day = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (store.LicenseEndReading == LicenseEndReading.SignedKey)
                license["keyDetails"] = new JObject { ["licenseNumber"] = store.LicenseSerial, ["valid"] = end.AddYears(-1).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "/" + day,
                    ["professional"] = store.ProfessionalTotal, ["analyzer"] = store.AnalyzerTotal }.ToString(Newtonsoft.Json.Formatting.None);
            else
                license["lef"] = $"QlikSim Administrator;QlikSim;;\r\nPRODUCTLEVEL;50;;{day}\r\nTIMELIMIT;{day}\r\nOVERAGE;NO;;";
        }
        license["isExpired"] = store.LicenseExpired;
        if (store.LicenseExpired) license["expiredReason"] = "The license has expired.";
        return license;
    }

    private JObject LicenseEntity() => new()
    {
        ["id"] = EntityShapes.StableGuid("license").ToString(),
        ["createdDate"] = QrsDates.Format(store.Clock.UtcNow.AddDays(-400)),
        ["modifiedDate"] = QrsDates.Format(store.Clock.UtcNow.AddDays(-400)),
        ["modifiedByUserName"] = EntityShapes.SystemActor,
        ["lef"] = "",
        ["serial"] = store.LicenseSerial,
        ["check"] = "",
        ["key"] = store.LicenseKey,
        ["name"] = "QlikSim Administrator",
        ["organization"] = "QlikSim",
        ["product"] = 0,
        ["numberOfCores"] = 0,
        ["isExpired"] = false,
        ["expiredReason"] = "",
        ["isBlacklisted"] = false,
        ["isInvalid"] = false,
        ["isSubscription"] = false,
        ["isCloudServices"] = false,
        ["isElastic"] = false,
        ["keyDetails"] = $"PROFESSIONAL;{store.ProfessionalTotal};;ANALYZER;{store.AnalyzerTotal};;",
        ["privileges"] = null,
        ["schemaPath"] = "License",
    };

    /// <summary>Orders nulls first, then ISO dates by time, numbers by value, text case-insensitively.</summary>
    private sealed class SortKeyComparer : IComparer<string>
    {
        public static readonly SortKeyComparer Instance = new();

        public int Compare(string x, string y)
        {
            if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
            if (QrsDates.TryParse(x, out var dx) && QrsDates.TryParse(y, out var dy)) return dx.CompareTo(dy);
            if (double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var nx) &&
                double.TryParse(y, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ny))
                return nx.CompareTo(ny);
            return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
        }
    }
}
