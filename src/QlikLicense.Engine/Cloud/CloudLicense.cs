using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Cloud
{
    /// <summary>A tenant's licence status and overview as the model's seats and health (the License Monitor step).</summary>
    internal static class CloudLicense
    {
        /// <summary>
        /// Seats per access type from the overview's allotments (a type the overview lacks is reported as not enabled),
        /// and the analyzer capacity minutes when the tenant has them, which the module does not handle on a tenant.
        /// </summary>
        public static IReadOnlyList<LicenseSummary> Summaries(JObject overview, string site)
        {
            var allotments = (overview["allotments"] as JArray)?.OfType<JObject>().ToList() ?? new List<JObject>();
            var rows = SeatRows(allotments, site);
            var minutes = allotments.FirstOrDefault(item => string.Equals((string?)item["name"], CloudKeys.AnalyzerTimeAllotment, StringComparison.OrdinalIgnoreCase));
            if (minutes != null)
            {
                var units = (int?)minutes["units"];
                var used = (int?)minutes["unitsUsed"];
                rows.Add(new LicenseSummary
                {
                    Type = LicenseAccessType.AnalyzerCapacity,
                    Site = site,
                    Enabled = true,
                    Total = units,
                    Used = used,
                    Available = units != null && used != null ? Math.Max(0, units.Value - used.Value) : (int?)null,
                    // Who spends a tenant's minutes is in its consumption records, which the module does not rank yet.
                    Handling = LicenseHandling.NotHandled,
                });
            }
            return rows;
        }

        private static List<LicenseSummary> SeatRows(List<JObject> allotments, string site) =>
            CloudKeys.Types.Select(type =>
            {
                var allotment = allotments.FirstOrDefault(item => string.Equals((string?)item["name"], CloudKeys.TypeName(type), StringComparison.OrdinalIgnoreCase));
                if (allotment == null) return new LicenseSummary { Type = type, Site = site, Enabled = false };
                var units = (int?)allotment["units"];
                var used = (int?)allotment["unitsUsed"];
                return new LicenseSummary
                {
                    Type = type,
                    Site = site,
                    Enabled = true,
                    Total = units,
                    Allocated = used,
                    // A user-based allotment's unitsUsed counts the seats assigned: on a tenant an assigned seat is a used one.
                    Used = used,
                    // No quarantine on a tenant: a released seat is free at once (unconfirmed).
                    Quarantined = 0,
                    Available = units != null && used != null ? Math.Max(0, units.Value - used.Value) : (int?)null,
                    Excess = units != null && used != null ? Math.Max(0, used.Value - units.Value) : (int?)null,
                };
            }).ToList();

        /// <summary>
        /// In order when the licence status is Ok, valid and not deactivated, and the overview lists seats: per-user
        /// allotments, or none at all on a capacity-based subscription, which is said in the remark with what the
        /// routine means there.
        /// </summary>
        public static LicenseMonitorStatus Health(JObject status, JObject overview, TimeSpan maximumAge, DateTime nowUtc)
        {
            var reasons = new List<string>();
            var state = (string?)status["status"] ?? (string?)overview["status"];
            if (!string.Equals(state, "Ok", StringComparison.OrdinalIgnoreCase)) reasons.Add(CloudMessages.LicenseNotOk(state));
            if (Valid(status["valid"] ?? overview["valid"], nowUtc) == false) reasons.Add(CloudMessages.LicenseNotValid((string?)(status["valid"] ?? overview["valid"])));
            if (status["deactivated"]?.Type == JTokenType.Boolean && (bool)status["deactivated"]!) reasons.Add(CloudMessages.LicenseDeactivated);
            var capacityBased = IsCapacityBased(overview);
            var allotments = (overview["allotments"] as JArray)?.OfType<JObject>().Select(item => (string?)item["name"]).ToList() ?? new List<string?>();
            if (!capacityBased && !allotments.Any(name => CloudKeys.TypeOf(name) != null)) reasons.Add(CloudMessages.NoSeats);
            return new LicenseMonitorStatus
            {
                Checked = CloudMessages.HealthChecked,
                Remark = capacityBased ? CloudMessages.CapacityBased : null,
                IsOperational = reasons.Count == 0,
                Reason = reasons.Count == 0 ? null : string.Join(" ", reasons),
                LastReloadTime = overview.DateValue("updated"),
                MaximumAge = maximumAge,
                CheckedAt = nowUtc,
            };
        }

        /// <summary>
        /// A capacity-based subscription: the overview names no Professional or Analyzer allotment (Qlik's description
        /// names only professional, analyzer and analyzer_time) and its licenseType, where given, says capacity. How a live
        /// capacity-based tenant shows itself is unconfirmed: an overview with neither sign is user-based.
        /// </summary>
        public static bool IsCapacityBased(JObject overview)
        {
            var allotments = (overview["allotments"] as JArray)?.OfType<JObject>().Select(item => (string?)item["name"]).ToList() ?? new List<string?>();
            if (allotments.Any(name => CloudKeys.TypeOf(name) != null)) return false;
            return ((string?)overview["licenseType"])?.IndexOf("capacity", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>
        /// Whether the licence is valid now: the answer is a flag, or (as Qlik's description shows it) an ISO interval
        /// "start/end"; null when it says neither.
        /// </summary>
        internal static bool? Valid(JToken? valid, DateTime nowUtc)
        {
            if (valid == null) return null;
            if (valid.Type == JTokenType.Boolean) return (bool)valid;
            var parts = ((string?)valid)?.Split('/');
            if (parts == null || parts.Length != 2) return null;
            var from = Date(parts[0]);
            var to = Date(parts[1]);
            return (from == null || from.Value <= nowUtc) && (to == null || nowUtc <= to.Value);
        }

        private static DateTime? Date(string text) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : (DateTime?)null;
    }
}
