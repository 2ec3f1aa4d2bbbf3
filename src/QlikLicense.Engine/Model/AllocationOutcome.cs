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
        /// <summary>A license rule was created.</summary>
        Created,
        /// <summary>A license rule was changed.</summary>
        Changed,
        /// <summary>A license rule and its access group were removed.</summary>
        Removed,
        /// <summary>Nothing needed to change: the site already held what was asked for.</summary>
        Unchanged,
    }
}
