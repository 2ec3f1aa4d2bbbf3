using System;

namespace QlikLicense.Logs
{
    /// <summary>Which denials a <see cref="LicenseDenialScanner"/> returns.</summary>
    public sealed class LicenseDenialScanOptions
    {
        /// <summary>Earliest instant, inclusive. An offset-carrying instant: convert a caller's DateTime with QlikDates.ToInstant.</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>Latest instant, exclusive, so that consecutive windows never count a denial twice.</summary>
        public DateTimeOffset? Until { get; set; }

        /// <summary>
        /// Also return denials of service accounts (INTERNAL users, QRS API calls in the ManagementAccess context,
        /// the account the services run as). Off by default: on a real site they are most of the denials.
        /// </summary>
        public bool IncludeServiceAccounts { get; set; }

        /// <summary>
        /// Returns true for a user (directory, user id) whose denials are to be left out, e.g. a matcher of
        /// <c>DIRECTORY\user</c> wildcard patterns. Asked once per user, case-insensitively.
        /// </summary>
        public Func<string, string, bool>? ExcludeUser { get; set; }
    }
}
