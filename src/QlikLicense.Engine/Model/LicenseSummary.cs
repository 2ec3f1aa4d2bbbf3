using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Model
{
    /// <summary>
    /// The seats of one access type, as /qrs/license/accesstypeoverview reports them. Qlik marks that endpoint
    /// experimental, so every count may be missing (null) rather than guessed.
    /// </summary>
    public sealed class LicenseSummary
    {
        /// <summary>The per-user access types whose seats a site counts.</summary>
        public static readonly IReadOnlyList<LicenseAccessType> AllTypes = new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        public LicenseAccessType Type { get; set; }

        /// <summary>Whether the license offers this access type; null when the answer does not say.</summary>
        public bool? Enabled { get; set; }

        /// <summary>Seats the license holds.</summary>
        public int? Total { get; set; }

        /// <summary>Seats held by users (not counting quarantined ones).</summary>
        public int? Allocated { get; set; }

        /// <summary>Allocated seats used at least once.</summary>
        public int? Used { get; set; }

        /// <summary>Seats in the 7-day quarantine after a release: not free until it ends.</summary>
        public int? Quarantined { get; set; }

        /// <summary>Seats free to allocate now.</summary>
        public int? Available { get; set; }

        /// <summary>Allocations beyond the license's seats (signed license keys).</summary>
        public int? Excess { get; set; }

        public string? Site { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} available", Type, Show(Available), Show(Total));

        /// <summary>Reads one access type's block; a missing block or field leaves the value null.</summary>
        internal static LicenseSummary FromOverview(JObject overview, LicenseAccessType type, string? site)
        {
            var details = Property(overview, type == LicenseAccessType.Professional ? "professionalAccess" : "analyzerAccess") as JObject;
            var summary = new LicenseSummary
            {
                Type = type,
                Site = site,
                Enabled = Flag(Property(details, "enabled")),
                Total = Count(Property(details, "total")),
                Allocated = Count(Property(details, "allocated")),
                Used = Count(Property(details, "used")),
                Quarantined = Count(Property(details, "quarantined")),
                Excess = Count(Property(details, "excess")),
                Available = Count(Property(details, "available")),
            };
            if (summary.Available == null && summary.Total != null && summary.Allocated != null && summary.Quarantined != null)
                summary.Available = Math.Max(0, summary.Total.Value - summary.Allocated.Value - summary.Quarantined.Value);
            return summary;
        }

        private static JToken? Property(JObject? json, string name) => json?.GetValue(name, StringComparison.OrdinalIgnoreCase);

        private static int? Count(JToken? token)
        {
            if (token == null) return null;
            switch (token.Type)
            {
                case JTokenType.Integer:
                case JTokenType.Float:
                    var number = token.Value<double>();
                    return number >= int.MinValue && number <= int.MaxValue ? (int)Math.Round(number) : (int?)null;
                case JTokenType.String:
                    return int.TryParse((string?)token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
                default:
                    return null;
            }
        }

        private static bool? Flag(JToken? token)
        {
            if (token == null) return null;
            if (token.Type == JTokenType.Boolean) return (bool)token;
            return token.Type == JTokenType.String && bool.TryParse((string?)token, out var parsed) ? parsed : (bool?)null;
        }

        private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
