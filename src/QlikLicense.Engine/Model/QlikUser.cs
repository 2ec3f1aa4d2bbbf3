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

        /// <summary>The names of the user's QMC tags.</summary>
        public TextList Tags { get; set; } = TextList.Empty;

        /// <summary>The user's custom property values as <c>Name=Value</c> (a property with several values gives several).</summary>
        public TextList CustomProperties { get; set; } = TextList.Empty;
        public DateTime? CreatedDate { get; set; }
        public DateTime? ModifiedDate { get; set; }

        /// <summary>DIRECTORY\userid, the form the QMC and the logs use.</summary>
        public string Identity => UserName.Format(UserDirectory, UserId);

        public override string ToString() => Identity;

        /// <summary>The values the user holds of one custom property (its name compared without regard to case).</summary>
        public IEnumerable<string> CustomPropertyValues(string name) =>
            CustomProperties.Where(pair => pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                .Select(pair => pair.Substring(name.Length + 1));

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
    }
}
