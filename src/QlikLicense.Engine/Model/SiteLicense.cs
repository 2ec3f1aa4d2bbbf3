using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

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

        /// <summary>
        /// Reads the license entity: <c>serial</c> (Qlik shows it as "0000 6500 7751 6278", so spaces do not count)
        /// and <c>key</c> (the signed license key; the field name comes from Qlik's API reference, unconfirmed on a live site).
        /// </summary>
        internal static SiteLicense FromJson(JObject license)
        {
            var serial = new string(((string?)license.GetValue("serial", StringComparison.OrdinalIgnoreCase) ?? string.Empty).Where(char.IsLetterOrDigit).ToArray());
            var key = ((string?)license.GetValue("key", StringComparison.OrdinalIgnoreCase))?.Trim();
            var end = LicenseEndDate.Read(license);
            return new SiteLicense(serial.Length > 0 ? serial : null, string.IsNullOrEmpty(key) ? null : Fingerprint(key!))
            {
                EndDate = end?.Date,
                EndDateSource = end?.Source,
                IsExpired = (bool?)license.GetValue("isExpired", StringComparison.OrdinalIgnoreCase) ?? false,
                IsInvalid = ((bool?)license.GetValue("isInvalid", StringComparison.OrdinalIgnoreCase) ?? false)
                    || ((bool?)license.GetValue("isBlacklisted", StringComparison.OrdinalIgnoreCase) ?? false),
                ExpiredReason = ((string?)license.GetValue("expiredReason", StringComparison.OrdinalIgnoreCase)).NullIfEmpty(),
            };
        }

        private static string Fingerprint(string key)
        {
            using (var sha = SHA256.Create())
                return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(key)).Take(8).Select(part => part.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
