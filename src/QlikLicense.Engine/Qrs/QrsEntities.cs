using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>The QRS answers read into the model: users, allocations, the access type overview, the license. The only place that knows their JSON shapes.</summary>
    internal static class QrsEntities
    {
        /// <summary>Attribute types under which user directory connectors deliver group membership.</summary>
        private static readonly string[] GroupAttributeTypes = { "Group", "memberOf" };

        public static QlikUser User(JObject json) => new QlikUser
        {
            Id = json.GuidValue("id"),
            // QRS always sends both; a missing one reads as empty, which Identity showed the same way.
            UserDirectory = (string?)json["userDirectory"] ?? string.Empty,
            UserId = (string?)json["userId"] ?? string.Empty,
            Name = (string?)json["name"],
            Groups = GroupsOf(json["attributes"] as JArray),
            RemovedExternally = (bool?)json["removedExternally"] ?? false,
            Blocked = (bool?)json["blacklisted"] ?? false,
            Inactive = (bool?)json["inactive"] ?? (((bool?)json["removedExternally"] ?? false) || ((bool?)json["blacklisted"] ?? false)),
            Roles = (json["roles"] as JArray)?.Select(role => (string?)role ?? string.Empty).ToArray() ?? Array.Empty<string>(),
            Tags = (json["tags"] as JArray)?.OfType<JObject>().Select(tag => (string?)tag["name"]).OfType<string>().ToArray() ?? Array.Empty<string>(),
            CustomProperties = (json["customProperties"] as JArray)?.OfType<JObject>()
                .Select(value => ((string?)value["definition"]?["name"], (string?)value["value"]))
                .Where(pair => pair.Item1 != null && pair.Item2 != null).Select(pair => pair.Item1 + "=" + pair.Item2).ToArray() ?? Array.Empty<string>(),
            CreatedDate = json.DateValue("createdDate"),
            ModifiedDate = json.DateValue("modifiedDate"),
        };

        private static string[] GroupsOf(JArray? attributes)
        {
            if (attributes == null) return Array.Empty<string>();
            var groups = new List<string>();
            foreach (var attribute in attributes.OfType<JObject>())
            {
                var type = (string?)attribute["attributeType"];
                var value = (string?)attribute["attributeValue"];
                if (value != null && GroupAttributeTypes.Any(groupType => string.Equals(groupType, type, StringComparison.OrdinalIgnoreCase))
                    && !groups.Contains(value, StringComparer.OrdinalIgnoreCase))
                    groups.Add(value);
            }
            return groups.ToArray();
        }

        public static LicenseAllocation Allocation(JObject json, LicenseAccessType type)
        {
            var allocation = new LicenseAllocation();
            var user = json["user"] as JObject;
            allocation.Id = json.GuidValue("id");
            allocation.Type = type;
            allocation.LastUsed = json.DateValue("lastUsed");
            allocation.Quarantined = (bool?)json["quarantined"] ?? false;
            allocation.Excess = (bool?)json["excess"] ?? false;
            allocation.CreatedDate = json.DateValue("createdDate");
            allocation.ModifiedDate = json.DateValue("modifiedDate");
            allocation.QuarantineEnd = allocation.Quarantined ? json.DateValue("quarantineEnd") : null;
            if (user != null)
            {
                allocation.UserKey = user.NullableGuid("id");
                allocation.UserId = (string?)user["userId"];
                allocation.UserDirectory = (string?)user["userDirectory"];
                allocation.UserName = (string?)user["name"];
            }
            else
            {
                allocation.DeletedUser = true;
                allocation.UserId = ((string?)json["deletedUserId"]).NullIfEmpty();
                allocation.UserDirectory = ((string?)json["deletedUserDirectory"]).NullIfEmpty();
            }
            return allocation;
        }

        /// <summary>Reads one access type's block; a missing block or field leaves the value null.</summary>
        public static LicenseSummary Summary(JObject overview, LicenseAccessType type, string? site)
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

        /// <summary>
        /// Reads the license entity: <c>serial</c> (Qlik shows it as "0000 6500 7751 6278", so spaces do not count)
        /// and <c>key</c> (the signed license key; the field name comes from Qlik's API reference, unconfirmed on a live site).
        /// </summary>
        public static SiteLicense License(JObject license)
        {
            var serial = new string(((string?)license.GetValue("serial", StringComparison.OrdinalIgnoreCase) ?? string.Empty).Where(char.IsLetterOrDigit).ToArray());
            var key = ((string?)license.GetValue("key", StringComparison.OrdinalIgnoreCase))?.Trim();
            var end = LicenseEndDate.Read(license);
            return new SiteLicense(serial.Length > 0 ? serial : null, string.IsNullOrEmpty(key) ? null : SiteLicense.FingerprintOf(key!))
            {
                EndDate = end?.Date,
                EndDateSource = end?.Source,
                IsExpired = (bool?)license.GetValue("isExpired", StringComparison.OrdinalIgnoreCase) ?? false,
                IsInvalid = ((bool?)license.GetValue("isInvalid", StringComparison.OrdinalIgnoreCase) ?? false)
                    || ((bool?)license.GetValue("isBlacklisted", StringComparison.OrdinalIgnoreCase) ?? false),
                ExpiredReason = ((string?)license.GetValue("expiredReason", StringComparison.OrdinalIgnoreCase)).NullIfEmpty(),
            };
        }
    }
}
