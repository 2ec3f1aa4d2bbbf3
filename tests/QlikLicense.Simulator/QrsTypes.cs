namespace QlikLicense.Simulator;

/// <summary>Entity type names: the QRS path below /qrs/.</summary>
public static class QrsTypes
{
    public const string User = "user";
    public const string ProfessionalAccessType = "license/professionalaccesstype";
    public const string AnalyzerAccessType = "license/analyzeraccesstype";
    public const string ProfessionalAccessGroup = "license/professionalaccessgroup";
    public const string AnalyzerAccessGroup = "license/analyzeraccessgroup";
    public const string SystemRule = "systemrule";
    public const string App = "app";
    public const string ReloadTask = "reloadtask";
    public const string Stream = "stream";
    public const string ServiceCluster = "servicecluster";
    public const string UserDirectory = "userdirectory";

    public static string AccessType(AccessKind kind) => kind == AccessKind.Professional ? ProfessionalAccessType : AnalyzerAccessType;

    public static string AccessGroup(AccessKind kind) => kind == AccessKind.Professional ? ProfessionalAccessGroup : AnalyzerAccessGroup;

    public static bool IsAccessType(string type) => type is ProfessionalAccessType or AnalyzerAccessType;

    public static AccessKind KindOfAccessType(string type) =>
        type == ProfessionalAccessType ? AccessKind.Professional : AccessKind.Analyzer;
}
