using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// The JSON shapes QRS returns from /full (per the QRS OpenAPI description and real answers), the condensed
/// field lists of the plain list endpoints, and a template per type that tells which properties a filter may name.
/// </summary>
internal static class EntityShapes
{
    public const string SystemActor = @"INTERNAL\sa_repository";

    /// <summary>INTERNAL\sa_repository's id in the seed; it owns the apps and streams.</summary>
    public const string RepositoryServiceAccountId = "5e0a7f3c-6a2e-4f0a-9d35-2b1c8f0e1a00";
    private static readonly Dictionary<string, JObject> Templates = BuildTemplates();

    private static readonly Dictionary<string, string[]> CondensedFields = new()
    {
        [QrsTypes.User] = ["id", "userId", "userDirectory", "userDirectoryConnectorName", "name", "privileges"],
        [QrsTypes.ProfessionalAccessType] = ["id", "privileges"],
        [QrsTypes.AnalyzerAccessType] = ["id", "privileges"],
        [QrsTypes.UserAccessType] = ["id", "privileges"],
        [QrsTypes.UserAccessGroup] = ["id", "name", "privileges"],
        [QrsTypes.LoginAccessType] = ["id", "name", "privileges"],
        [QrsTypes.LoginAccessUsage] = ["id", "privileges"],
        [QrsTypes.AnalyzerTimeAccessType] = ["id", "name", "privileges"],
        [QrsTypes.AnalyzerTimeAccessUsage] = ["id", "privileges"],
        [QrsTypes.ProfessionalAccessGroup] = ["id", "name", "privileges"],
        [QrsTypes.AnalyzerAccessGroup] = ["id", "name", "privileges"],
        [QrsTypes.SystemRule] = ["id", "category", "subcategory", "type", "name", "rule", "resourceFilter", "actions", "comment", "disabled", "privileges"],
        [QrsTypes.App] = ["id", "name", "appId", "publishTime", "published", "stream", "savedInProductVersion", "migrationHash", "availabilityStatus", "privileges"],
        [QrsTypes.ReloadTask] = ["id", "name", "taskType", "enabled", "taskSessionTimeout", "maxRetries", "operational", "privileges"],
        [QrsTypes.Stream] = ["id", "name", "privileges"],
        [QrsTypes.ServiceCluster] = ["id", "name", "privileges"],
        [QrsTypes.UserDirectory] = ["id", "name", "userDirectoryName", "configured", "operational", "privileges"],
    };

    public static IReadOnlyCollection<string> KnownTypes => Templates.Keys;

    public static bool IsKnownType(string type) => Templates.ContainsKey(type);

    public static JObject Template(string type) => Templates[type];

    public static IReadOnlyList<string> Condensed(string type) => CondensedFields[type];

    public static string SchemaPath(string type) => Template(type).Value<string>("schemaPath");

    /// <summary>A stable GUID from a name, so seeded entities keep their ids between runs.</summary>
    public static Guid StableGuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A GUID derived from another one and a small number: cheap, stable and distinct per number.</summary>
    private static Guid DerivedGuid(Guid baseId, int number)
    {
        Span<byte> bytes = stackalloc byte[16];
        baseId.TryWriteBytes(bytes);
        bytes[15] ^= (byte)number;
        bytes[14] ^= (byte)(number >> 8);
        bytes[13] ^= 0xA5;
        return new Guid(bytes);
    }

    public static JObject Audit(Guid id, DateTime nowUtc, string actor)
    {
        var date = QrsDates.Format(nowUtc);
        return new JObject
        {
            ["id"] = id.ToString(),
            ["createdDate"] = date,
            ["modifiedDate"] = date,
            ["modifiedByUserName"] = actor,
        };
    }

