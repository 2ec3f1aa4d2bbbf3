using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Model;

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

        /// <summary>The QMC marks -ExcludeTag and -ExcludeCustomProperty (Name=Value) name; <see cref="UserMarks.None"/> for none.</summary>
        public static UserMarks Marks(string[]? tags, string[]? customProperties)
        {
            if ((tags == null || tags.Length == 0) && (customProperties == null || customProperties.Length == 0)) return UserMarks.None;
            return new UserMarks(
                (tags ?? Array.Empty<string>()).Select(TextPatternOf).ToArray(),
                (customProperties ?? Array.Empty<string>()).Select(mark =>
                {
                    var separator = mark.IndexOf('=');
                    return new CustomPropertyMark(mark.Substring(0, separator).Trim(), TextPatternOf(mark.Substring(separator + 1)));
                }).ToArray());
        }

        /// <summary>
        /// A wildcard pattern as the engine takes it: the part a site can evaluate (the literal text before the first
        /// wildcard, else after the last, else the longest literal run between two) and the exact test of what comes back.
        /// </summary>
        public static TextPattern TextPatternOf(string pattern)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                return TextPattern.Exactly(WildcardPattern.Unescape(pattern));
            var runs = LiteralRuns(pattern);
            var longest = runs.OrderByDescending(run => run.Length).First();
            var (narrowing, text) = runs[0].Length > 0 ? (TextNarrowing.StartsWith, runs[0])
                : runs[runs.Count - 1].Length > 0 ? (TextNarrowing.EndsWith, runs[runs.Count - 1])
                : longest.Length > 0 ? (TextNarrowing.Contains, longest)
                : (TextNarrowing.Any, string.Empty);
            return new TextPattern(pattern, narrowing, text, value => wildcard.IsMatch(value ?? string.Empty));
        }

        /// <summary>The literal texts between a pattern's wildcards (*, ?, [...]), backtick escapes resolved.</summary>
        private static List<string> LiteralRuns(string pattern)
        {
            var runs = new List<string>();
            var current = new System.Text.StringBuilder();
            for (var index = 0; index < pattern.Length; index++)
            {
                var character = pattern[index];
                if (character == '`' && index + 1 < pattern.Length)
                {
                    current.Append(pattern[++index]);
                    continue;
                }
                if (character != '*' && character != '?' && character != '[')
                {
                    current.Append(character);
                    continue;
                }
                runs.Add(current.ToString());
                current.Clear();
                if (character == '[')
                    while (index + 1 < pattern.Length && pattern[index] != ']') index++;
            }
            runs.Add(current.ToString());
            return runs;
        }

        /// <summary>True for a value matching any pattern; null when there are none.</summary>
        public static Func<string?, bool>? Matcher(string[]? patterns)
        {
            var compiled = (patterns ?? Array.Empty<string>()).Select(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase)).ToArray();
            return compiled.Length == 0 ? null : (Func<string?, bool>)(value => compiled.Any(pattern => pattern.IsMatch(value ?? string.Empty)));
        }
    }
}
