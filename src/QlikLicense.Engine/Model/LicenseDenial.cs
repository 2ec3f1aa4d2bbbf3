using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// The license denials of one user found in the logs, with the user's repository record when connected.
    /// Pipes into Add-QlikLicenseAllocation by property name (UserDirectory, UserId, UserKey, Connection).
    /// </summary>
    public sealed class LicenseDenial
    {
        public string UserDirectory { get; set; } = string.Empty;
        public string UserId { get; set; } = string.Empty;

        /// <summary>The user's repository GUID; null when not connected or the site has no such user.</summary>
        public Guid? UserKey { get; set; }

        /// <summary>The user's name in the repository; null when unknown.</summary>
        public string? Name { get; set; }

        /// <summary>The groups the user directory connector reports, the ones a license rule can name.</summary>
        public TextList Groups { get; set; } = TextList.Empty;

        /// <summary>The QMC's Inactive (removed from the directory or blocked); null when unknown.</summary>
        public bool? Inactive { get; set; }

        /// <summary>Access types the user holds now (not in quarantine), e.g. allocated since the denial.</summary>
        public TextList<LicenseAccessType> AllocatedAccessTypes { get; set; } = Array.Empty<LicenseAccessType>();

        /// <summary>Access types the user held until recently: in quarantine, so they can be reinstated.</summary>
        public TextList<LicenseAccessType> QuarantinedAccessTypes { get; set; } = Array.Empty<LicenseAccessType>();

        /// <summary>UTC.</summary>
        public DateTime FirstDenied { get; set; }

        /// <summary>UTC.</summary>
        public DateTime LastDenied { get; set; }

        /// <summary>Distinct denials, each counted once however many logs recorded it.</summary>
        public int Count { get; set; }

        /// <summary>The client addresses the denied requests came from.</summary>
        public TextList Hostnames { get; set; } = TextList.Empty;

        /// <summary>The log files that recorded the denials.</summary>
        public TextList Files { get; set; } = TextList.Empty;

        public bool IsServiceAccount { get; set; }

        /// <summary>
        /// Why the person was refused: what the logs say of the latest denial, refined by what the site says of the
        /// user (see about_QlikLicense). Only <see cref="LicenseDenialCause.NoAccessType"/> and
        /// <see cref="LicenseDenialCause.Unstated"/> are fixed by allocating a seat.
        /// </summary>
        public LicenseDenialCause Cause { get; set; }

        /// <summary>The site the user was looked up on, so a piped object acts on that site; null when not connected.</summary>
        public QlikConnection? Connection { get; set; }

        public string UserIdentity => UserName.Format(UserDirectory, UserId);

        public override string ToString() => UserIdentity;
    }
}
