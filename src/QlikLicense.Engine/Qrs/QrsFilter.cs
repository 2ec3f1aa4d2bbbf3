using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// The one place that builds QRS filters. String literals are escaped the way live QRS accepts
    /// (a backslash before ' and \; doubling '' is rejected there), dates are UTC ISO-8601 in invariant
    /// culture, and the whole filter is URL-encoded when it goes into a query string.
    /// </summary>
    public sealed class QrsFilter
    {
        private static readonly Regex PropertyPattern = new Regex(@"^[A-Za-z_@][A-Za-z0-9_@]*(\.[A-Za-z_@][A-Za-z0-9_@]*)*$", RegexOptions.CultureInvariant);

        private readonly string text;

        private QrsFilter(string text) => this.text = text;

        public static QrsFilter Equal(string property, string value) => Compare(property, "eq", Literal(value));
        public static QrsFilter StartsWith(string property, string value) => Compare(property, "sw", Literal(value));
        public static QrsFilter EndsWith(string property, string value) => Compare(property, "ew", Literal(value));
        public static QrsFilter Contains(string property, string value) => Compare(property, "so", Literal(value));
        public static QrsFilter NotEqual(string property, string value) => Compare(property, "ne", Literal(value));

        /// <summary>
        /// The part of a pattern QRS can evaluate on a property (string comparisons ignore case there); a pattern of
        /// wildcards only asks for a value that is not empty.
        /// </summary>
        public static QrsFilter Narrowing(string property, Model.TextPattern pattern)
        {
            switch (pattern.Narrowing)
            {
                case Model.TextNarrowing.Equal: return Equal(property, pattern.Text);
                case Model.TextNarrowing.StartsWith: return StartsWith(property, pattern.Text);
                case Model.TextNarrowing.EndsWith: return EndsWith(property, pattern.Text);
                case Model.TextNarrowing.Contains: return Contains(property, pattern.Text);
                default: return NotEqual(property, string.Empty);
            }
        }
        public static QrsFilter Equal(string property, bool value) => Compare(property, "eq", value ? "true" : "false");
        public static QrsFilter Equal(string property, Guid value) => Compare(property, "eq", value.ToString("D"));
        public static QrsFilter Before(string property, DateTime value) => Compare(property, "lt", Literal(QlikDates.ToQrsLiteral(value)));
        public static QrsFilter AtOrAfter(string property, DateTime value) => Compare(property, "ge", Literal(QlikDates.ToQrsLiteral(value)));

        /// <summary>A filter the caller wrote in QRS syntax (-Filter); grouped so it cannot change how ours combine.</summary>
        public static QrsFilter? Raw(string? filterText) =>
            filterText == null || string.IsNullOrWhiteSpace(filterText) ? null : new QrsFilter(filterText.Trim());

        /// <summary>Joins the non-null filters with "and"; null when none is left.</summary>
        public static QrsFilter? And(params QrsFilter?[] filters) => Join("and", filters);

        /// <summary>Joins the non-null filters with "or"; null when none is left.</summary>
        public static QrsFilter? Or(params QrsFilter?[] filters) => Join("or", filters);

        /// <summary>Any of the values, as one group of "or" (null for an empty set: QRS rejects an empty group).</summary>
        public static QrsFilter? AnyOf(string property, IEnumerable<string> values) =>
            Or(values.Select(value => Equal(property, value)).ToArray());

        /// <summary>Any of the ids, as one group of "or" (null for an empty set).</summary>
        public static QrsFilter? AnyOf(string property, IEnumerable<Guid> ids) =>
            Or(ids.Distinct().Select(id => Equal(property, id)).ToArray());

        /// <summary>Escapes and quotes a string literal: backslash before ' and \.</summary>
        public static string Literal(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var builder = new StringBuilder(value.Length + 2).Append('\'');
            foreach (var character in value)
            {
                if (character == '\'' || character == '\\') builder.Append('\\');
                builder.Append(character);
            }
            return builder.Append('\'').ToString();
        }

        /// <summary>The filter as QRS reads it, before URL encoding.</summary>
        public override string ToString() => text;

        /// <summary>The value of the filter query parameter, URL-encoded whole.</summary>
        public string ToQueryValue() => Uri.EscapeDataString(text);

        private static QrsFilter Compare(string property, string op, string value)
        {
            if (property == null || !PropertyPattern.IsMatch(property))
                throw new ArgumentException(QrsMessages.Filters.NotAPropertyPath(property), nameof(property));
            return new QrsFilter(property + " " + op + " " + value);
        }

        private static QrsFilter? Join(string op, QrsFilter?[] filters)
        {
            var parts = filters.OfType<QrsFilter>().ToList();
            if (parts.Count == 0) return null;
            if (parts.Count == 1) return parts[0];
            return new QrsFilter("(" + string.Join(") " + op + " (", parts.Select(part => part.text)) + ")");
        }
    }
}
