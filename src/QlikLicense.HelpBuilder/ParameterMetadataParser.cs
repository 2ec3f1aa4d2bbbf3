using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace QlikLicense.HelpBuilder;

/// <summary>
/// Reads a parameter's ```yaml block: flat "Key: value" pairs with the keys platyPS defines, nothing else
/// (platyPS rejects unknown keys too, so a typo cannot silently drop metadata).
/// </summary>
internal static class ParameterMetadataParser
{
    private const string TypeKey = "Type";
    private const string ParameterSetsKey = "Parameter Sets";
    private const string AliasesKey = "Aliases";
    private const string AcceptedValuesKey = "Accepted values";
    private const string RequiredKey = "Required";
    private const string PositionKey = "Position";
    private const string DefaultValueKey = "Default value";
    private const string PipelineInputKey = "Accept pipeline input";
    private const string WildcardKey = "Accept wildcard characters";
    private const string ApplicableKey = "Applicable";

    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        TypeKey, ParameterSetsKey, AliasesKey, AcceptedValuesKey, RequiredKey, PositionKey,
        DefaultValueKey, PipelineInputKey, WildcardKey, ApplicableKey,
    };

    private static readonly Regex PipelineInputPattern = new(
        @"^(?:false|true(?:\s*\((?:ByValue|ByPropertyName)(?:\s*,\s*(?:ByValue|ByPropertyName))?\))?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static ParameterMetadata Parse(FencedCodeBlock yaml, string filePath)
    {
        var pairs = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lines = MarkdownText.LinesOf(yaml);

        // The fence is on the block's first line; its body starts on the next.
        var firstBodyLine = MarkdownText.LineOf(yaml) + 1;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var lineNumber = firstBodyLine + index;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpSchemaException(filePath, lineNumber, $"Invalid yaml: '{line.Trim()}' is not a 'Key: value' pair.");
            }

            var key = line.Substring(0, colon).Trim();
            if (!KnownKeys.Contains(key))
            {
                throw new HelpSchemaException(filePath, lineNumber, $"Invalid yaml: unknown key '{key}'; platyPS knows {string.Join(", ", KnownKeys)}.");
            }

            if (!pairs.TryAdd(key, (line.Substring(colon + 1).Trim(), lineNumber)))
            {
                throw new HelpSchemaException(filePath, lineNumber, $"Invalid yaml: key '{key}' appears twice.");
            }
        }

        string? Value(string key) => pairs.TryGetValue(key, out var pair) && pair.Value.Length > 0 ? pair.Value : null;
        int LineOfKey(string key) => pairs.TryGetValue(key, out var pair) ? pair.Line : firstBodyLine;

        var type = Value(TypeKey);
        if (type == null)
        {
            throw new HelpSchemaException(filePath, firstBodyLine, "Invalid yaml: 'Type' is missing; Get-Help shows each parameter's type.");
        }

        if (string.Equals(type, "switch", StringComparison.OrdinalIgnoreCase))
        {
            type = "SwitchParameter";
        }

        var position = Value(PositionKey) ?? ParameterMetadata.NamedPosition;
        if (!string.Equals(position, ParameterMetadata.NamedPosition, StringComparison.OrdinalIgnoreCase)
            && !(int.TryParse(position, out var number) && number >= 0))
        {
            throw new HelpSchemaException(filePath, LineOfKey(PositionKey), $"Invalid yaml: Position must be a number from 0 or 'Named', not '{position}'.");
        }

        var pipelineInput = Value(PipelineInputKey) ?? "False";
        if (!PipelineInputPattern.IsMatch(pipelineInput))
        {
            throw new HelpSchemaException(filePath, LineOfKey(PipelineInputKey), $"Invalid yaml: Accept pipeline input must be 'False' or 'True (ByValue, ByPropertyName)', not '{pipelineInput}'.");
        }

        var parameterSets = SplitList(Value(ParameterSetsKey));

        return new ParameterMetadata(
            type,
            parameterSets.Count > 0 ? parameterSets : new[] { ParameterMetadata.AllParameterSets },
            SplitList(Value(AliasesKey)),
            SplitList(Value(AcceptedValuesKey)),
            ReadBoolean(Value(RequiredKey), RequiredKey, LineOfKey(RequiredKey), filePath),
            position.ToLowerInvariant(),
            Value(DefaultValueKey),
            pipelineInput,
            ReadBoolean(Value(WildcardKey), WildcardKey, LineOfKey(WildcardKey), filePath));
    }

    private static bool ReadBoolean(string? value, string key, int line, string filePath)
    {
        if (value == null)
        {
            return false;
        }

        return bool.TryParse(value, out var result)
            ? result
            : throw new HelpSchemaException(filePath, line, $"Invalid yaml: {key} must be True or False, not '{value}'.");
    }

    private static IReadOnlyList<string> SplitList(string? value) =>
        value == null
            ? Array.Empty<string>()
            : value.Split(',').Select(item => item.Trim()).Where(item => item.Length > 0).ToArray();
}
