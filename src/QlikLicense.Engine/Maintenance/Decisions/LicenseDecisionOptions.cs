using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>How the decisions are made.</summary>
    public sealed class LicenseDecisionOptions
    {
        /// <summary>From this many denied members of one group without a license, a rule is suggested instead of allocations.</summary>
        public const int DefaultMinimumDenied = 3;

        /// <summary>The access type to allocate, and of a rule to create or extend.</summary>
        public LicenseAccessType Type { get; set; } = LicenseAccessType.Analyzer;

        /// <summary>See <see cref="DefaultMinimumDenied"/>.</summary>
        public int MinimumDenied { get; set; } = DefaultMinimumDenied;
    }
}