    public static JObject User(Guid id, string userDirectory, string userId, string name,
        IEnumerable<(string Type, string Value)> attributes, bool removedExternally, bool blacklisted, DateTime nowUtc, string actor)
    {
        var user = Audit(id, nowUtc, actor);
        user["userId"] = userId;
        user["userDirectory"] = userDirectory;
        user["userDirectoryConnectorName"] = userDirectory;
        user["name"] = name;
        user["roles"] = new JArray();
        var list = new JArray();
        var index = 0;
        foreach (var (type, value) in attributes ?? [])
        {
            // The fields the QMC and the reference name; kept lean because a 100k-user site holds 200k of them.
            list.Add(new JObject
            {
                ["id"] = DerivedGuid(id, ++index).ToString(),
                ["attributeType"] = type,
                ["attributeValue"] = value,
                ["externalId"] = value,
            });
        }

        user["attributes"] = list;
        user["customProperties"] = new JArray();
        user["tags"] = new JArray();
        user["inactive"] = removedExternally || blacklisted;
        user["removedExternally"] = removedExternally;
        user["blacklisted"] = blacklisted;
        user["deleteProhibited"] = false;
        user["privileges"] = null;
        user["schemaPath"] = "User";
        return user;
    }

    /// <summary>A tag as a user's <c>tags</c> list holds it (TagCondensed): ids stable per name, as the QMC keeps one tag per name.</summary>
    public static JObject Tag(string name) => new()
    {
        ["id"] = StableGuid("tag:" + name.ToUpperInvariant()).ToString(),
        ["name"] = name,
        ["privileges"] = null,
    };

    /// <summary>A custom property value as a user's <c>customProperties</c> list holds it, with its definition condensed.</summary>
    public static JObject CustomPropertyValue(string name, string value, DateTime nowUtc, string actor)
    {
        var entry = Audit(StableGuid("customproperty:" + name.ToUpperInvariant() + "=" + value), nowUtc, actor);
        entry["value"] = value;
        entry["definition"] = new JObject
        {
            ["id"] = StableGuid("custompropertydefinition:" + name.ToUpperInvariant()).ToString(),
            ["name"] = name,
            ["valueType"] = "Text",
            ["choiceValues"] = new JArray(),
            ["privileges"] = null,
        };
        entry["schemaPath"] = "CustomPropertyValue";
        return entry;
    }

    public static JObject UserCondensed(JObject user) => new()
    {
        ["id"] = user["id"]?.DeepClone(),
        ["userId"] = user["userId"]?.DeepClone(),
        ["userDirectory"] = user["userDirectory"]?.DeepClone(),
        ["userDirectoryConnectorName"] = user["userDirectoryConnectorName"]?.DeepClone(),
        ["name"] = user["name"]?.DeepClone(),
        ["privileges"] = null,
    };

    public static JObject Allocation(AccessKind kind, Guid id, JObject user, DateTime? lastUsedUtc, bool quarantined,
        DateTime? quarantineEndUtc, string deletedUserId, string deletedUserDirectory, DateTime nowUtc, string actor)
    {
        var allocation = Audit(id, nowUtc, actor);
        allocation["user"] = user is null ? null : UserCondensed(user);
        allocation["lastUsed"] = QrsDates.FormatOrNever(lastUsedUtc);
        // A user access pass has no excess field in Qlik's description (LicenseUserAccessType).
        if (kind != AccessKind.UserAccess) allocation["excess"] = false;
        allocation["quarantined"] = quarantined;
        allocation["quarantineEnd"] = QrsDates.FormatOrNever(quarantineEndUtc);
        allocation["deletedUserId"] = deletedUserId ?? "";
        allocation["deletedUserDirectory"] = deletedUserDirectory ?? "";
        allocation["privileges"] = null;
        allocation["schemaPath"] = $"License.{QrsTypes.Prefix(kind)}AccessType";
        return allocation;
    }

    public static JObject AccessGroup(AccessKind kind, Guid id, string name, DateTime nowUtc, string actor)
    {
        var group = Audit(id, nowUtc, actor);
        group["name"] = name;
        group["privileges"] = null;
        group["schemaPath"] = $"License.{QrsTypes.Prefix(kind)}AccessGroup";
        return group;
    }

    /// <summary>A login access group: tokens given to a group; the pass counts are filled in when read (<c>SharedAccess</c>).</summary>
    public static JObject LoginAccessType(Guid id, string name, int assignedTokens, DateTime nowUtc, string actor)
    {
        var group = Audit(id, nowUtc, actor);
        group["name"] = name;
        group["usedAccessTypes"] = 0;
        group["remainingAccessTypes"] = 0;
        group["assignedAccessTypes"] = 0;
        group["assignedTokens"] = assignedTokens;
        group["privileges"] = null;
        group["schemaPath"] = "License.LoginAccessType";
        return group;
    }

