using System;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Model
{
    /// <summary>
    /// One row of a site's licence: the seats, tokens or minutes of one access type, as /qrs/license/accesstypeoverview
    /// reports them. Qlik marks that endpoint experimental, so every count may be missing (null) rather than guessed.
    /// Token rows (user access, login access) share the licence's tokens: both show the same <see cref="Total"/> and
    /// <see cref="Available"/>.
    /// </summary>
    public sealed class LicenseSummary
    {
        public LicenseAccessType Type { get; set; }

        /// <summary>The licence model the row belongs to.</summary>
        public LicenseModel Model => Type.ModelOf();

        /// <summary>What the counts count: seats, tokens or minutes.</summary>
        public LicenseUnit Unit => Type.UnitOf();

        /// <summary>Whether the license offers this access type; null when the answer does not say.</summary>
        public bool? Enabled { get; set; }

        /// <summary>Seats the license holds; the licence's tokens; the minutes of the month.</summary>
        public int? Total { get; set; }

        /// <summary>Seats held by users (not counting quarantined ones); tokens allocated to passes or login groups.</summary>
        public int? Allocated { get; set; }

        /// <summary>Allocated seats used at least once; tokens of passes used; minutes used this month.</summary>
        public int? Used { get; set; }

        /// <summary>Seats or user access tokens in the 7-day quarantine after a release: not free until it ends.</summary>
        public int? Quarantined { get; set; }

        /// <summary>Login access tokens whose passes are used and not yet back (28 days); minutes not available (unconfirmed meaning).</summary>
        public int? Unavailable { get; set; }

        /// <summary>Seats free to allocate now; the licence's tokens not allocated; minutes left this month.</summary>
        public int? Available { get; set; }

        /// <summary>Allocations beyond the license's seats (signed license keys).</summary>
        public int? Excess { get; set; }

        /// <summary>Tokens one pass costs (a user access pass, a login access pass); null for seats and minutes.</summary>
        public double? TokenCost { get; set; }

        /// <summary>What QlikLicense does about this access type on this site.</summary>
        public LicenseHandling Handling { get; set; }

        public string? Site { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} {3} available", Type, Show(Available), Show(Total), Unit.ToString().ToLowerInvariant());

        /// <summary>Reads one access type's block of the overview; a missing block or field leaves the value null.</summary>
        internal static LicenseSummary FromOverview(JObject overview, LicenseAccessType type, string? site)
        {
            var summary = new LicenseSummary { Type = type, Site = site, Handling = type.IsPerUser() ? LicenseHandling.ReleaseAndAllocate : LicenseHandling.ReportUse };
            switch (type)
            {
                case LicenseAccessType.UserAccess:
                case LicenseAccessType.LoginAccess:
                    var tokens = Property(overview, type == LicenseAccessType.UserAccess ? "userAccess" : "loginAccess") as JObject;
                    summary.Enabled = Flag(Property(tokens, "enabled")) ?? Flag(Property(overview, "tokensEnabled"));
                    summary.Total = Count(Property(overview, "totalTokens"));
                    summary.Available = Count(Property(overview, "availableTokens"));
                    summary.Allocated = Count(Property(tokens, "allocatedTokens"));
                    summary.Used = Count(Property(tokens, "usedTokens"));
                    summary.Quarantined = Count(Property(tokens, "quarantinedTokens"));
                    summary.Unavailable = Count(Property(tokens, "unavailableTokens"));
                    // Qlik's help: a user access pass costs 1 token, a login access pass a tenth (10 passes a token).
                    summary.TokenCost = Number(Property(tokens, "tokenCost")) ?? (type == LicenseAccessType.UserAccess ? 1 : 0.1);
                    break;
                case LicenseAccessType.AnalyzerCapacity:
                    var minutes = Property(overview, "analyzerTimeAccess") as JObject;
                    summary.Enabled = Flag(Property(minutes, "enabled"));
                    summary.Total = Count(Property(minutes, "allocatedMinutes"));
                    summary.Used = Count(Property(minutes, "usedMinutes"));
                    summary.Unavailable = Count(Property(minutes, "unavailableMinutes"));
                    if (summary.Total != null && summary.Used != null)
                        summary.Available = Math.Max(0, summary.Total.Value - summary.Used.Value - (summary.Unavailable ?? 0));
                    break;
                default:
                    var seats = Property(overview, type == LicenseAccessType.Professional ? "professionalAccess" : "analyzerAccess") as JObject;
                    summary.Enabled = Flag(Property(seats, "enabled"));
                    summary.Total = Count(Property(seats, "total"));
                    summary.Allocated = Count(Property(seats, "allocated"));
                    summary.Used = Count(Property(seats, "used"));
                    summary.Quarantined = Count(Property(seats, "quarantined"));
                    summary.Excess = Count(Property(seats, "excess"));
                    summary.Available = Count(Property(seats, "available"));
                    if (summary.Available == null && summary.Total != null && summary.Allocated != null && summary.Quarantined != null)
                        summary.Available = Math.Max(0, summary.Total.Value - summary.Allocated.Value - summary.Quarantined.Value);
                    break;
            }
            return summary;
        }

        private static JToken? Property(JObject? json, string name) => json?.GetValue(name, StringComparison.OrdinalIgnoreCase);

        private static int? Count(JToken? token)
        {
            var number = Number(token);
            return number >= int.MinValue && number <= int.MaxValue ? (int)Math.Round(number.Value) : (int?)null;
        }

        private static double? Number(JToken? token)
        {
            if (token == null) return null;
            switch (token.Type)
            {
                case JTokenType.Integer:
                case JTokenType.Float:
                    return token.Value<double>();
                case JTokenType.String:
                    return double.TryParse((string?)token, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
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
