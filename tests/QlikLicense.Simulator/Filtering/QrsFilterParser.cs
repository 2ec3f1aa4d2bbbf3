using System.Text;

namespace QlikLicense.Simulator.Filtering;

/// <summary>
/// Parses the QRS <c>filter</c> language: <c>&lt;property path&gt; &lt;op&gt; &lt;value&gt;</c> joined with
/// <c>and</c> (binds tighter) and <c>or</c>, with parentheses. String literals are single-quoted with backslash
/// escapes (<c>\'</c>, <c>\\</c>). Rejected like a live QRS rejects them: OData-style doubled quotes (<c>''</c>),
/// double-quoted values, an empty group <c>()</c>, unknown operators.
/// </summary>
public static class QrsFilterParser
{
    public static QrsFilterNode Parse(string filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) throw new QrsFilterException("the filter is empty", 0);
        var tokens = Tokenize(filter);
        var position = 0;
        var node = ParseOr(tokens, ref position);
        if (tokens[position].Kind != TokenKind.End)
            throw new QrsFilterException($"unexpected '{tokens[position].Text}'", tokens[position].Position);
        return node;
    }

    private static QrsFilterNode ParseOr(List<Token> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (IsKeyword(tokens[position], "or"))
        {
            position++;
            left = new QrsFilterOr(left, ParseAnd(tokens, ref position));
        }

        return left;
    }

    private static QrsFilterNode ParseAnd(List<Token> tokens, ref int position)
    {
        var left = ParsePrimary(tokens, ref position);
        while (IsKeyword(tokens[position], "and"))
        {
            position++;
            left = new QrsFilterAnd(left, ParsePrimary(tokens, ref position));
        }

        return left;
    }

    private static QrsFilterNode ParsePrimary(List<Token> tokens, ref int position)
    {
        var token = tokens[position];
        if (token.Kind == TokenKind.Open)
        {
            position++;
            if (tokens[position].Kind == TokenKind.Close) throw new QrsFilterException("empty group '()'", tokens[position].Position);
            var inner = ParseOr(tokens, ref position);
            if (tokens[position].Kind != TokenKind.Close) throw new QrsFilterException("missing ')'", tokens[position].Position);
            position++;
            return inner;
        }

        if (token.Kind != TokenKind.Word || !IsPropertyPath(token.Text))
            throw new QrsFilterException(token.Kind == TokenKind.End ? "a condition is missing" : $"'{token.Text}' is not a property", token.Position);
        position++;

        var operatorToken = tokens[position];
        if (operatorToken.Kind != TokenKind.Word || !TryOperator(operatorToken.Text, out var op))
            throw new QrsFilterException(operatorToken.Kind == TokenKind.End ? "an operator is missing" : $"unknown operator '{operatorToken.Text}'", operatorToken.Position);
        position++;

        var valueToken = tokens[position];
        QrsFilterValue value = valueToken.Kind switch
        {
            TokenKind.String => new QrsFilterValue(valueToken.Text, true),
            TokenKind.Word when !IsKeyword(valueToken, "and") && !IsKeyword(valueToken, "or") => new QrsFilterValue(valueToken.Text, false),
            _ => throw new QrsFilterException("a value is missing", valueToken.Position),
        };
        position++;
        return new QrsFilterComparison(token.Text.Split('.'), op, value);
    }

    private static bool TryOperator(string text, out QrsFilterOperator op)
    {
        switch (text.ToLowerInvariant())
        {
            case "eq": op = QrsFilterOperator.Eq; return true;
            case "ne": op = QrsFilterOperator.Ne; return true;
            case "gt": op = QrsFilterOperator.Gt; return true;
            case "ge": op = QrsFilterOperator.Ge; return true;
            case "lt": op = QrsFilterOperator.Lt; return true;
            case "le": op = QrsFilterOperator.Le; return true;
            case "sw": op = QrsFilterOperator.Sw; return true;
            case "ew": op = QrsFilterOperator.Ew; return true;
            case "so": op = QrsFilterOperator.So; return true;
            default: op = default; return false;
        }
    }

    private static bool IsPropertyPath(string text)
    {
        foreach (var segment in text.Split('.'))
        {
            if (segment.Length == 0 || !(char.IsLetter(segment[0]) || segment[0] == '_' || segment[0] == '@')) return false;
            if (!segment.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '@')) return false;
        }

        return true;
    }

    private static bool IsKeyword(Token token, string keyword) =>
        token.Kind == TokenKind.Word && string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private static List<Token> Tokenize(string filter)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString(), i));
                i++;
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(filter, ref i));
            }
            else if (c == '"')
            {
                throw new QrsFilterException("double-quoted values are not supported", i);
            }
            else
            {
                var start = i;
                while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not ('(' or ')' or '\'' or '"')) i++;
                tokens.Add(new Token(TokenKind.Word, filter[start..i], start));
            }
        }

        tokens.Add(new Token(TokenKind.End, "", filter.Length));
        return tokens;
    }

    private static Token ReadString(string filter, ref int i)
    {
        var start = i++;
        var text = new StringBuilder();
        while (i < filter.Length)
        {
            var c = filter[i];
            if (c == '\\')
            {
                if (i + 1 >= filter.Length || filter[i + 1] is not ('\'' or '\\'))
                    throw new QrsFilterException("a backslash escapes only ' and \\", i);
                text.Append(filter[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                i++;
                // A quote right after the closing one is OData's '' escape, which QRS rejects.
                if (i < filter.Length && filter[i] == '\'') throw new QrsFilterException("'' is not an escape; use \\'", i);
                return new Token(TokenKind.String, text.ToString(), start);
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        throw new QrsFilterException("unterminated string", start);
    }

    private enum TokenKind
    {
        Word,
        String,
        Open,
        Close,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);
}
