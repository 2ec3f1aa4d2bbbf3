using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Contract.Tests;

/// <summary>
/// A vendor's API description (Swagger 2.0 or OpenAPI 3 JSON; Qlik's Cloud excerpt says "swagger": "2.0" but is written in
/// OpenAPI 3's shape, so both shapes are read whatever the version field says): its operations, their parameters and
/// request bodies, with <c>$ref</c>s resolved inside the document.
/// </summary>
public sealed class ApiDescription
{
    private readonly JObject document;
    private readonly List<(string Template, string[] Segments, JObject Item)> paths;

    /// <param name="requestPrefix">What requests carry before the described paths ("/qrs" for QRS's basePath, "/api" for Qlik Cloud's /api/v1).</param>
    public ApiDescription(JObject document, string requestPrefix)
    {
        this.document = document;
        RequestPrefix = requestPrefix.TrimEnd('/');
        paths = ((document["paths"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
            .Where(property => property.Value is JObject)
            .Select(property => (property.Name, Segments(property.Name), (JObject)property.Value))
            .ToList();
    }

    public string RequestPrefix { get; }

    public static ApiDescription Load(string file, string requestPrefix)
    {
        using var reader = new JsonTextReader(File.OpenText(file)) { DateParseHandling = DateParseHandling.None };
        return new ApiDescription(JObject.Load(reader), requestPrefix);
    }

    /// <summary>
    /// The operation a request path names (after <see cref="RequestPrefix"/>), or null. A literal segment wins over a
    /// template one, so <c>/user/full</c> is not taken for <c>/user/{id}</c>.
    /// </summary>
    public ApiOperation? FindOperation(string method, string requestPath)
    {
        var path = DescribedPath(requestPath);
        if (path == null) return null;
        var segments = Segments(path);
        var best = paths
            .Where(candidate => candidate.Segments.Length == segments.Length &&
                                candidate.Segments.Zip(segments).All(pair => IsTemplate(pair.First) || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(candidate => candidate.Segments.Count(segment => !IsTemplate(segment)))
            .FirstOrDefault();
        // The most literal path is the one a server routes to; it must take the method itself.
        return best.Item?[method.ToLowerInvariant()] is JObject operation ? new ApiOperation(this, method.ToUpperInvariant(), best.Template, best.Item, operation) : null;
    }

    /// <summary>Whether any described path matches, whatever the method (to tell "no such path" from "no such method").</summary>
    public bool HasPath(string requestPath)
    {
        var path = DescribedPath(requestPath);
        if (path == null) return false;
        var segments = Segments(path);
        return paths.Any(candidate => candidate.Segments.Length == segments.Length &&
                                      candidate.Segments.Zip(segments).All(pair => IsTemplate(pair.First) || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The schema a <c>$ref</c> names (<c>#/definitions/X</c>, <c>#/components/schemas/X</c>), followed to the end; other schemas as they are.</summary>
    public JObject Resolve(JObject schema)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (schema["$ref"] is JValue { Type: JTokenType.String } reference && seen.Add((string)reference!))
        {
            var pointer = (string)reference!;
            if (!pointer.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidDataException($"Only references inside the description are read: {pointer}");
            JToken? target = document;
            foreach (var part in pointer[2..].Split('/'))
                target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            schema = target as JObject ?? throw new InvalidDataException($"The description has no {pointer}.");
        }

        return schema;
    }

    private string? DescribedPath(string requestPath)
    {
        var path = requestPath.Split('?')[0];
        if (RequestPrefix.Length == 0) return path;
        // A virtual proxy's prefix may stand before the API's own ("/hdr/qrs/user").
        var at = path.IndexOf(RequestPrefix + "/", StringComparison.OrdinalIgnoreCase);
        if (at >= 0) return path[(at + RequestPrefix.Length)..];
        // Paths outside the prefix (Qlik Cloud's /oauth/token) are described as they are.
        return path;
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsTemplate(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}

/// <summary>One described operation: its parameters (the path item's and its own) and its request body.</summary>
public sealed class ApiOperation
{
    private readonly ApiDescription description;
    private readonly JObject pathItem;
    private readonly JObject operation;

    internal ApiOperation(ApiDescription description, string method, string template, JObject pathItem, JObject operation)
    {
        this.description = description;
        this.pathItem = pathItem;
        this.operation = operation;
        Method = method;
        Template = template;
    }

    public string Method { get; }

    public string Template { get; }

    /// <summary>Every parameter, the operation's overriding the path item's of the same name and place.</summary>
    public IReadOnlyList<ApiParameter> Parameters
    {
        get
        {
            var all = new Dictionary<(string, string), ApiParameter>();
            foreach (var list in new[] { pathItem["parameters"], operation["parameters"] })
            foreach (var item in (list as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
            {
                var parameter = description.Resolve(item);
                var name = (string?)parameter["name"] ?? string.Empty;
                var place = (string?)parameter["in"] ?? string.Empty;
                all[(name.ToLowerInvariant(), place)] = new ApiParameter(name, place, parameter, description);
            }

            return all.Values.ToList();
        }
    }

    /// <summary>The JSON body's schema and whether a body is required; null when the operation takes no body.</summary>
    public (JObject Schema, bool Required)? Body
    {
        get
        {
            // Swagger 2.0: a parameter "in": "body".
            var bodyParameter = Parameters.FirstOrDefault(parameter => parameter.In == "body");
            if (bodyParameter != null) return (bodyParameter.Schema, bodyParameter.Required);
            // OpenAPI 3: requestBody.content["application/json"].
            if (operation["requestBody"] is not JObject requestBody) return null;
            requestBody = description.Resolve(requestBody);
            var schema = requestBody["content"]?["application/json"]?["schema"] as JObject;
            return schema == null ? null : (schema, (bool?)requestBody["required"] ?? false);
        }
    }
}

/// <summary>A parameter and the schema its values must meet (Swagger 2.0 keeps it on the parameter, OpenAPI 3 under "schema").</summary>
public sealed class ApiParameter
{
    internal ApiParameter(string name, string place, JObject parameter, ApiDescription description)
    {
        Name = name;
        In = place;
        Required = (bool?)parameter["required"] ?? false;
        Deprecated = (bool?)parameter["deprecated"] == true || (bool?)parameter["x-qlik-deprecated"] == true;
        Schema = description.Resolve(parameter["schema"] as JObject ?? parameter);
    }

    public string Name { get; }

    public string In { get; }

    public bool Required { get; }

    public bool Deprecated { get; }

    public JObject Schema { get; }
}
