using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Http;

/// <summary>A QRS call as the endpoints see it: path below /qrs/, query, parsed JSON body, acting user.</summary>
internal sealed record QrsRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, JToken Body, string Actor)
{
    public string QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public JObject BodyObject => Body as JObject ?? throw new QrsException(400, "The request body must be a JSON object.");
}
