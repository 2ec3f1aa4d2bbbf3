namespace QlikLicense.Cloud
{
    /// <summary>The tenant's rate limit tiers: a 429 blocks the whole tier for the user until Retry-After has passed.</summary>
    internal enum CloudRateTier
    {
        /// <summary>Tier 1, most reads: 1,000 a minute.</summary>
        Read,

        /// <summary>Tier 2, writes: 100 a minute; paced.</summary>
        Write,

        /// <summary>Audits: 1,000 a minute.</summary>
        Audit,
    }
}
