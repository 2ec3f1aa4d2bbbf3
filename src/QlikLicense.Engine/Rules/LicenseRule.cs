using System;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Rules
{
    /// <summary>
    /// A Professional or Analyzer access rule: a License system rule whose resource filter names the access group
    /// it fills ("License.AnalyzerAccessGroup_&lt;groupId&gt;").
    /// </summary>
    public sealed class LicenseRule
    {
        public Guid Id { get; set; }
        public string Name { get; set; }
        public LicenseAccessType Type { get; set; }

        /// <summary>The rule text, for example ((user.group="Sales")).</summary>
        public string Rule { get; set; }
        public bool Disabled { get; set; }
        public string Comment { get; set; }

        /// <summary>The access group the rule fills; null when its resource filter names no single group (a wildcard).</summary>
        public Guid? AccessGroupId { get; set; }

        /// <summary>The access group's name as Get-QlikLicenseRule read it; null when the group is missing.</summary>
        public string AccessGroupName { get; set; }

        /// <summary>UTC, as read: a change is written only if the stored rule still carries this date.</summary>
        public DateTime? ModifiedDate { get; set; }
        public string ModifiedByUserName { get; set; }
        public DateTime? CreatedDate { get; set; }

        /// <summary>The site this rule was read from, so a piped object acts on its own site.</summary>
        public QlikConnection Connection { get; set; }

        /// <summary>The system rule's resource filter as stored; previews evaluate the rule against it.</summary>
        internal string ResourceFilter { get; set; }

        /// <summary>The resource filter to preview this rule's text against, also for a rule object made by hand.</summary>
        internal string PreviewResourceFilter => ResourceFilter ??
            (AccessGroupId != null ? LicenseRuleResources.ResourceFilter(Type, AccessGroupId.Value) : LicenseRuleResources.AnyAccessGroup(Type));

        /// <summary>What ShouldProcess and messages call this rule: "Analyzer license rule 'Sales analyzers'".</summary>
        public string Description => $"{Type} license rule '{Name}'";

        public override string ToString() => Description;

        /// <summary>The rule, or null when the system rule is not a Professional or Analyzer license rule.</summary>
        internal static LicenseRule FromJson(JObject json)
        {
            if (!string.Equals((string)json["category"], LicenseRuleResources.Category, StringComparison.OrdinalIgnoreCase)) return null;
            var resourceFilter = (string)json["resourceFilter"];
            var type = LicenseRuleResources.TypeOf(resourceFilter);
            if (type == null) return null;
            return new LicenseRule
            {
                Id = json.GuidValue("id"),
                Name = (string)json["name"],
                Type = type.Value,
                Rule = (string)json["rule"] ?? string.Empty,
                Disabled = (bool?)json["disabled"] ?? false,
                Comment = (string)json["comment"] ?? string.Empty,
                AccessGroupId = LicenseRuleResources.AccessGroupOf(resourceFilter),
                ResourceFilter = resourceFilter,
                ModifiedDate = json.DateValue("modifiedDate"),
                ModifiedByUserName = ((string)json["modifiedByUserName"]).NullIfEmpty(),
                CreatedDate = json.DateValue("createdDate"),
            };
        }
    }

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

        public static LicenseAccessType? TypeOf(string resourceFilter)
        {
            if (resourceFilter == null) return null;
            foreach (LicenseAccessType type in Enum.GetValues(typeof(LicenseAccessType)))
                if (resourceFilter.StartsWith(QrsPaths.RuleResourcePrefix(type), StringComparison.OrdinalIgnoreCase)) return type;
            return null;
        }

        public static Guid? AccessGroupOf(string resourceFilter)
        {
            var type = TypeOf(resourceFilter);
            if (type == null) return null;
            return Guid.TryParse(resourceFilter.Substring(QrsPaths.RuleResourcePrefix(type.Value).Length), out var id) ? id : (Guid?)null;
        }
    }
}
