using QlikLicense.Model;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>One allocation's release, as it ended.</summary>
    public readonly struct ReleaseOutcome
    {
        public ReleaseOutcome(LicenseAllocation allocation, AllocationChangeResult result, SiteException? error)
        {
            Allocation = allocation;
            Result = result;
            Error = error;
        }

        public LicenseAllocation Allocation { get; }
        public AllocationChangeResult Result { get; }

        /// <summary>Why it failed, when it did.</summary>
        public SiteException? Error { get; }
    }
}
