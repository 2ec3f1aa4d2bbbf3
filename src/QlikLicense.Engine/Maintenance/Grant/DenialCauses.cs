using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>
    /// Refines the cause the logs give of a person's denials with what the site says of them, where the logs cannot
    /// tell (every rule unconfirmed on a live site, see about_QlikLicense): a person the repository does not know is
    /// an unknown user; refusals while the license was not usable were for the license; a person holding an
    /// allocation beyond the license's seats was refused for the excess; one whose allocation was made just before
    /// the refusal waited for the user sync. "Too many sessions" stays only for a person who holds an access type:
    /// Qlik's support notes the sessions message may be written when no license was assigned, and then a seat is missing.
    /// </summary>
    public static class DenialCauses
    {
        /// <summary>How long an allocation made before a refusal may still be on its way to the node that refused.</summary>
        public static readonly TimeSpan PendingSyncWindow = TimeSpan.FromHours(1);

        /// <param name="denial">A denial the site was asked about.</param>
        /// <param name="known">Whether the site knows the user.</param>
        /// <param name="held">The user's allocations, quarantined ones included.</param>
        /// <param name="license">The site's license; null when it was not read.</param>
        public static LicenseDenialCause Refine(LicenseDenial denial, bool known, IReadOnlyCollection<LicenseAllocation> held, SiteLicense? license)
        {
            var cause = denial.Cause;
            var seatWouldHelp = LicenseDenialCauses.SeatWouldHelp(cause);
            if (!known) return seatWouldHelp || cause == LicenseDenialCause.TooManySessions ? LicenseDenialCause.UnknownUser : cause;
            if (seatWouldHelp && license != null && !license.IsUsableOn(denial.LastDenied)) return LicenseDenialCause.LicenseNotAvailable;

            var active = held.Where(allocation => !allocation.Quarantined).ToList();
            if (seatWouldHelp && active.Any(allocation => allocation.Excess)) return LicenseDenialCause.ExcessAssignment;
            if (seatWouldHelp && active.Any(allocation => allocation.CreatedDate is DateTime created
                    && created <= denial.LastDenied && denial.LastDenied - created <= PendingSyncWindow))
                return LicenseDenialCause.PendingUserSync;
            if (cause == LicenseDenialCause.TooManySessions && active.Count == 0) return LicenseDenialCause.NoAccessType;
            return cause;
        }
    }
}
