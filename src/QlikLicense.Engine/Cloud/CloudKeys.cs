using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using QlikLicense.Model;

namespace QlikLicense.Cloud
{
    /// <summary>
    /// The keys the site seam names users and allocations by, made from a tenant's subjects: the same subject (in any
    /// letter case) always gives the same key, so assignments and users join without another request.
    /// </summary>
    internal static class CloudKeys
    {
        public static Guid User(string subject) => Hash("user:" + subject.ToLowerInvariant());

        public static Guid Assignment(LicenseAccessType type, string subject) => Hash("assignment:" + TypeName(type) + ":" + subject.ToLowerInvariant());

        /// <summary>The access types a tenant assigns to users.</summary>
        public static readonly IReadOnlyList<LicenseAccessType> Types = new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        /// <summary>The overview's allotment of analyzer capacity minutes.</summary>
        public const string AnalyzerTimeAllotment = "analyzer_time";

        /// <summary>The tenant's name of an access type: professional, analyzer.</summary>
        public static string TypeName(LicenseAccessType type) => type switch
        {
            LicenseAccessType.Professional => "professional",
            LicenseAccessType.Analyzer => "analyzer",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

        public static LicenseAccessType? TypeOf(string? name) =>
            string.Equals(name, "professional", StringComparison.OrdinalIgnoreCase) ? LicenseAccessType.Professional
            : string.Equals(name, "analyzer", StringComparison.OrdinalIgnoreCase) ? LicenseAccessType.Analyzer
            : (LicenseAccessType?)null;

        private static Guid Hash(string text)
        {
            using (var sha = SHA256.Create())
            {
                var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                Array.Resize(ref bytes, 16);
                return new Guid(bytes);
            }
        }
    }
}
