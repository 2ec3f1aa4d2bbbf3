using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>
    /// Reading and writing license rule text for the decisions: which groups a rule names, a rule for a group, a
    /// group added to a rule that grants groups, users left out of a rule. The rule language has double-quoted
    /// strings without an escape, so a name holding a double quote cannot be written into a rule.
    /// </summary>
    public static class LicenseRuleText
    {
        private static readonly Regex GroupCondition = new Regex(@"user\.group\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // The QMC's form of a rule that grants groups: ((user.group="A" or user.group="B")).
        private static readonly Regex GroupsOnly = new Regex(
            @"^\s*\(\(\s*user\.group\s*=\s*""[^""]*""(\s+or\s+user\.group\s*=\s*""[^""]*"")*\s*\)\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Whether rule text can name <paramref name="value"/> in a string literal.</summary>
        public static bool CanQuote(string value) => value.IndexOf('"') < 0;

        /// <summary>The groups the text compares user.group with (user.group="Sales"), each once.</summary>
        public static IReadOnlyList<string> NamedGroups(string ruleText) =>
            GroupCondition.Matches(ruleText ?? string.Empty).Cast<Match>().Select(match => match.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        public static bool NamesGroup(string ruleText, string group) => NamedGroups(ruleText).Contains(group, StringComparer.OrdinalIgnoreCase);

        /// <summary>Whether the text grants groups and nothing else, in the QMC's form, so a group can be added to it.</summary>
        public static bool GrantsGroupsOnly(string ruleText) => GroupsOnly.IsMatch(ruleText ?? string.Empty);

        /// <summary>Rule text granting one group, in the QMC's form.</summary>
        public static string ForGroup(string group) => "((" + Condition(group) + "))";

        /// <summary>The text of a groups-only rule (see <see cref="GrantsGroupsOnly"/>) with one more group.</summary>
        public static string WithGroup(string ruleText, string group)
        {
            var end = ruleText.LastIndexOf("))", StringComparison.Ordinal);
            return ruleText.Substring(0, end).TrimEnd() + " or " + Condition(group) + ruleText.Substring(end);
        }

        /// <summary>The text with each of <paramref name="users"/> left out (only != comparisons, which every version of the rule language has).</summary>
        public static string WithoutUsers(string ruleText, IEnumerable<UserName> users)
        {
            var text = ruleText.Trim();
            return (IsEnclosed(text) ? text : "(" + text + ")") + string.Concat(users.Select(user =>
                $" and (user.userDirectory!=\"{user.UserDirectory}\" or user.userId!=\"{user.UserId}\")"));
        }

        /// <summary>Whether the first parenthesis closes at the very end, so that "and ..." can follow the text as it is.</summary>
        private static bool IsEnclosed(string text)
        {
            if (!text.StartsWith("(", StringComparison.Ordinal)) return false;
            var depth = 0;
            var quoted = false;
            for (var index = 0; index < text.Length; index++)
            {
                var character = text[index];
                if (character == '"') quoted = !quoted;
                else if (quoted) continue;
                else if (character == '(') depth++;
                else if (character == ')' && --depth == 0) return index == text.Length - 1;
            }
            return false;
        }

        private static string Condition(string group) => "user.group=\"" + group + "\"";
    }
}
