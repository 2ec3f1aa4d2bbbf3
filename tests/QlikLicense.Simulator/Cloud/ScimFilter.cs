using System.Globalization;
using System.Text;

namespace QlikLicense.Simulator.Cloud;

/// <summary>A filter the tenant cannot read: the list answers 400.</summary>
internal sealed class ScimFilterException(string message) : Exception(message);

/// <summary>
/// SCIM-style filters as Qlik Cloud's lists take them (RFC 7644 §3.4.2.2): <c>attr op value</c> with
/// <c>eq ne co sw ew gt ge lt le</c>, <c>attr pr</c>, <c>and</c> over <c>or</c>, <c>not ( ... )</c>, parentheses,
/// dotted paths into arrays (<c>assignedGroups.id eq "..."</c> matches any element). Values: double-quoted JSON
/// strings, true, false, null, numbers. Strings compare without regard to case (SCIM's caseExact=false); two ISO
/// times compare as instants. Attributes outside the endpoint's list answer 400.
/// </summary>
internal abstract class ScimFilter
{
    /// <summary>attribute path → its values on an item (several for array attributes).</summary>
    public delegate IEnumerable<string> AttributeReader<in T>(T item, string path);

    public abstract bool Matches<T>(T item, AttributeReader<T> read);

    public static ScimFilter Parse(string text, IReadOnlyCollection<string> attributes)
    {
        var parser = new Parser(text, attributes);
        var filter = parser.ParseOr();
        parser.ExpectEnd();
        return filter;
    }

    /// <summary>When the whole filter is an "or" of equalities on <paramref name="attributes"/> (or an "and" with one on
    /// either side, which only narrows it), their values by attribute (lower-cased names), so a lookup of 100 subjects
    /// uses the index instead of a scan; the whole filter is still applied to what the index finds.</summary>
    public bool TryGetEqualityKeys(IReadOnlyCollection<string> attributes, out ILookup<string, string> keys)
    {
        if (this is And and)
            return and.Left.TryGetEqualityKeys(attributes, out keys) || and.Right.TryGetEqualityKeys(attributes, out keys);
        var pairs = new List<(string, string)>();
        var ok = Collect(this, pairs);
        keys = pairs.ToLookup(pair => pair.Item1, pair => pair.Item2, StringComparer.OrdinalIgnoreCase);
        return ok;

        bool Collect(ScimFilter filter, List<(string, string)> into) => filter switch
        {
            Or or => Collect(or.Left, into) && Collect(or.Right, into),
            Comparison { Operator: "eq", Value: not null } comparison when attributes.Contains(comparison.Path, StringComparer.OrdinalIgnoreCase)
                => Add(into, comparison.Path, comparison.Value),
            _ => false,
        };

        static bool Add(List<(string, string)> into, string path, string value)
        {
            into.Add((path, value));
            return true;
        }
    }

