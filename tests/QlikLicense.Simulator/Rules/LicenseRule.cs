using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Rules;

/// <summary>A rule text that does not parse; <see cref="Position"/> is the character where it failed.</summary>
public sealed class LicenseRuleException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}

/// <summary>
/// A useful subset of the Qlik Sense rule language, enough for license rules: <c>user.name</c>, <c>user.userId</c>,
/// <c>user.userDirectory</c>, <c>user.group</c> (any Group/memberOf attribute), <c>user.@attribute</c> (and other
/// user properties), <c>=</c>, <c>!=</c>, <c>like</c> (* wildcards), <c>and</c>, <c>or</c>, <c>!</c>, parentheses,
/// double-quoted strings, <c>true</c>/<c>false</c>. Comparisons are case-insensitive; a multi-valued operand
/// (user.group) matches when any value matches.
/// </summary>
public sealed class LicenseRule
{
    private readonly Node _root;

    private LicenseRule(Node root) => _root = root;

    public static LicenseRule Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new LicenseRuleException("The rule is empty.", 0);
        var parser = new Parser(Tokenize(text));
        var root = parser.ParseOr();
        parser.ExpectEnd();
        return new LicenseRule(root);
    }

    public bool Evaluate(JObject user) => _root.Evaluate(user);

    private abstract record Node
    {
        public abstract bool Evaluate(JObject user);
    }

    private sealed record AndNode(Node Left, Node Right) : Node
    {
        public override bool Evaluate(JObject user) => Left.Evaluate(user) && Right.Evaluate(user);
    }

    private sealed record OrNode(Node Left, Node Right) : Node
    {
        public override bool Evaluate(JObject user) => Left.Evaluate(user) || Right.Evaluate(user);
    }

    private sealed record NotNode(Node Inner) : Node
    {
        public override bool Evaluate(JObject user) => !Inner.Evaluate(user);
    }

    private sealed record ConstantNode(bool Value) : Node
    {
        public override bool Evaluate(JObject user) => Value;
    }

    private sealed record ComparisonNode(Operand Left, string Operator, Operand Right) : Node
    {
        public override bool Evaluate(JObject user)
        {
            var left = Left.Values(user);
            var right = Right.Values(user);
            var matched = Operator switch
            {
                "like" => left.Any(l => right.Any(r => Like(l, r))),
                _ => left.Any(l => right.Any(r => string.Equals(l, r, StringComparison.OrdinalIgnoreCase))),
            };
            return Operator == "!=" ? !matched : matched;
        }

        private static bool Like(string value, string pattern) =>
            Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*") + "$",
                RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private abstract record Operand
    {
        public abstract IReadOnlyList<string> Values(JObject user);
    }

    private sealed record LiteralOperand(string Value) : Operand
    {
        public override IReadOnlyList<string> Values(JObject user) => [Value];
    }

    private sealed record UserOperand(string Property) : Operand
    {
        public override IReadOnlyList<string> Values(JObject user)
        {
            var attributes = (user["attributes"] as JArray ?? []).OfType<JObject>();
            if (Property.Equals("group", StringComparison.OrdinalIgnoreCase))
            {
                return attributes.Where(a => a.Value<string>("attributeType") is { } type &&
                                             (type.Equals("Group", StringComparison.OrdinalIgnoreCase) || type.Equals("memberOf", StringComparison.OrdinalIgnoreCase)))
                    .Select(a => a.Value<string>("attributeValue") ?? "").ToArray();
            }

            if (!Property.StartsWith('@'))
            {
                var value = user.GetValue(Property, StringComparison.OrdinalIgnoreCase);
                if (value is JValue { Value: not null } scalar) return [Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture)];
            }

            var attributeType = Property.TrimStart('@');
            return attributes.Where(a => string.Equals(a.Value<string>("attributeType"), attributeType, StringComparison.OrdinalIgnoreCase))
                .Select(a => a.Value<string>("attributeValue") ?? "").ToArray();
        }
    }

    private enum Kind
    {
        Word,
        String,
        Symbol,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var start = i++;
                var value = new StringBuilder();
                while (i < text.Length && text[i] != '"') value.Append(text[i++]);
                if (i >= text.Length) throw new LicenseRuleException("Unterminated string.", start);
                i++;
                tokens.Add(new Token(Kind.String, value.ToString(), start));
            }
            else if (c == '!' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new Token(Kind.Symbol, "!=", i));
                i += 2;
            }
            else if (c is '(' or ')' or '=' or '!')
            {
                tokens.Add(new Token(Kind.Symbol, c.ToString(), i));
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '@' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '@' or '.')) i++;
                tokens.Add(new Token(Kind.Word, text[start..i], start));
            }
            else
            {
                throw new LicenseRuleException($"Unexpected character '{c}'.", i);
            }
        }

        tokens.Add(new Token(Kind.End, "", text.Length));
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _index;

        private Token Current => tokens[_index];

        public void ExpectEnd()
        {
            if (Current.Kind != Kind.End) throw new LicenseRuleException($"Unexpected '{Current.Text}'.", Current.Position);
        }

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (IsWord("or"))
            {
                _index++;
                left = new OrNode(left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (IsWord("and"))
            {
                _index++;
                left = new AndNode(left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (IsSymbol("!"))
            {
                _index++;
                return new NotNode(ParseUnary());
            }

            if (IsSymbol("("))
            {
                _index++;
                var inner = ParseOr();
                if (!IsSymbol(")")) throw new LicenseRuleException("Missing ')'.", Current.Position);
                _index++;
                return inner;
            }

            if (IsWord("true") || IsWord("false"))
            {
                var value = IsWord("true");
                _index++;
                return new ConstantNode(value);
            }

            var left = ParseOperand();
            string op;
            if (IsSymbol("=") || IsSymbol("!=")) op = Current.Text;
            else if (IsWord("like")) op = "like";
            else throw new LicenseRuleException(Current.Kind == Kind.End ? "An operator is missing." : $"Unknown operator '{Current.Text}'.", Current.Position);
            _index++;
            return new ComparisonNode(left, op, ParseOperand());
        }

        private Operand ParseOperand()
        {
            var token = Current;
            if (token.Kind == Kind.String)
            {
                _index++;
                return new LiteralOperand(token.Text);
            }

            if (token.Kind == Kind.Word && token.Text.StartsWith("user.", StringComparison.OrdinalIgnoreCase) && token.Text.Length > 5)
            {
                _index++;
                return new UserOperand(token.Text[5..]);
            }

            throw new LicenseRuleException(token.Kind == Kind.End ? "A value is missing." : $"Unknown value '{token.Text}'.", token.Position);
        }

        private bool IsWord(string word) => Current.Kind == Kind.Word && Current.Text.Equals(word, StringComparison.OrdinalIgnoreCase);

        private bool IsSymbol(string symbol) => Current.Kind == Kind.Symbol && Current.Text == symbol;
    }
}
