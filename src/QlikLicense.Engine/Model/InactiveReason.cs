namespace QlikLicense.Model
{
    /// <summary>Why an allocation is offered for release.</summary>
    public enum InactiveReason
    {
        /// <summary>The user directory connector no longer finds the user (QMC: Inactive).</summary>
        RemovedFromDirectory,
        /// <summary>The user is blocked in the QMC.</summary>
        Blocked,
        /// <summary>The allocation was not used since the given date (or never, and was created before it).</summary>
        NotUsedSince,
        /// <summary>
        /// A tenant's assignment whose subject has no user in the tenant: it may be in use on another tenant or a
        /// client-managed site of the same licence, so it is offered only when asked for.
        /// </summary>
        Orphaned,
    }
}
