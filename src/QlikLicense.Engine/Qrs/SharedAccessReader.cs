using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// Login access groups and analyzer capacity use, as QRS keeps them: /qrs/license/loginaccesstype (tokens, passes
    /// used and left), the License system rules whose resource filter names a group, /qrs/license/loginaccessusage and
    /// /qrs/license/analyzertimeaccessusage (one record per period of use), read in a constant number of requests.
    /// </summary>
    internal static class SharedAccessReader
    {
        /// <summary>Three requests however many groups: the groups, their rules, and the passes used since <paramref name="usedSinceUtc"/>.</summary>
        public static IReadOnlyList<LoginAccessGroup> ReadLoginAccessGroups(QrsClient client, QlikConnection connection, DateTime usedSinceUtc, SiteCall call)
        {
            var groups = client.Stream(QrsPaths.Full(QrsPaths.LoginAccessGroups), json => Group(json, connection), call).ToList();
            if (groups.Count == 0) return groups;

            var rules = client.Stream(QrsPaths.Full(QrsPaths.SystemRule), json => json, call, QrsFilter.And(
                    QrsFilter.Equal("category", LicenseRuleResources.Category),
                    QrsFilter.StartsWith("resourceFilter", QrsPaths.LoginAccessRulePrefix)))
                .Select(json => (Group: GroupOf((string?)json["resourceFilter"]), Name: (string?)json["name"] ?? json.GuidValue("id").ToString("D"), Disabled: (bool?)json["disabled"] ?? false))
                .Where(rule => rule.Group != null)
                .ToLookup(rule => rule.Group.GetValueOrDefault());

            var uses = client.Stream(QrsPaths.Full(QrsPaths.LoginAccessUsage), json => (Group: (json["loginAccessType"] as JObject)?.NullableGuid("id"),
                    User: (json["user"] as JObject)?.NullableGuid("id"), Time: json.DateValue("latestActivity") ?? json.DateValue("useStartTime")),
                    call, QrsFilter.AtOrAfter("useStartTime", usedSinceUtc))
                .Where(use => use.Group != null)
                .ToLookup(use => use.Group.GetValueOrDefault());

            foreach (var group in groups)
            {
                var named = rules[group.Id].OrderBy(rule => rule.Name, StringComparer.OrdinalIgnoreCase).ToList();
                group.EnabledRules = named.Where(rule => !rule.Disabled).Select(rule => rule.Name).ToArray();
                group.DisabledRules = named.Where(rule => rule.Disabled).Select(rule => rule.Name).ToArray();
                var used = uses[group.Id].ToList();
                group.People = used.Select(use => use.User).OfType<Guid>().Distinct().Count();
                group.LastUsed = used.Select(use => use.Time).Where(time => time != null).Max();
            }
            return groups;
        }

        /// <summary>The periods of use that started since <paramref name="sinceUtc"/>, filtered by QRS and streamed.</summary>
        public static IEnumerable<AnalyzerCapacityUse> ReadAnalyzerCapacityUse(QrsClient client, DateTime sinceUtc, SiteCall call) =>
            client.Stream(QrsPaths.Full(QrsPaths.AnalyzerCapacityUsage), Use, call, QrsFilter.AtOrAfter("useStartTime", sinceUtc))
                .Where(use => use.UserId != null);

        private static LoginAccessGroup Group(JObject json, QlikConnection connection) => new LoginAccessGroup
        {
            Id = json.GuidValue("id"),
            Name = (string?)json["name"],
            AssignedTokens = (int?)json["assignedTokens"],
            Passes = (int?)json["assignedAccessTypes"],
            UsedPasses = (int?)json["usedAccessTypes"],
            RemainingPasses = (int?)json["remainingAccessTypes"],
            Site = connection.Site,
            Connection = connection,
        };

        private static AnalyzerCapacityUse Use(JObject json)
        {
            var user = json["user"] as JObject;
            return new AnalyzerCapacityUse
            {
                UserKey = user?.NullableGuid("id"),
                UserId = (string?)user?["userId"],
                UserDirectory = (string?)user?["userDirectory"],
                UserName = (string?)user?["name"],
                Start = json.DateValue("useStartTime") ?? DateTime.MinValue,
                Stop = json.DateValue("useStopTime"),
                LatestActivity = json.DateValue("latestActivity"),
            };
        }

        private static Guid? GroupOf(string? resourceFilter) =>
            resourceFilter != null && resourceFilter.StartsWith(QrsPaths.LoginAccessRulePrefix, StringComparison.OrdinalIgnoreCase) &&
            Guid.TryParse(resourceFilter.Substring(QrsPaths.LoginAccessRulePrefix.Length), out var id) ? id : (Guid?)null;
    }
}
