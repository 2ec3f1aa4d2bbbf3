namespace QlikLicense.Model
{
    /// <summary>What a <see cref="LicenseSuggestion"/> proposes to do.</summary>
    public enum SuggestionKind
    {
        /// <summary>Allocate an access type to one or two people (Add-QlikLicenseAllocation).</summary>
        Allocate,
        /// <summary>Switch on a disabled license rule that names the group (Set-QlikLicenseRule -Enabled).</summary>
        EnableRule,
        /// <summary>Add the group to an enabled rule that grants groups (Set-QlikLicenseRule -Rule).</summary>
        AddGroupToRule,
        /// <summary>Create a license rule for the group (New-QlikLicenseRule).</summary>
        NewRule,
        /// <summary>No seats of the access type are left: release the allocations of inactive users first, or buy seats.</summary>
        FreeSeats,
        /// <summary>Stop a rule granting a released allocation straight back to inactive users (Set-QlikLicenseRule -Rule).</summary>
        ExcludeFromRule,

        /// <summary>People holding an access type were refused for too many parallel sessions: no seat, they close sessions (advice only).</summary>
        CloseSessions,

        /// <summary>People were refused just after being allocated an access type: the next login works (advice only).</summary>
        AwaitUserSync,

        /// <summary>The repository does not know the people refused: synchronise the user directory (advice only).</summary>
        SyncUserDirectory,

        /// <summary>People were refused while the license was not usable: renew or update it (advice only).</summary>
        RenewLicense,

        /// <summary>People hold allocations beyond the license's seats: release the allocations above the license, first ones first (Remove-QlikLicenseAllocation).</summary>
        ReleaseExcess,

        /// <summary>Allocate an Analyzer seat to a person whose analyzer capacity minutes cost more than the seat (Add-QlikLicenseAllocation).</summary>
        SeatForCapacity,
    }
}
