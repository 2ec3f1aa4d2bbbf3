using System;
using System.Collections.Generic;

namespace QlikLicense.Model
{
    /// <summary>Which users to read: every condition that is set must hold; the site evaluates them, never the caller after reading all.</summary>
    public sealed class UserFilter
    {
        /// <summary>Every user.</summary>
        public static UserFilter All => new UserFilter();

        public string? UserId { get; set; }
        public string? UserDirectory { get; set; }

        /// <summary>Only users the QMC shows as Inactive (removed from the directory or blocked).</summary>
        public bool InactiveOnly { get; set; }

        /// <summary>Only users the directory no longer knows; with <see cref="IncludeBlocked"/>, blocked users too.</summary>
        public bool RemovedFromDirectoryOnly { get; set; }

        public bool IncludeBlocked { get; set; }

        /// <summary>Only users with these keys; null for any.</summary>
        public IReadOnlyCollection<Guid>? Keys { get; set; }

        /// <summary>Only users with a tag whose name matches (the site narrows, <see cref="TextPattern.IsMatch"/> decides); null for any.</summary>
        public TextPattern? Tag { get; set; }

        /// <summary>Only users holding a value of this custom property that matches (the site narrows, the pattern decides); null for any.</summary>
        public CustomPropertyMark? CustomProperty { get; set; }

        /// <summary>A condition in the site's own filter language, given by the caller as it is (Get-QlikUser -Filter).</summary>
        public string? SiteFilter { get; set; }
    }
}
