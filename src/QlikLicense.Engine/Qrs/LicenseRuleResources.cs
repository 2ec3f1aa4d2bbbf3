using System;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>How license rules name their resources.</summary>
    internal static class LicenseRuleResources
    {
        public const string Category = "License";

        /// <summary>Action bit 1: "Allow access", the only action a license rule grants.</summary>
        public const int AllowAccess = 1;

        /// <summary>SystemRule.RuleContext 1: QlikSenseOnly, what the QMC sets for license rules.</summary>
        public const int QlikSenseOnly = 1;

        /// <summary>The resource type of the access groups, as the audit endpoints name it.</summary>
        public static string ResourceType(LicenseAccessType type) => QrsPaths.RuleResourcePrefix(type).TrimEnd('_');

        public static string ResourceFilter(LicenseAccessType type, Guid accessGroupId) => QrsPaths.RuleResourcePrefix(type) + accessGroupId.ToString("D");

        /// <summary>A resource filter for every access group of the type, for previews of a rule that has none yet.</summary>
        public static string AnyAccessGroup(LicenseAccessType type) => QrsPaths.RuleResourcePrefix(type) + "*";

        public static LicenseAccessType? TypeOf(string? resourceFilter)
        {
            if (resourceFilter == null) return null;
            foreach (var type in LicenseAccessTypes.PerUser)
                if (resourceFilter.StartsWith(QrsPaths.RuleResourcePrefix(type), StringComparison.OrdinalIgnoreCase)) return type;
            return null;
        }

        public static Guid? AccessGroupOf(string? resourceFilter)
        {
            if (resourceFilter == null) return null;
            var type = TypeOf(resourceFilter);
            if (type == null) return null;
            return Guid.TryParse(resourceFilter.Substring(QrsPaths.RuleResourcePrefix(type.Value).Length), out var id) ? id : (Guid?)null;
        }

        /// <summary>The rule, or null when the system rule is not a license rule of a per-user access type (Professional, Analyzer, user access).</summary>
        public static LicenseRule? RuleFrom(JObject json)
        {
            if (!string.Equals((string?)json["category"], Category, StringComparison.OrdinalIgnoreCase)) return null;
            var resourceFilter = (string?)json["resourceFilter"];
            var type = TypeOf(resourceFilter);
            if (type == null) return null;
            return new LicenseRule
            {
                Id = json.GuidValue("id"),
                Name = (string?)json["name"],
                Type = type.Value,
                Rule = (string?)json["rule"] ?? string.Empty,
                Disabled = (bool?)json["disabled"] ?? false,
                Comment = (string?)json["comment"] ?? string.Empty,
                AccessGroupId = AccessGroupOf(resourceFilter),
                ResourceFilter = resourceFilter,
                ModifiedDate = json.DateValue("modifiedDate"),
                ModifiedByUserName = ((string?)json["modifiedByUserName"]).NullIfEmpty(),
                CreatedDate = json.DateValue("createdDate"),
            };
        }

        /// <summary>The resource filter to preview a rule's text against, also for a rule object made by hand; any access group of the type without one.</summary>
        public static string PreviewResourceFilter(LicenseAccessType type, LicenseRule? rule) => rule?.ResourceFilter ??
            (rule?.AccessGroupId != null ? ResourceFilter(type, rule.AccessGroupId.Value) : AnyAccessGroup(type));
    }
}
