using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace QlikLicense.Model
{
    /// <summary>
    /// What tells one site's license from another's (GET /qrs/license): the serial number and the signed license
    /// key. The key is never kept, only a fingerprint of it, so it cannot reach output, logs or reports. Also whether
    /// the license is usable and the day it ends.
    /// </summary>
    public sealed class SiteLicense
    {
        public SiteLicense(string? serial, string? keyFingerprint)
        {
            Serial = serial;
            KeyFingerprint = keyFingerprint;
        }

        /// <summary>The license (serial) number, digits only; null when the site gives none.</summary>
        public string? Serial { get; }

        /// <summary>The first 16 hex digits of the SHA-256 of the signed license key; null for a site without one.</summary>
        public string? KeyFingerprint { get; }

        /// <summary>The same serial or the same signed key: the two sites count seats of one license.</summary>
        public bool IsSameAs(SiteLicense other) =>
            (Serial != null && Serial == other.Serial) || (KeyFingerprint != null && KeyFingerprint == other.KeyFingerprint);

        /// <summary>The last day the license is valid (UTC midnight of that date); null when the site does not say.</summary>
        public DateTime? EndDate { get; set; }

        /// <summary>Where <see cref="EndDate"/> was read: the signed key's details or the license file's time limit.</summary>
        public LicenseEndDateSource? EndDateSource { get; set; }

        /// <summary>QRS says the license has expired (<c>isExpired</c>).</summary>
        public bool IsExpired { get; set; }

        /// <summary>QRS says the license is invalid or deny-listed (<c>isInvalid</c>, <c>isBlacklisted</c>).</summary>
        public bool IsInvalid { get; set; }

        /// <summary>QRS's words for why it expired (<c>expiredReason</c>); null when it gives none.</summary>
        public string? ExpiredReason { get; set; }

        /// <summary>Whether people could be given access on <paramref name="dayUtc"/>: not expired, valid, and not past its end date.</summary>
        public bool IsUsableOn(DateTime dayUtc) => !IsExpired && !IsInvalid && (EndDate == null || dayUtc.Date <= EndDate.Value);

        public override string ToString() => Serial ?? (KeyFingerprint != null ? "key " + KeyFingerprint : "unknown");

        /// <summary>The fingerprint of a signed license key: the first 16 hex digits of its SHA-256.</summary>
        internal static string FingerprintOf(string key)
        {
            using (var sha = SHA256.Create())
                return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(key)).Take(8).Select(part => part.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
