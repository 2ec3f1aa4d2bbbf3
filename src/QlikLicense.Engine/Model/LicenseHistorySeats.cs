using System.Globalization;
using Newtonsoft.Json;

namespace QlikLicense.Model
{
    /// <summary>The seats of one access type in a line of the maintenance history; a count the site did not give is null.</summary>
    public sealed class LicenseHistorySeats
    {
        [JsonProperty("type")] public LicenseAccessType Type { get; set; }
        [JsonProperty("total")] public int? Total { get; set; }
        [JsonProperty("allocated")] public int? Allocated { get; set; }
        [JsonProperty("used")] public int? Used { get; set; }
        [JsonProperty("quarantined")] public int? Quarantined { get; set; }
        [JsonProperty("available")] public int? Available { get; set; }

        public static LicenseHistorySeats Of(LicenseSummary summary) => new LicenseHistorySeats
        {
            Type = summary.Type,
            Total = summary.Total,
            Allocated = summary.Allocated,
            Used = summary.Used,
            Quarantined = summary.Quarantined,
            Available = summary.Available,
        };

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} used of {2}", Type, Used?.ToString(CultureInfo.InvariantCulture) ?? "?", Total?.ToString(CultureInfo.InvariantCulture) ?? "?");
    }
}
