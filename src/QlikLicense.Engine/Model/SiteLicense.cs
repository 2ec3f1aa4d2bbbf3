using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

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

        /// <summary>
        /// Reads the license entity: <c>serial</c> (Qlik shows it as "0000 6500 7751 6278", so spaces do not count)
        /// and <c>key</c> (the signed license key; the field name comes from Qlik's API reference, unconfirmed on a live site).
        /// </summary>
        internal static SiteLicense FromJson(JObject license)
        {
            var serial = new string(((string?)license.GetValue("serial", StringComparison.OrdinalIgnoreCase) ?? string.Empty).Where(char.IsLetterOrDigit).ToArray());
            var key = ((string?)license.GetValue("key", StringComparison.OrdinalIgnoreCase))?.Trim();
            return new SiteLicense(serial.Length > 0 ? serial : null, string.IsNullOrEmpty(key) ? null : Fingerprint(key!));
        }

        private static string Fingerprint(string key)
        {
            using (var sha = SHA256.Create())
                return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(key)).Take(8).Select(part => part.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
