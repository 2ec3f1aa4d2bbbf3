using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Logs
{
    /// <summary>The denials of one user.</summary>
    public sealed class LicenseDenialSummary
    {
        public LicenseDenialSummary(
            string userDirectory, string userId, DateTime firstDenied, DateTime lastDenied, int count,
            IReadOnlyList<string> hostnames, IReadOnlyList<string> files, bool isServiceAccount,
            LicenseDenialCause cause = LicenseDenialCause.Unstated)
        {
            UserDirectory = userDirectory;
            UserId = userId;
            FirstDenied = firstDenied;
            LastDenied = lastDenied;
            Count = count;
            Hostnames = hostnames;
            Files = files;
            IsServiceAccount = isServiceAccount;
            Cause = cause;
        }

        public string UserDirectory { get; }
        public string UserId { get; }

        /// <summary>UTC (Kind Utc).</summary>
        public DateTime FirstDenied { get; }

        /// <summary>UTC (Kind Utc).</summary>
        public DateTime LastDenied { get; }

        /// <summary>Distinct denials (each counted once however many logs recorded it).</summary>
        public int Count { get; }

        /// <summary>The client addresses the denied requests came from.</summary>
        public IReadOnlyList<string> Hostnames { get; }

        /// <summary>The log files that recorded the denials.</summary>
        public IReadOnlyList<string> Files { get; }

        public bool IsServiceAccount { get; }

        /// <summary>The cause of the latest denial that states one: what stands in the person's way now.</summary>
        public LicenseDenialCause Cause { get; }
    }
}
