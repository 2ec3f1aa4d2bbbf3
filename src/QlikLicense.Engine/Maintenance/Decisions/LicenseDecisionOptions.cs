using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>How the decisions are made.</summary>
    public sealed class LicenseDecisionOptions
    {
        /// <summary>From this many denied members of one group without a license, a rule is suggested instead of allocations.</summary>
        public const int DefaultMinimumDenied = 3;

        /// <summary>
        /// The per-user access type to allocate, and of a rule to create or extend; null for the one the site's licence
        /// offers (Analyzer seats, else user access passes, else Professional seats).
        /// </summary>
        public LicenseAccessType? Type { get; set; }

        /// <summary>
        /// What an Analyzer seat costs in analyzer capacity minutes a month, from the administrator's own contract
        /// (Qlik publishes no ratio): a person spending more minutes gets a seat suggested. Null: no such decision.
        /// </summary>
        public int? AnalyzerSeatMinutes { get; set; }

        /// <summary>See <see cref="DefaultMinimumDenied"/>.</summary>
        public int MinimumDenied { get; set; } = DefaultMinimumDenied;
    }
}
