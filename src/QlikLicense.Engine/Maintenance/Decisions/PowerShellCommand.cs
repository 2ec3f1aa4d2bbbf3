using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text;

namespace QlikLicense.Maintenance.Decisions
{
    /// <summary>
    /// A command for the reports and suggestions to show: its text, quoted so that PowerShell reads back exactly the
    /// values given, and its parameters for splatting. Values: text (single-quoted), GUIDs (bare), lists of either, enum
    /// values (bare), and true for a switch.
    /// </summary>
    public sealed class PowerShellCommand
    {
        private readonly OrderedDictionary parameters = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);

        public PowerShellCommand(string name) => Name = name;

        public string Name { get; }

        /// <summary>A copy of the parameters, to splat.</summary>
        public OrderedDictionary Parameters
        {
            get
            {
                var copy = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in parameters) copy.Add(entry.Key, entry.Value);
                return copy;
            }
        }

        public PowerShellCommand With(string parameter, object value)
        {
            parameters[parameter] = value;
            return this;
        }

        public PowerShellCommand Switch(string parameter) => With(parameter, true);

        /// <summary>A string in single quotes; PowerShell also reads the typographic single quotes as quotes, so those are doubled too.</summary>
        public static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2).Append('\'');
            foreach (var character in text)
            {
                if (IsSingleQuote(character)) quoted.Append(character);
                quoted.Append(character);
            }
            return quoted.Append('\'').ToString();
        }

        public override string ToString()
        {
            var text = new StringBuilder(Name);
            foreach (DictionaryEntry entry in parameters)
            {
                text.Append(" -").Append(entry.Key);
                if (!(entry.Value is bool)) text.Append(' ').Append(Value(entry.Value));
            }
            return text.ToString();
        }

        private static string Value(object? value)
        {
            switch (value)
            {
                case string text:
                    return Quote(text);
                case IEnumerable<string> texts:
                    return string.Join(", ", texts.Select(Quote));
                case Guid id:
                    return id.ToString("D");
                case IEnumerable<Guid> ids:
                    return string.Join(", ", ids.Select(id => id.ToString("D")));
                case Enum member:
                    return member.ToString();
                default:
                    throw new ArgumentException(MaintenanceMessages.Decisions.NoPowerShellForm(value), nameof(value));
            }
        }

        // U+2018 to U+201B: left, right, low-9 and reversed-9 single quotation marks.
        private static bool IsSingleQuote(char character) => character == '\'' || (character >= '\u2018' && character <= '\u201B');
    }
}
