using System;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>A user a license rule matches, so that it grants (or would grant) the user an access type, as the license rule audit names it.</summary>
    public sealed class MatchedUser
    {
        /// <summary>The user's repository GUID.</summary>
        public Guid Id { get; set; }

        // Directory, id and name are null when the audit answer leaves the user out of its "users" map.
        public string? UserDirectory { get; set; }
        public string? UserId { get; set; }
        public string? Name { get; set; }
        public LicenseAccessType Type { get; set; }

        /// <summary>The rule that grants it; null for rule text that is not saved.</summary>
        public string? RuleName { get; set; }

        /// <summary>DIRECTORY\userid, the form the QMC and the logs use.</summary>
        public string Identity => UserDirectory + "\\" + UserId;

        public override string ToString() => Identity;
    }
}
