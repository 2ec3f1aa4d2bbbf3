using System;
using System.Collections.Generic;
using System.Linq;

namespace QlikLicense.Model
{
    /// <summary>A user of the repository, as the QMC's user list shows it.</summary>
    public sealed class QlikUser
    {
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
    }
}
