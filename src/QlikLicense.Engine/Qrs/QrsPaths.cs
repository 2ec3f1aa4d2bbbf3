using System;
using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>Every QRS path the module calls, in one place.</summary>
    public static class QrsPaths
    {
        public const string About = "qrs/about";
        public const string User = "qrs/user";
        public const string UserDirectory = "qrs/userdirectory";
        public const string AccessTypeOverview = "qrs/license/accesstypeoverview";
        public const string License = "qrs/license";
        public const string SystemRule = "qrs/systemrule";
        public const string LicenseRuleAudit = "qrs/systemrule/license/audit";
        public const string LicenseRuleAuditPreview = "qrs/systemrule/license/audit/preview";
        public const string App = "qrs/app";
        public const string ReloadTask = "qrs/reloadtask";
        public const string ServiceCluster = "qrs/servicecluster";

        public static string Full(string entityPath) => entityPath + "/full";
        public static string Count(string entityPath) => entityPath + "/count";
        public static string Entity(string entityPath, Guid id) => entityPath + "/" + id.ToString("D");

        public static string Allocations(LicenseAccessType type) => type switch
        {
            LicenseAccessType.Professional => "qrs/license/professionalaccesstype",
            LicenseAccessType.Analyzer => "qrs/license/analyzeraccesstype",
            LicenseAccessType.UserAccess => "qrs/license/useraccesstype",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

        public static string AccessGroups(LicenseAccessType type) => type switch
        {
            LicenseAccessType.Professional => "qrs/license/professionalaccessgroup",
            LicenseAccessType.Analyzer => "qrs/license/analyzeraccessgroup",
            LicenseAccessType.UserAccess => "qrs/license/useraccessgroup",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

        /// <summary>Login access groups (token licences): tokens given to a group, and their passes' use.</summary>
        public const string LoginAccessGroups = "qrs/license/loginaccesstype";
        public const string LoginAccessUsage = "qrs/license/loginaccessusage";

        /// <summary>Analyzer capacity's use, one record per period of use by one person.</summary>
        public const string AnalyzerCapacityUsage = "qrs/license/analyzertimeaccessusage";

        /// <summary>The resourceFilter prefix of the rules that let a group use a login access group's passes.</summary>
        public const string LoginAccessRulePrefix = "License.LoginAccessType_";

        /// <summary>The resourceFilter prefix of a license rule, which tells Professional, Analyzer and user access rules apart.</summary>
        public static string RuleResourcePrefix(LicenseAccessType type) => type switch
        {
            LicenseAccessType.Professional => "License.ProfessionalAccessGroup_",
            LicenseAccessType.Analyzer => "License.AnalyzerAccessGroup_",
            LicenseAccessType.UserAccess => "License.UserAccessGroup_",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }
}
