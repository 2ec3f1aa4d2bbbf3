namespace QlikLicense.Model
{
    /// <summary>
    /// Why a person was refused a license, as the logs and the site tell it. Qlik documents one result code
    /// (<c>NoAvailableAccessType</c>, in the proxy's logs); the others are read from the wording Qlik's support
    /// articles quote and from what the site says of the user, and are unconfirmed on a live site (see about_QlikLicense).
    /// </summary>
    public enum LicenseDenialCause
    {
        /// <summary>No log line says why, and the site tells nothing else: treated like <see cref="NoAccessType"/>.</summary>
        Unstated,

        /// <summary>The person holds no access type and none was free to give them (<c>NoAvailableAccessType</c>): a seat fixes it.</summary>
        NoAccessType,

        /// <summary>The person holds an access type but had the most parallel sessions it allows (5) open: closing sessions fixes it.</summary>
        TooManySessions,

        /// <summary>An access type was allocated just before the refusal and had not reached every node yet: the next login works.</summary>
        PendingUserSync,

        /// <summary>The repository does not know the person (never synchronised from the user directory, or deleted).</summary>
        UnknownUser,

        /// <summary>The license itself was not usable (expired, ended, invalid, or its signed key not checked in time).</summary>
        LicenseNotAvailable,

        /// <summary>The person's allocation lies beyond the seats of the license (allocated in excess): releasing allocations fixes it.</summary>
        ExcessAssignment,
    }

    /// <summary>What each <see cref="LicenseDenialCause"/> means for the decisions.</summary>
    public static class LicenseDenialCauses
    {
        /// <summary>
        /// Whether allocating a seat to the person would end the refusals: only when they lacked an access type (or
        /// the logs do not say otherwise); never for too many sessions, a pending sync, an unknown user, an unusable
        /// license or an excess allocation.
        /// </summary>
        public static bool SeatWouldHelp(LicenseDenialCause cause) => cause == LicenseDenialCause.NoAccessType || cause == LicenseDenialCause.Unstated;
    }
}
