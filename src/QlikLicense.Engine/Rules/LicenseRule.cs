using System;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>
    /// A Professional, Analyzer or user access rule: a License system rule whose resource filter names the access group
    /// it fills ("License.AnalyzerAccessGroup_&lt;groupId&gt;").
    /// </summary>
    public sealed class LicenseRule
    {
        public Guid Id { get; set; }
        public string? Name { get; set; }
        public LicenseAccessType Type { get; set; }

        /// <summary>The rule text, for example ((user.group="Sales")).</summary>
        public string Rule { get; set; } = string.Empty;
        public bool Disabled { get; set; }
        public string? Comment { get; set; }

        /// <summary>The access group the rule fills; null when its resource filter names no single group (a wildcard).</summary>
        public Guid? AccessGroupId { get; set; }

        /// <summary>The access group's name as Get-QlikLicenseRule read it; null when the group is missing.</summary>
        public string? AccessGroupName { get; set; }

        /// <summary>UTC, as read: a change is written only if the stored rule still carries this date.</summary>
        public DateTime? ModifiedDate { get; set; }
        public string? ModifiedByUserName { get; set; }
        public DateTime? CreatedDate { get; set; }

        /// <summary>The site this rule was read from, so a piped object acts on its own site.</summary>
        public QlikConnection? Connection { get; set; }

        /// <summary>The system rule's resource filter as stored; previews evaluate the rule against it.</summary>
        internal string? ResourceFilter { get; set; }

        /// <summary>What ShouldProcess and messages call this rule: "Analyzer license rule 'Sales analyzers'".</summary>
        public string Description => $"{Type} license rule '{Name}'";

        public override string ToString() => Description;
    }
}
