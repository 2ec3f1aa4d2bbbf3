using System;
using System.Linq;
using System.Management.Automation;

namespace QlikLicense.Commands
{
    /// <summary>The -Exclude style parameters: PowerShell wildcards, without regard to case, over DIRECTORY\userid or a directory.</summary>
    internal static class UserPatterns
    {
        /// <summary>
        /// True for a user -Exclude (DIRECTORY\userid patterns) or -ExcludeUserDirectory (directory patterns) leaves
        /// out; null when neither names any.
        /// </summary>
        public static Func<string?, string?, bool>? Exclusion(string[]? exclude, string[]? excludeUserDirectory)
        {
            var user = IdentityMatcher(exclude);
            var directory = Matcher(excludeUserDirectory);
            if (user == null && directory == null) return null;
            return (userDirectory, userId) => (directory != null && directory(userDirectory)) || (user != null && user(userDirectory, userId));
        }

        /// <summary>True for a user whose DIRECTORY\userid matches any pattern; null when there are none.</summary>
        public static Func<string?, string?, bool>? IdentityMatcher(string[]? patterns)
        {
            var matches = Matcher(patterns);
            return matches == null ? null : (Func<string?, string?, bool>)((directory, userId) => matches((directory ?? string.Empty) + "\\" + (userId ?? string.Empty)));
        }

        /// <summary>True for a value matching any pattern; null when there are none.</summary>
        public static Func<string?, bool>? Matcher(string[]? patterns)
        {
            var compiled = (patterns ?? Array.Empty<string>()).Select(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase)).ToArray();
            return compiled.Length == 0 ? null : (Func<string?, bool>)(value => compiled.Any(pattern => pattern.IsMatch(value ?? string.Empty)));
        }
    }
}
