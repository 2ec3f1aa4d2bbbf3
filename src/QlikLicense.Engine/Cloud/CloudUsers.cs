using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Cloud
{
    /// <summary>A tenant's users as the model's users: named by subject with an empty directory, keyed by the subject's hash.</summary>
    internal static class CloudUsers
    {
        /// <summary>The user, or null when the answer names no subject.</summary>
        public static QlikUser? FromJson(JObject json)
        {
            var subject = ((string?)json["subject"]).NullIfEmpty();
            if (subject == null) return null;
            var status = (string?)json["status"];
            // Directory sync (SCIM) disables users removed upstream: the counterpart of a site's "removed externally".
            var gone = string.Equals(status, "disabled", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "deleted", StringComparison.OrdinalIgnoreCase);
            return new QlikUser
            {
                Id = CloudKeys.User(subject),
                UserDirectory = string.Empty,
                UserId = subject,
                Name = (string?)json["name"],
                Groups = Names(json["assignedGroups"] as JArray),
                Roles = Names(json["assignedRoles"] as JArray),
                RemovedExternally = gone,
                Inactive = gone,
                CreatedDate = json.DateValue("createdAt"),
                ModifiedDate = json.DateValue("lastUpdatedAt"),
            };
        }

        private static string[] Names(JArray? items) =>
            items?.Select(item => item is JObject named ? (string?)named["name"] : (string?)item).OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray() ?? Array.Empty<string>();
    }
}