    /// <summary>Whether a comparison anywhere in the filter is on the attribute.</summary>
    public bool Mentions(string attribute) => this switch
    {
        Or or => or.Left.Mentions(attribute) || or.Right.Mentions(attribute),
        And and => and.Left.Mentions(attribute) || and.Right.Mentions(attribute),
        Not not => not.Inner.Mentions(attribute),
        Comparison comparison => string.Equals(comparison.Path, attribute, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// Whether the conditions on the attribute are grouped together and applied to the whole query (Qlik's rule for
    /// users' status): the filter is only such a group, or an "and" of such a group with conditions that never name it.
    /// </summary>
    public bool GroupsWholly(string attribute)
    {
        if (!Mentions(attribute) || OnlyOn(this, attribute)) return true;
        return this is And and &&
               ((and.Left.GroupsWholly(attribute) && !and.Right.Mentions(attribute)) || (and.Right.GroupsWholly(attribute) && !and.Left.Mentions(attribute)));

        static bool OnlyOn(ScimFilter filter, string attribute) => filter switch
        {
            Or or => OnlyOn(or.Left, attribute) && OnlyOn(or.Right, attribute),
            Not not => OnlyOn(not.Inner, attribute),
            Comparison comparison => string.Equals(comparison.Path, attribute, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private sealed class Or(ScimFilter left, ScimFilter right) : ScimFilter
    {
        public ScimFilter Left { get; } = left;
        public ScimFilter Right { get; } = right;
        public override bool Matches<T>(T item, AttributeReader<T> read) => Left.Matches(item, read) || Right.Matches(item, read);
    }

    private sealed class And(ScimFilter left, ScimFilter right) : ScimFilter
    {
        public ScimFilter Left { get; } = left;
        public ScimFilter Right { get; } = right;
        public override bool Matches<T>(T item, AttributeReader<T> read) => Left.Matches(item, read) && Right.Matches(item, read);
    }

    private sealed class Not(ScimFilter inner) : ScimFilter
    {
        public ScimFilter Inner { get; } = inner;
        public override bool Matches<T>(T item, AttributeReader<T> read) => !Inner.Matches(item, read);
    }

    private sealed class Comparison(string path, string op, string value) : ScimFilter
    {
        public string Path { get; } = path;
        public string Operator { get; } = op;

        /// <summary>The value as text (null for the literal null; booleans and numbers as written).</summary>
        public string Value { get; } = value;

        public override bool Matches<T>(T item, AttributeReader<T> read)
        {
            var values = read(item, Path).ToList();
            if (Operator == "pr") return values.Any(value => !string.IsNullOrEmpty(value));
            if (Value is null)
            {
                var absent = values.All(value => value is null);
                return Operator == "eq" ? absent : Operator == "ne" && !absent;
            }

            if (Operator == "ne") return !values.Any(value => Compare(value, "eq"));
            return values.Any(value => Compare(value, Operator));
        }

        private bool Compare(string actual, string op)
        {
            if (actual is null) return false;
            int order;
            if (CloudWire.TryParseTime(actual, out var actualTime) && CloudWire.TryParseTime(Value, out var wantedTime) && LooksLikeTime(Value))
                order = actualTime.CompareTo(wantedTime);
            else order = string.Compare(actual, Value, StringComparison.OrdinalIgnoreCase);
            return op switch
            {
                "eq" => order == 0,
                "co" => actual.Contains(Value, StringComparison.OrdinalIgnoreCase),
                "sw" => actual.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
                "ew" => actual.EndsWith(Value, StringComparison.OrdinalIgnoreCase),
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                "le" => order <= 0,
                _ => false,
            };
        }

        private static bool LooksLikeTime(string text) => text.Length >= 10 && char.IsDigit(text[0]) && text[4] == '-';
    }

    private sealed class Parser(string text, IReadOnlyCollection<string> attributes)
    {
        private static readonly string[] Operators = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"];
        private int _position;

        public ScimFilter ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("or")) left = new Or(left, ParseAnd());
            return left;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position < text.Length) throw Error($"unexpected '{text[_position..]}'");
        }

        private ScimFilter ParseAnd()
        {
            var left = ParseUnary();
            while (TryKeyword("and")) left = new And(left, ParseUnary());
            return left;
        }

        private ScimFilter ParseUnary()
        {
            if (TryKeyword("not"))
            {
                Expect('(');
                var inner = ParseOr();
                Expect(')');
                return new Not(inner);
            }

            SkipSpaces();
            if (_position < text.Length && text[_position] == '(')
            {
                _position++;
                var inner = ParseOr();
                Expect(')');
                return inner;
            }

            var path = ReadWord();
            if (path.Length == 0) throw Error("an attribute is missing");
            if (!attributes.Contains(path, StringComparer.OrdinalIgnoreCase)) throw Error($"the attribute '{path}' cannot be filtered on");
            var op = ReadWord().ToLowerInvariant();
            if (!Operators.Contains(op)) throw Error($"unknown operator '{op}'");
            return new Comparison(path, op, op == "pr" ? null : ReadValue());
        }

        private string ReadValue()
        {
            SkipSpaces();
            if (_position >= text.Length) throw Error("a value is missing");
            if (text[_position] != '"')
            {
                var word = ReadWord();
                if (word == "null") return null;
                if (word is "true" or "false" || double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return word;
                throw Error($"'{word}' is not a value (strings are double-quoted)");
            }

            var value = new StringBuilder();
            _position++;
            while (_position < text.Length && text[_position] != '"')
            {
                var c = text[_position++];
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (_position >= text.Length) break;
                var escaped = text[_position++];
                switch (escaped)
                {
                    case 'u' when _position + 4 <= text.Length &&
                                  int.TryParse(text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        value.Append((char)code);
                        _position += 4;
                        break;
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    default: value.Append(escaped); break;
                }
            }

            if (_position >= text.Length) throw Error("a string is not closed");
            _position++;
            return value.ToString();
        }

        private string ReadWord()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && text[_position] is not ('(' or ')' or '"')) _position++;
            return text[start.._position];
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpaces();
            var end = _position + keyword.Length;
            if (end > text.Length || string.Compare(text, _position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
            if (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '(') return false;
            _position = end;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (_position >= text.Length || text[_position] != c) throw Error($"'{c}' expected");
            _position++;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
        }

        private ScimFilterException Error(string what) => new($"Invalid filter at position {_position}: {what}.");
    }
}
