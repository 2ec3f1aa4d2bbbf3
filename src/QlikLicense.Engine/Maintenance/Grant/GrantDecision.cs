namespace QlikLicense.Maintenance.Grant
{
    public enum GrantDecision
    {
        /// <summary>The repository has no such user.</summary>
        UserNotFound,
        /// <summary>An earlier request of the same call names the same user and access type.</summary>
        Duplicate,
        /// <summary>The user holds this access type already (not quarantined).</summary>
        AlreadyAllocated,
        /// <summary>The user's allocation of this type is in quarantine: allocating reinstates it and needs no free seat.</summary>
        Reinstate,
        /// <summary>The user needs a free seat.</summary>
        NewSeat,
    }
}
