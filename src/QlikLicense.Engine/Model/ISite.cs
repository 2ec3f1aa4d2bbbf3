using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace QlikLicense.Model
{
    /// <summary>
    /// The seam between the engine and one kind of site: everything the cmdlets and the routine need from a site,
    /// in the domain's own terms (users, allocations, seats, the License Monitor), never its paths or filters.
    /// Implemented by <c>QlikLicense.Qrs.QrsSite</c> (a Qlik Sense site) and <c>QlikLicense.Cloud.CloudSite</c> (a Qlik
    /// Cloud tenant). What a site offers beyond this is an optional part it implements or not: license rules
    /// (<c>QlikLicense.Rules.ILicenseRuleSite</c>), quarantine (<see cref="IQuarantineSite"/>), log files
    /// (<see cref="ILogFileSite"/>), refusals it records itself (<see cref="IRecordedDenialSite"/>), automatic assignment
    /// (<see cref="IAutoAssignmentSite"/>), its license's identity (<see cref="ISiteLicenseReader"/>) and batched writes
    /// (<see cref="IBatchedChangeSite"/>). A tenant names users by subject in <see cref="QlikUser.UserId"/> with an empty
    /// directory and answers its batch actions item by item through the per-allocation <see cref="ReleaseAsync"/> and
    /// <see cref="AllocateAsync"/>.
    /// Objects a site returns carry the <see cref="QlikConnection"/> they came from, so piped objects act on their own site.
    /// </summary>
    public interface ISite : IDisposable
    {
        /// <summary>Where the site is and how this connection reaches it, for Get-QlikConnection, journals and reports.</summary>
        SiteAddress Address { get; }

        /// <summary>What the site offers beyond users, allocations and seats, for users to see: <c>QlikLicense.Rules.SiteParts.Capabilities(this)</c>.</summary>
        SiteCapabilities Capabilities { get; }

        /// <summary>One user by key; fails when there is none.</summary>
        Task<QlikUser> ReadUserAsync(Guid key, SiteCall call);

        /// <summary>The users matching every condition of <paramref name="filter"/>, with their groups, streamed.</summary>
        IEnumerable<QlikUser> ReadUsers(UserFilter filter, SiteCall call);

        /// <summary>
        /// The users with these keys or names, read in batches (requests grow with the number of users, never one
        /// per user); users the site does not know are missing from the answer.
        /// </summary>
        IEnumerable<QlikUser> LookUpUsersInBatches(IReadOnlyCollection<Guid> keys, IReadOnlyCollection<UserName> names, SiteCall call);

        /// <summary>
        /// The named users with their groups in a constant number of requests however many are named (the site
        /// may read more and keep these); users the site does not know are missing from the answer.
        /// </summary>
        IEnumerable<QlikUser> LookUpUsersAtOnce(IReadOnlyCollection<UserName> names, SiteCall call);

        /// <summary>The site's user directory names starting with <paramref name="prefix"/> (all for an empty one), for completion.</summary>
        IEnumerable<string> ReadUserDirectoryNames(string prefix, SiteCall call);

        /// <summary>The allocations of one access type matching <paramref name="filter"/>, streamed.</summary>
        IEnumerable<LicenseAllocation> ReadAllocations(LicenseAccessType type, AllocationFilter filter, SiteCall call);

        /// <summary>The allocations of one access type held by these users, read in batches (never one request per user).</summary>
        IEnumerable<LicenseAllocation> LookUpAllocationsInBatches(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call);

        /// <summary>
        /// The allocations of one access type held by these users, in a constant number of requests however many
        /// users there are (the site may read more and keep these).
        /// </summary>
        IEnumerable<LicenseAllocation> LookUpAllocationsAtOnce(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call);

        /// <summary>One allocation by id; null when the site no longer has it.</summary>
        Task<LicenseAllocation?> FindAllocationAsync(LicenseAccessType type, Guid id, SiteCall call);

        /// <summary>
        /// The allocations of one access type among these ids that the site still has, read in batches (a read-back of
        /// many releases at once, never one request per allocation); ids the site no longer has are missing from the answer.
        /// </summary>
        Task<IReadOnlyList<LicenseAllocation>> FindAllocationsAsync(LicenseAccessType type, IReadOnlyCollection<Guid> ids, SiteCall call);

        /// <summary>Seats per access type; a count the site does not give is null.</summary>
        Task<IReadOnlyList<LicenseSummary>> ReadSummaryAsync(SiteCall call);

        /// <summary>Whether the site's license figures are current (on a Qlik Sense site: the License Monitor app).</summary>
        LicenseMonitorStatus CheckLicenseMonitor(TimeSpan maximumAge, DateTime nowUtc, SiteCall call);

        /// <summary>Releases one allocation. Failures are thrown; what the site answered is returned.</summary>
        Task<ReleaseAnswer> ReleaseAsync(LicenseAllocation allocation, SiteCall call);

        /// <summary>Allocates an access type to a user; the allocation the site answered with, or null when its answer does not show one.</summary>
        Task<LicenseAllocation?> AllocateAsync(LicenseAccessType type, QlikUser user, SiteCall call);
    }
}
