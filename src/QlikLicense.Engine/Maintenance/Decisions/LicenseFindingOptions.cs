using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>Which findings to look for, and whose allocations never to name.</summary>
    public sealed class LicenseFindingOptions
    {
        /// <summary>How many days before the license ends it is warned of.</summary>
        public const int DefaultWarningDays = 60;

        public IReadOnlyCollection<LicenseFindingKind> Kinds { get; set; } =
            new[] { LicenseFindingKind.ExcessAllocation, LicenseFindingKind.ProfessionalAndAnalyzer, LicenseFindingKind.LicenseEnd };

        public int WarningDays { get; set; } = DefaultWarningDays;

        /// <summary>True for a user (directory, user id) never to offer for release (-Exclude, -ExcludeUserDirectory).</summary>
        public Func<string?, string?, bool> IsExcluded { get; set; } = (directory, userId) => false;

        /// <summary>Users marked in the QMC never to release.</summary>
        public UserMarks Marks { get; set; } = UserMarks.None;
    }
}