    /// <summary>The analyzer capacity pool as /qrs/license/analyzertimeaccesstype lists it; its minutes are filled in when read.</summary>
    public static JObject AnalyzerTimeAccessType(Guid id, string name, int assignedMinutes, DateTime nowUtc, string actor)
    {
        var pool = Audit(id, nowUtc, actor);
        pool["name"] = name;
        pool["usedMinutes"] = 0;
        pool["remainingMinutes"] = assignedMinutes;
        pool["assignedMinutes"] = assignedMinutes;
        pool["assignedUnits"] = assignedMinutes / 6;
        pool["privileges"] = null;
        pool["schemaPath"] = "License.AnalyzerTimeAccessType";
        return pool;
    }

    /// <summary>One period of use of a login access pass or of analyzer capacity (LicenseLoginAccessUsage, LicenseAnalyzerTimeAccessUsage).</summary>
    /// <param name="poolProperty">loginAccessType or analyzerTimeAccessType: the group or pool used.</param>
    public static JObject Usage(string schemaPath, string poolProperty, JObject pool, Guid id, JObject user, DateTime startUtc, DateTime? stopUtc, DateTime latestActivityUtc, string actor)
    {
        var usage = Audit(id, startUtc, actor);
        usage["useStartTime"] = QrsDates.Format(startUtc);
        usage["latestActivity"] = QrsDates.Format(latestActivityUtc);
        usage["hostName"] = "qlikserver1";
        usage["serverNodeConfigurationId"] = StableGuid("node:qlikserver1").ToString();
        usage["user"] = user is null ? null : UserCondensed(user);
        usage["useStopTime"] = QrsDates.FormatOrNever(stopUtc);
        usage["sessions"] = new JArray();
        usage[poolProperty] = new JObject { ["id"] = pool["id"]?.DeepClone(), ["name"] = pool["name"]?.DeepClone(), ["privileges"] = null };
        usage["privileges"] = null;
        usage["schemaPath"] = schemaPath;
        return usage;
    }

    public static JObject SystemRule(Guid id, string category, string name, string rule, string resourceFilter, bool disabled, DateTime nowUtc, string actor)
    {
        var systemRule = Audit(id, nowUtc, actor);
        systemRule["category"] = category;
        systemRule["subcategory"] = "";
        systemRule["type"] = "Custom";
        systemRule["name"] = name;
        systemRule["rule"] = rule;
        systemRule["resourceFilter"] = resourceFilter;
        systemRule["actions"] = 1;
        systemRule["comment"] = "";
        systemRule["disabled"] = disabled;
        systemRule["ruleContext"] = 1;
        systemRule["seedId"] = Guid.Empty.ToString();
        systemRule["version"] = 0;
        systemRule["tags"] = new JArray();
        systemRule["privileges"] = null;
        systemRule["schemaPath"] = "SystemRule";
        return systemRule;
    }

    public static JObject Owner() => new()
    {
        ["id"] = RepositoryServiceAccountId,
        ["userId"] = "sa_repository",
        ["userDirectory"] = "INTERNAL",
        ["userDirectoryConnectorName"] = "INTERNAL",
        ["name"] = "sa_repository",
        ["privileges"] = null,
    };

    public static JObject Stream(Guid id, string name, DateTime nowUtc, string actor)
    {
        var stream = Audit(id, nowUtc, actor);
        stream["customProperties"] = new JArray();
        stream["owner"] = Owner();
        stream["name"] = name;
        stream["tags"] = new JArray();
        stream["privileges"] = null;
        stream["schemaPath"] = "Stream";
        return stream;
    }

    /// <summary>A user directory connector, as /qrs/userdirectory lists it.</summary>
    public static JObject UserDirectory(Guid id, string name, DateTime nowUtc, string actor)
    {
        var directory = Audit(id, nowUtc, actor);
        directory["name"] = name;
        directory["userDirectoryName"] = name;
        directory["configured"] = true;
        directory["operational"] = true;
        directory["syncOnlyLoggedInUsers"] = true;
        directory["privileges"] = null;
        directory["schemaPath"] = "UserDirectory";
        return directory;
    }

