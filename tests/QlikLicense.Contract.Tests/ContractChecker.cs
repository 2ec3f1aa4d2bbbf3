using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Contract.Tests;

/// <summary>A request as sent: method, path, query pairs (decoded) and the body's text.</summary>
public sealed record ApiRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, string? Body)
{
    public static ApiRequest Parse(string method, string path, string rawQuery, string? body)
    {
        var query = new List<KeyValuePair<string, string>>();
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            query.Add(new(Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return new ApiRequest(method.ToUpperInvariant(), path, query, string.IsNullOrWhiteSpace(body) ? null : body);
    }

    public override string ToString() =>
        Method + " " + Path + (Query.Count == 0 ? string.Empty : "?" + string.Join("&", Query.Select(pair => pair.Key + "=" + pair.Value)));
}

/// <summary>The rules a request is held to.</summary>
public enum ContractRule
{
    UnknownOperation,
    UndeclaredParameter,
    MissingParameter,
    WrongType,
    BelowMinimum,
    AboveMaximum,
    NotInEnum,
    PatternMismatch,
    WrongLength,
    DeprecatedWithFilter,
    UndeclaredBody,
    MissingBody,
    UndeclaredProperty,
    MissingProperty,
}

/// <summary>One rule a request broke: which, where (a query parameter or a place in the body) and how.</summary>
public sealed record ContractViolation(ApiRequest Request, ContractRule Rule, string Where, string Detail)
{
    public override string ToString() => $"{Request}: {Rule} at {Where}: {Detail}";
}

/// <summary>
/// Holds requests against an <see cref="ApiDescription"/>: the operation exists; every query parameter is declared,
/// of its type, within its minimum, maximum, enum and pattern; required ones are there; no deprecated parameter is
/// combined with <c>filter</c>; a body is sent only where one is described and matches its schema (types, required
/// properties, and no undeclared property: stricter than JSON Schema's default, since a property the vendor does not
/// describe is one we invented).
/// </summary>
public sealed class ContractChecker
{
    private readonly ApiDescription description;
    private readonly HashSet<string> transportParameters;

    /// <param name="transportParameters">Query parameters every request of the API carries that the description leaves out of
    /// each operation (QRS's <c>xrfkey</c>, which Qlik documents once for the whole API).</param>
    public ContractChecker(ApiDescription description, params string[] transportParameters)
    {
        this.description = description;
        this.transportParameters = new HashSet<string>(transportParameters, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ContractViolation> Check(ApiRequest request)
    {
        var violations = new List<ContractViolation>();
        var operation = description.FindOperation(request.Method, request.Path);
        if (operation == null)
        {
            violations.Add(new(request, ContractRule.UnknownOperation, request.Method + " " + request.Path,
                description.HasPath(request.Path) ? "the path is described, but not with this method" : "no described path matches"));
            return violations;
        }

        var query = operation.Parameters.Where(parameter => parameter.In == "query").ToDictionary(parameter => parameter.Name, StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            if (transportParameters.Contains(name)) continue;
            if (!query.TryGetValue(name, out var parameter))
            {
                violations.Add(new(request, ContractRule.UndeclaredParameter, "query " + name, $"{operation.Method} {operation.Template} declares no parameter '{name}'"));
                continue;
            }

            CheckValue(request, "query " + name, value, parameter.Schema, violations);
        }

        var sent = new HashSet<string>(request.Query.Select(pair => pair.Key), StringComparer.Ordinal);
        foreach (var parameter in query.Values.Where(parameter => parameter.Required && !sent.Contains(parameter.Name)))
            violations.Add(new(request, ContractRule.MissingParameter, "query " + parameter.Name, "a required parameter is missing"));
        if (sent.Contains("filter"))
        {
            foreach (var parameter in query.Values.Where(parameter => parameter.Deprecated && sent.Contains(parameter.Name)))
                violations.Add(new(request, ContractRule.DeprecatedWithFilter, "query " + parameter.Name, "a deprecated parameter is combined with filter"));
        }

        CheckBody(request, operation, violations);
        return violations;
    }

    private void CheckBody(ApiRequest request, ApiOperation operation, List<ContractViolation> violations)
    {
        var body = operation.Body;
        if (request.Body == null)
        {
            if (body is { Required: true }) violations.Add(new(request, ContractRule.MissingBody, "body", "the operation requires a body"));
            return;
        }

        if (body == null)
        {
            violations.Add(new(request, ContractRule.UndeclaredBody, "body", $"{operation.Method} {operation.Template} takes no body"));
            return;
        }

        JToken json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(request.Body)) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);
        }
        catch (JsonException error)
        {
            violations.Add(new(request, ContractRule.WrongType, "body", "not JSON: " + error.Message));
            return;
        }

        violations.AddRange(Validate(request, json, body.Value.Schema, "$"));
    }

    /// <summary>The violations of a JSON value against a schema; an empty list when it matches.</summary>
    private List<ContractViolation> Validate(ApiRequest request, JToken value, JObject schema, string where)
    {
        schema = description.Resolve(schema);
        var violations = new List<ContractViolation>();
        if (schema["allOf"] is JArray allOf)
        {
            // The parts together declare the properties: each part is checked for types and required ones, the
            // union for undeclared properties.
            foreach (var part in allOf.OfType<JObject>())
                violations.AddRange(Validate(request, value, WithoutUndeclaredCheck(part), where));
            if (value is JObject whole)
            {
                var declared = allOf.OfType<JObject>().SelectMany(part => DeclaredProperties(description.Resolve(part))).ToHashSet(StringComparer.Ordinal);
                declared.UnionWith(DeclaredProperties(schema));
                foreach (var property in whole.Properties().Where(property => !declared.Contains(property.Name)))
                    violations.Add(new(request, ContractRule.UndeclaredProperty, where + "." + property.Name, "the schema declares no such property"));
            }

            return violations;
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JArray choices) continue;
            var attempts = choices.OfType<JObject>().Select(choice => Validate(request, value, choice, where)).ToList();
            if (attempts.Count > 0 && attempts.All(attempt => attempt.Count > 0))
                violations.AddRange(attempts.OrderBy(attempt => attempt.Count).First());
            return violations;
        }

        if (value.Type == JTokenType.Null)
        {
            if ((bool?)schema["nullable"] != true && (bool?)schema["x-nullable"] != true && schema["type"] != null)
                violations.Add(new(request, ContractRule.WrongType, where, $"null where the schema says {schema["type"]}"));
            return violations;
        }

        var type = (string?)schema["type"] ?? (schema["properties"] != null ? "object" : null);
        if (type != null && !HasType(value, type))
        {
            violations.Add(new(request, ContractRule.WrongType, where, $"{value.Type} where the schema says {type}"));
            return violations;
        }

        if (schema["enum"] is JArray allowed && !allowed.Any(option => JToken.DeepEquals(option, value)))
            violations.Add(new(request, ContractRule.NotInEnum, where, $"{value.ToString(Formatting.None)} is not one of {allowed.ToString(Formatting.None)}"));
        if (value is JValue { Type: JTokenType.Integer or JTokenType.Float } number)
            CheckRange(request, where, Convert.ToDouble(number.Value, CultureInfo.InvariantCulture), schema, violations);
        if (value is JValue { Type: JTokenType.String } text)
            CheckText(request, where, (string)text!, schema, violations);

        if (value is JObject item)
        {
            var properties = schema["properties"] as JObject;
            foreach (var required in (schema["required"] as JArray)?.Values<string>() ?? Enumerable.Empty<string>())
                if (item[required!] == null) violations.Add(new(request, ContractRule.MissingProperty, where + "." + required, "a required property is missing"));
            foreach (var property in item.Properties())
            {
                if (properties?[property.Name] is JObject propertySchema)
                    violations.AddRange(Validate(request, property.Value, propertySchema, where + "." + property.Name));
                else if (schema["additionalProperties"] is JObject additional)
                    violations.AddRange(Validate(request, property.Value, additional, where + "." + property.Name));
                else if (!AllowsAnyProperty(schema))
                    violations.Add(new(request, ContractRule.UndeclaredProperty, where + "." + property.Name, "the schema declares no such property"));
            }
        }
        else if (value is JArray array && schema["items"] is JObject items)
        {
            for (var index = 0; index < array.Count; index++)
                violations.AddRange(Validate(request, array[index], items, $"{where}[{index}]"));
        }

        return violations;
    }

