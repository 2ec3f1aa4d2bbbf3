using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace QlikLicense.Model
{
    /// <summary>
    /// What tells one site's license from another's (GET /qrs/license): the serial number and the signed license
    /// key. The key is never kept, only a fingerprint of it, so it cannot reach output, logs or reports.
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

        public override string ToString() => Serial ?? (KeyFingerprint != null ? "key " + KeyFingerprint : "unknown");

        /// <summary>The fingerprint of a signed license key: the first 16 hex digits of its SHA-256.</summary>
        internal static string FingerprintOf(string key)
        {
            using (var sha = SHA256.Create())
                return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(key)).Take(8).Select(part => part.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