    public static JObject StreamCondensed(JObject stream) => stream is null
        ? null
        : new JObject { ["id"] = stream["id"]?.DeepClone(), ["name"] = stream["name"]?.DeepClone(), ["privileges"] = null };

    public static JObject App(Guid id, string name, string description, JObject stream, DateTime? publishTimeUtc,
        DateTime? lastReloadTimeUtc, Guid sourceAppId, string savedInProductVersion, DateTime createdUtc, string actor)
    {
        var app = Audit(id, createdUtc, actor);
        app["customProperties"] = new JArray();
        app["owner"] = Owner();
        app["name"] = name;
        app["appId"] = "";
        app["sourceAppId"] = sourceAppId.ToString();
        app["targetAppId"] = sourceAppId.ToString();
        app["publishTime"] = QrsDates.FormatOrNever(publishTimeUtc);
        app["published"] = stream is not null;
        app["tags"] = new JArray();
        app["description"] = description;
        app["stream"] = StreamCondensed(stream);
        app["fileSize"] = 228_298;
        app["lastReloadTime"] = QrsDates.FormatOrNever(lastReloadTimeUtc);
        app["thumbnail"] = $"/appcontent/{id}/Qlik_Images/License_Monitor_Thumbnail.png";
        app["savedInProductVersion"] = savedInProductVersion;
        app["migrationHash"] = "98d482c3f964dccf69cbfb9a00e0c048ea6eb221";
        app["dynamicColor"] = "";
        app["availabilityStatus"] = 0;
        app["privileges"] = null;
        app["schemaPath"] = "App";
        return app;
    }

    public static JObject AppCondensed(JObject app) => new()
    {
        ["id"] = app["id"]?.DeepClone(),
        ["name"] = app["name"]?.DeepClone(),
        ["appId"] = app["appId"]?.DeepClone(),
        ["publishTime"] = app["publishTime"]?.DeepClone(),
        ["published"] = app["published"]?.DeepClone(),
        ["stream"] = app["stream"]?.DeepClone(),
        ["savedInProductVersion"] = app["savedInProductVersion"]?.DeepClone(),
        ["migrationHash"] = app["migrationHash"]?.DeepClone(),
        ["availabilityStatus"] = app["availabilityStatus"]?.DeepClone(),
        ["privileges"] = null,
    };

    public static JObject ReloadTask(Guid id, string name, JObject app, int status, DateTime? startUtc, DateTime? stopUtc,
        DateTime? nextExecutionUtc, DateTime createdUtc, string actor)
    {
        var task = Audit(id, createdUtc, actor);
        var duration = startUtc.HasValue && stopUtc.HasValue ? (long)(stopUtc.Value - startUtc.Value).TotalMilliseconds : 0;
        task["customProperties"] = new JArray();
        task["operational"] = new JObject
        {
            ["id"] = StableGuid($"operational:{id}").ToString(),
            ["lastExecutionResult"] = new JObject
            {
                ["id"] = StableGuid($"execution:{id}").ToString(),
                ["executingNodeName"] = status == 0 ? "" : "qlikserver1",
                ["status"] = status,
                ["startTime"] = QrsDates.FormatOrNever(startUtc),
                ["stopTime"] = QrsDates.FormatOrNever(stopUtc),
                ["duration"] = duration,
                ["fileReferenceID"] = Guid.Empty.ToString(),
                ["scriptLogAvailable"] = status != 0,
                ["details"] = new JArray(),
                ["scriptLogLocation"] = "",
                ["scriptLogSize"] = 0,
                ["privileges"] = null,
            },
            ["nextExecution"] = QrsDates.FormatOrNever(nextExecutionUtc),
            ["privileges"] = null,
        };
        task["name"] = name;
        task["taskType"] = 0;
        task["enabled"] = true;
        task["taskSessionTimeout"] = 1440;
        task["maxRetries"] = 0;
        task["tags"] = new JArray();
        task["app"] = AppCondensed(app);
        task["isManuallyTriggered"] = false;
        task["isPartialReload"] = false;
        task["privileges"] = null;
        task["schemaPath"] = "ReloadTask";
        return task;
    }

