using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Commands
{
    /// <summary>The criteria parameters shared by Get-QlikInactiveLicensedUser and Invoke-QlikLicenseMaintenance.</summary>
    public abstract class InactiveCriteriaCmdletBase : ExclusionCmdletBase
    {
        protected const string DirectorySet = "RemovedFromDirectory";
        protected const string UnusedSinceSet = "UnusedSince";
        protected const string UnusedDaysSet = "UnusedDays";

        /// <summary>The per-user access types to look at; by default every one the site's licence runs.</summary>
        [Parameter(Position = 0)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType[]? Type { get; set; }

        /// <summary>Also allocations not used since this date (your time zone unless the DateTime says UTC).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnusedSinceSet)]
        [ValidateNotInFuture]
        public DateTime UnusedSince { get; set; }

        /// <summary>Also allocations not used in this many days.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnusedDaysSet)]
        [ValidateRange(1, 36500)]
        public int UnusedDays { get; set; }

        /// <summary>Also users blocked in the QMC.</summary>
        [Parameter]
        public SwitchParameter IncludeBlocked { get; set; }

        protected InactiveCriteria BuildCriteria()
        {
            return new InactiveCriteria
            {
                Types = Type,
                IncludeBlocked = IncludeBlocked,
                UnusedSinceUtc = ParameterSetName == UnusedSinceSet ? QlikDates.ToUtc(UnusedSince)
                    : ParameterSetName == UnusedDaysSet ? DateTime.UtcNow.AddDays(-UnusedDays) : (DateTime?)null,
                IsExcluded = Exclusion() ?? ((directory, userId) => false),
                Marks = Marks(),
            };
        }
    }
}
