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
        /// <summary>Allocate an Analyzer seat to a person whose analyzer capacity minutes cost more than the seat (Add-QlikLicenseAllocation).</summary>
        SeatForCapacity,
    }
}
