namespace QlikLicense.Model
{
    /// <summary>What a release or restore ended as.</summary>
    public enum AllocationOutcome
    {
        Released,
        Quarantined,
        AlreadyGone,
        Failed,
        Allocated,
        Reinstated,
        AlreadyAllocated,
        /// <summary>The change was sent, but reading back what happened failed: the site may hold either state.</summary>
        Unknown,
    }
}