    public static JObject ServiceCluster(Guid id, string name, string shareRoot, DateTime nowUtc, string actor)
    {
        var cluster = Audit(id, nowUtc, actor);
        var share = shareRoot.TrimEnd('\\');
        cluster["name"] = name;
        var settings = Audit(StableGuid($"settings:{id}"), nowUtc, actor);
        settings["persistenceMode"] = 2;
        settings["databaseCredentials"] = new JObject { ["userName"] = "qliksenserepository", ["privileges"] = null };
        var shared = Audit(StableGuid($"sharedPersistence:{id}"), nowUtc, actor);
        shared["rootFolder"] = share;
        shared["appFolder"] = share + @"\Apps";
        shared["staticContentRootFolder"] = share + @"\StaticContent";
        shared["connector32RootFolder"] = share + @"\CustomData";
        shared["connector64RootFolder"] = share + @"\CustomData";
        shared["archivedLogsRootFolder"] = share + @"\ArchivedLogs";
        shared["failoverTimeout"] = 10;
        shared["schemaPath"] = "ServiceClusterSettingsSharedPersistenceProperties";
        settings["sharedPersistenceProperties"] = shared;
        settings["dataCollection"] = true;
        settings["tasksImpersonation"] = false;
        settings["schemaPath"] = "ServiceClusterSettings";
        cluster["settings"] = settings;
        cluster["privileges"] = null;
        cluster["schemaPath"] = "ServiceCluster";
        return cluster;
    }

    private static Dictionary<string, JObject> BuildTemplates()
    {
        var now = QrsDates.NeverUtc;
        var id = Guid.Empty;
        var user = User(id, "D", "u", "n", [("Group", "g")], false, false, now, SystemActor);
        // One of each, so filters on tags.name and customProperties.definition.name pass the property check.
        user["tags"] = new JArray(Tag("t"));
        user["customProperties"] = new JArray(CustomPropertyValue("p", "v", now, SystemActor));
        var stream = Stream(id, "s", now, SystemActor);
        var app = App(id, "a", "", stream, now, now, id, "", now, SystemActor);
        return new Dictionary<string, JObject>
        {
            [QrsTypes.User] = user,
            [QrsTypes.ProfessionalAccessType] = Allocation(AccessKind.Professional, id, user, now, false, now, "", "", now, SystemActor),
            [QrsTypes.AnalyzerAccessType] = Allocation(AccessKind.Analyzer, id, user, now, false, now, "", "", now, SystemActor),
            [QrsTypes.ProfessionalAccessGroup] = AccessGroup(AccessKind.Professional, id, "g", now, SystemActor),
            [QrsTypes.AnalyzerAccessGroup] = AccessGroup(AccessKind.Analyzer, id, "g", now, SystemActor),
            [QrsTypes.UserAccessType] = Allocation(AccessKind.UserAccess, id, user, now, false, now, "", "", now, SystemActor),
            [QrsTypes.UserAccessGroup] = AccessGroup(AccessKind.UserAccess, id, "g", now, SystemActor),
            [QrsTypes.LoginAccessType] = LoginAccessType(id, "g", 1, now, SystemActor),
            [QrsTypes.LoginAccessUsage] = Usage("License.LoginAccessUsage", "loginAccessType", LoginAccessType(id, "g", 1, now, SystemActor), id, user, now, now, now, SystemActor),
            [QrsTypes.AnalyzerTimeAccessType] = AnalyzerTimeAccessType(id, "p", 6, now, SystemActor),
            [QrsTypes.AnalyzerTimeAccessUsage] = Usage("License.AnalyzerTimeAccessUsage", "analyzerTimeAccessType", AnalyzerTimeAccessType(id, "p", 6, now, SystemActor), id, user, now, now, now, SystemActor),
            [QrsTypes.SystemRule] = SystemRule(id, "License", "r", "", "", false, now, SystemActor),
            [QrsTypes.App] = app,
            [QrsTypes.ReloadTask] = ReloadTask(id, "t", app, 0, now, now, now, now, SystemActor),
            [QrsTypes.Stream] = stream,
            [QrsTypes.ServiceCluster] = ServiceCluster(id, "c", @"\\h\s", now, SystemActor),
            [QrsTypes.UserDirectory] = UserDirectory(id, "D", now, SystemActor),
        };
    }
}
