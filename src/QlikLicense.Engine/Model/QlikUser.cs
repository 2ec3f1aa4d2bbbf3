using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Model
{
    /// <summary>A user of the repository, as the QMC's user list shows it.</summary>
    public sealed class QlikUser
    {
        /// <summary>Attribute types under which user directory connectors deliver group membership.</summary>
        private static readonly string[] GroupAttributeTypes = { "Group", "memberOf" };

        public Guid Id { get; set; }
        public string UserDirectory { get; set; } = string.Empty;
        public string UserId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TextList Groups { get; set; } = TextList.Empty;

        /// <summary>The QMC's Inactive: removed from the directory or blocked.</summary>
        public bool Inactive { get; set; }
        public bool RemovedExternally { get; set; }
        public bool Blocked { get; set; }
        public TextList Roles { get; set; } = TextList.Empty;
        public DateTime? CreatedDate { get; set; }
        public DateTime? ModifiedDate { get; set; }

        /// <summary>DIRECTORY\userid, the form the QMC and the logs use.</summary>
        public string Identity => UserName.Format(UserDirectory, UserId);

        public override string ToString() => Identity;

        internal static QlikUser FromJson(JObject json) => new QlikUser
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
    }
}
