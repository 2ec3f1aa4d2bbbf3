using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Rules
{
    /// <summary>What to change in a license rule; null leaves a field as it is.</summary>
    public sealed class LicenseRuleChange
    {
        public string? Name { get; set; }
        public string? Rule { get; set; }
        public string? Comment { get; set; }
        public bool? Disabled { get; set; }

        /// <summary>Whether anything differs from <paramref name="rule"/>. Rule text compares exactly: a changed quote or case is a change.</summary>
        public bool ChangesAnything(LicenseRule rule) =>
            (Name != null && Name != rule.Name) || ChangesRuleText(rule) || (Comment != null && Comment != rule.Comment) || ChangesState(rule);

        public bool ChangesRuleText(LicenseRule rule) => Rule != null && Rule != rule.Rule;

        public bool ChangesState(LicenseRule rule) => Disabled != null && Disabled.Value != rule.Disabled;

        /// <summary>The changes in words, for -WhatIf and -Confirm: "rule text to '...', disable".</summary>
        public string Describe(LicenseRule rule)
        {
            var parts = new List<string>();
            if (Name != null && Name != rule.Name) parts.Add($"name to '{Name}'");
            if (ChangesRuleText(rule)) parts.Add($"rule text from '{rule.Rule}' to '{Rule}'");
            if (Comment != null && Comment != rule.Comment) parts.Add($"comment to '{Comment}'");
            if (Disabled != null && ChangesState(rule)) parts.Add(Disabled.Value ? "disable" : "enable");
            return parts.Count == 0 ? "no change" : string.Join(", ", parts);
        }

        internal void ApplyTo(JObject systemRule)
        {
            if (Name != null) systemRule["name"] = Name;
            if (Rule != null) systemRule["rule"] = Rule;
            if (Comment != null) systemRule["comment"] = Comment;
            if (Disabled != null) systemRule["disabled"] = Disabled.Value;
        }
    }
}