    private void CheckValue(ApiRequest request, string where, string value, JObject schema, List<ContractViolation> violations)
    {
        var type = (string?)schema["type"] ?? "string";
        double? number = null;
        switch (type)
        {
            case "integer":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    violations.Add(new(request, ContractRule.WrongType, where, $"'{value}' is not an integer"));
                    return;
                }

                number = whole;
                break;
            case "number":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                {
                    violations.Add(new(request, ContractRule.WrongType, where, $"'{value}' is not a number"));
                    return;
                }

                number = real;
                break;
            case "boolean":
                if (value != "true" && value != "false") violations.Add(new(request, ContractRule.WrongType, where, $"'{value}' is not true or false"));
                return;
        }

        if (number != null) CheckRange(request, where, number.Value, schema, violations);
        if (schema["enum"] is JArray allowed && !allowed.Any(option => string.Equals((string?)option, value, StringComparison.Ordinal)))
            violations.Add(new(request, ContractRule.NotInEnum, where, $"'{value}' is not one of {allowed.ToString(Formatting.None)}"));
        CheckText(request, where, value, schema, violations);
    }

    private static void CheckText(ApiRequest request, string where, string text, JObject schema, List<ContractViolation> violations)
    {
        if (schema["pattern"] is JValue pattern && !MatchesPattern(text, (string)pattern!))
            violations.Add(new(request, ContractRule.PatternMismatch, where, $"'{text}' does not match {pattern}"));
        if ((int?)schema["minLength"] is int shortest && text.Length < shortest)
            violations.Add(new(request, ContractRule.WrongLength, where, $"{text.Length} characters, fewer than its minLength {shortest}"));
        if ((int?)schema["maxLength"] is int longest && text.Length > longest)
            violations.Add(new(request, ContractRule.WrongLength, where, $"{text.Length} characters, more than its maxLength {longest}"));
    }

    private static void CheckRange(ApiRequest request, string where, double number, JObject schema, List<ContractViolation> violations)
    {
        // Swagger 2.0 marks an exclusive bound with a boolean beside it.
        if (schema["minimum"] is JValue minimum)
        {
            var bound = (double)minimum;
            if (number < bound || ((bool?)schema["exclusiveMinimum"] == true && number <= bound))
                violations.Add(new(request, ContractRule.BelowMinimum, where, $"{number.ToString(CultureInfo.InvariantCulture)} is below its minimum {minimum}"));
        }

        if (schema["maximum"] is JValue maximum)
        {
            var bound = (double)maximum;
            if (number > bound || ((bool?)schema["exclusiveMaximum"] == true && number >= bound))
                violations.Add(new(request, ContractRule.AboveMaximum, where, $"{number.ToString(CultureInfo.InvariantCulture)} is above its maximum {maximum}"));
        }
    }

    /// <summary>
    /// A pattern is a regular expression, except where a description writes a date template in its place (Qlik's
    /// audits: <c>YYYY-MM-DDThh:mm:ss.sssZ/YYYY-MM-DDThh:mm:ss.sssZ</c>, which as a regular expression matches no real
    /// time): such a template is read as the digits it stands for, and its other characters literally.
    /// </summary>
    public static bool MatchesPattern(string value, string pattern)
    {
        if (IsDateTemplate(pattern)) return Regex.IsMatch(value, "^" + DateTemplateExpression(pattern) + "$", RegexOptions.CultureInvariant);
        return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant);
    }

    private static bool IsDateTemplate(string pattern) =>
        pattern.Contains("YYYY", StringComparison.Ordinal) && pattern.All(character => "YMDhms".Contains(character) || "-:.TZ/ ".Contains(character));

    private static string DateTemplateExpression(string template)
    {
        var expression = new System.Text.StringBuilder();
        for (var index = 0; index < template.Length;)
        {
            var character = template[index];
            var run = 1;
            while (index + run < template.Length && template[index + run] == character) run++;
            expression.Append("YMDhms".Contains(character) ? $"[0-9]{{{run}}}" : Regex.Escape(new string(character, run)));
            index += run;
        }

        return expression.ToString();
    }

    private static bool HasType(JToken value, string type) => type switch
    {
        "object" => value.Type == JTokenType.Object,
        "array" => value.Type == JTokenType.Array,
        "string" => value.Type == JTokenType.String,
        "integer" => value.Type == JTokenType.Integer,
        "number" => value.Type is JTokenType.Integer or JTokenType.Float,
        "boolean" => value.Type == JTokenType.Boolean,
        _ => true,
    };

    /// <summary>An object schema that says nothing of its properties (a free-form map) or allows more in words.</summary>
    private static bool AllowsAnyProperty(JObject schema) =>
        (schema["properties"] == null && schema["additionalProperties"] == null) || (bool?)schema["additionalProperties"] == true;

    private static IEnumerable<string> DeclaredProperties(JObject schema) =>
        (schema["properties"] as JObject)?.Properties().Select(property => property.Name) ?? Enumerable.Empty<string>();

    private JObject WithoutUndeclaredCheck(JObject part)
    {
        var copy = (JObject)description.Resolve(part).DeepClone();
        copy["additionalProperties"] = true;
        return copy;
    }
}
