namespace QlikLicense.Simulator;

/// <summary>Entity type names: the QRS path below /qrs/.</summary>
public static class QrsTypes
{
    public const string User = "user";
    public const string ProfessionalAccessType = "license/professionalaccesstype";
    public const string AnalyzerAccessType = "license/analyzeraccesstype";
    public const string UserAccessType = "license/useraccesstype";
    public const string ProfessionalAccessGroup = "license/professionalaccessgroup";
    public const string AnalyzerAccessGroup = "license/analyzeraccessgroup";
    public const string UserAccessGroup = "license/useraccessgroup";
    public const string LoginAccessType = "license/loginaccesstype";
    public const string LoginAccessUsage = "license/loginaccessusage";
    public const string AnalyzerTimeAccessType = "license/analyzertimeaccesstype";
    public const string AnalyzerTimeAccessUsage = "license/analyzertimeaccessusage";
    public const string SystemRule = "systemrule";
    public const string App = "app";
    public const string ReloadTask = "reloadtask";
    public const string Stream = "stream";
    public const string ServiceCluster = "servicecluster";
    public const string UserDirectory = "userdirectory";

    public static string AccessType(AccessKind kind) => kind switch
    {
        AccessKind.Professional => ProfessionalAccessType,
        AccessKind.Analyzer => AnalyzerAccessType,
        _ => UserAccessType,
    };

    public static string AccessGroup(AccessKind kind) => kind switch
    {
        AccessKind.Professional => ProfessionalAccessGroup,
        AccessKind.Analyzer => AnalyzerAccessGroup,
        _ => UserAccessGroup,
    };

    public static bool IsAccessType(string type) => type is ProfessionalAccessType or AnalyzerAccessType or UserAccessType;

    public static AccessKind KindOfAccessType(string type) => type switch
    {
        ProfessionalAccessType => AccessKind.Professional,
        AnalyzerAccessType => AccessKind.Analyzer,
        _ => AccessKind.UserAccess,
    };

    /// <summary>The name the access type goes by in schemaPath, rule resource filters and messages: Professional, Analyzer, User.</summary>
    public static string Prefix(AccessKind kind) => kind == AccessKind.UserAccess ? "User" : kind.ToString();
}
