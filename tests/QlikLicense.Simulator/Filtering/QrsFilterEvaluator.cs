using System.Globalization;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Filtering;

/// <summary>
/// Evaluates a parsed filter against an entity's JSON (the /full shape). Property names match case-insensitively;
/// a path through an array matches when any element matches. Strings compare case-insensitively, ISO dates as UTC
/// date/times, numbers as numbers; enum names match the numbers QRS stores.
/// </summary>
public static class QrsFilterEvaluator
{
    private static readonly Dictionary<string, string[]> EnumNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = ["NeverStarted", "Triggered", "Started", "Queued", "AbortInitiated", "Aborting", "Aborted",
            "FinishedSuccess", "FinishedFail", "Skipped", "Retry", "Error", "Reset", "DistributionQueue", "DistributionRunning"],
        ["ruleContext"] = ["BothQlikSenseAndQMC", "QlikSenseOnly", "QMCOnly"],
        ["availabilityStatus"] = ["NotApplicable", "Available", "NoActiveRoute", "NoConfiguredRoute", "NotSynced", "NotMigrated"],
        ["taskType"] = ["Reload", "ExternalProgram", "UserSync", "Distribute"],
    };

    /// <param name="related">
    /// Reads a property a nested object lacks from the entity it stands for (QRS filters a related entity, such as an
    /// allocation's user, by all its properties, not by the condensed copy it returns); null when there is none.
    /// </param>
    public static bool Matches(QrsFilterNode node, JObject entity, Func<JObject, string, JToken> related = null) => node switch
    {
        QrsFilterAnd and => Matches(and.Left, entity, related) && Matches(and.Right, entity, related),
        QrsFilterOr or => Matches(or.Left, entity, related) || Matches(or.Right, entity, related),
        QrsFilterComparison comparison => MatchesComparison(comparison, entity, related),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>Throws <see cref="QrsFilterException"/> for a property the entity shape does not have.</summary>
    public static void CheckProperties(QrsFilterNode node, JObject shape)
    {
        switch (node)
        {
            case QrsFilterAnd and:
                CheckProperties(and.Left, shape);
                CheckProperties(and.Right, shape);
                break;
            case QrsFilterOr or:
                CheckProperties(or.Left, shape);
                CheckProperties(or.Right, shape);
                break;
            case QrsFilterComparison comparison when !HasPath(shape, comparison.Path):
                throw new QrsFilterException($"unknown property '{comparison.PathText}'", 0);
        }
    }

    private static bool HasPath(JToken shape, IReadOnlyList<string> path)
    {
        var token = shape;
        foreach (var segment in path)
        {
            while (token is JArray array) token = array.First;
            if (token is not JObject obj) return false;
            token = obj.GetValue(segment, StringComparison.OrdinalIgnoreCase);
            if (token is null) return false;
        }

        return true;
    }

    private static bool MatchesComparison(QrsFilterComparison comparison, JObject entity, Func<JObject, string, JToken> related)
    {
        var leaves = new List<JToken>();
        Collect(entity, comparison.Path, 0, leaves, related);
        if (leaves.Count == 0) leaves.Add(null);
        var property = comparison.Path[^1];
        foreach (var leaf in leaves)
        {
            if (Compare(leaf, comparison.Operator, comparison.Value, property)) return true;
        }

        return false;
    }

    private static void Collect(JToken token, IReadOnlyList<string> path, int index, List<JToken> leaves, Func<JObject, string, JToken> related)
    {
        if (token is JArray array)
        {
            foreach (var element in array) Collect(element, path, index, leaves, related);
            return;
        }

        if (index == path.Count)
        {
            leaves.Add(token);
            return;
        }

        if (token is JObject obj)
            Collect(obj.GetValue(path[index], StringComparison.OrdinalIgnoreCase) ?? (index > 0 ? related?.Invoke(obj, path[index]) : null), path, index + 1, leaves, related);
        else leaves.Add(null);
    }

    private static bool Compare(JToken leaf, QrsFilterOperator op, QrsFilterValue value, string property)
    {
        var leafIsNull = leaf is null || leaf.Type == JTokenType.Null;
        if (value.IsNull || leafIsNull)
        {
            var bothNull = value.IsNull && leafIsNull;
            return op switch
            {
                QrsFilterOperator.Eq => bothNull,
                QrsFilterOperator.Ne => !bothNull,
                _ => false,
            };
        }

        var leafText = leaf.Type switch
        {
            JTokenType.String or JTokenType.Guid or JTokenType.Date or JTokenType.Boolean or JTokenType.Integer or JTokenType.Float =>
                Convert.ToString(((JValue)leaf).Value, CultureInfo.InvariantCulture),
            _ => leaf.ToString(Newtonsoft.Json.Formatting.None),
        };

        switch (op)
        {
            case QrsFilterOperator.Sw: return leafText.StartsWith(value.Text, StringComparison.OrdinalIgnoreCase);
            case QrsFilterOperator.Ew: return leafText.EndsWith(value.Text, StringComparison.OrdinalIgnoreCase);
            case QrsFilterOperator.So: return leafText.Contains(value.Text, StringComparison.OrdinalIgnoreCase);
        }

        var order = Order(leaf, leafText, value, property);
        if (order is null) return op == QrsFilterOperator.Ne;
        return op switch
        {
            QrsFilterOperator.Eq => order == 0,
            QrsFilterOperator.Ne => order != 0,
            QrsFilterOperator.Gt => order > 0,
            QrsFilterOperator.Ge => order >= 0,
            QrsFilterOperator.Lt => order < 0,
            QrsFilterOperator.Le => order <= 0,
            _ => false,
        };
    }

    /// <summary>The order of the stored value relative to the literal, or null when they cannot be compared.</summary>
    private static int? Order(JToken leaf, string leafText, QrsFilterValue value, string property)
    {
        switch (leaf.Type)
        {
            case JTokenType.Boolean:
                return bool.TryParse(value.Text, out var flag) ? leaf.Value<bool>().CompareTo(flag) : null;
            case JTokenType.Integer:
            case JTokenType.Float:
                var number = leaf.Value<double>();
                if (double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var literal)) return number.CompareTo(literal);
                if (EnumNames.TryGetValue(property, out var names))
                {
                    var index = Array.FindIndex(names, name => string.Equals(name, value.Text, StringComparison.OrdinalIgnoreCase));
                    return index < 0 ? null : number.CompareTo(index);
                }

                return null;
        }

        if (Guid.TryParse(leafText, out var leafGuid) && Guid.TryParse(value.Text, out var valueGuid))
            return leafGuid.CompareTo(valueGuid);
        if (QrsDates.TryParse(leafText, out var leafDate) && QrsDates.TryParse(value.Text, out var valueDate))
            return leafDate.CompareTo(valueDate);
        return Math.Sign(string.Compare(leafText, value.Text, StringComparison.OrdinalIgnoreCase));
    }
}
