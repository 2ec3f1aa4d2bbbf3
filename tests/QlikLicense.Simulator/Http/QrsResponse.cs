using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Http;

/// <summary>What an endpoint answers: a JSON value, a list of entities (streamed, optionally projected), text, or nothing.</summary>
internal sealed class QrsResponse
{
    private QrsResponse(int status) => Status = status;

    public int Status { get; }
    public JToken Body { get; private init; }
    public IReadOnlyList<JObject> Items { get; private init; }

    /// <summary>The condensed field list for <see cref="Items"/>, or null for whole entities.</summary>
    public IReadOnlyList<string> Fields { get; private init; }

    public string Text { get; private init; }

    public bool IsJson => Body is not null || Items is not null;

    public static QrsResponse Json(int status, JToken body) => new(status) { Body = body };

    public static QrsResponse List(IReadOnlyList<JObject> items, IReadOnlyList<string> fields) => new(200) { Items = items, Fields = fields };

    public static QrsResponse Empty(int status) => new(status);

    public static QrsResponse Error(int status, string message) => new(status) { Text = message };
}

/// <summary>An error the QRS answers with a status and a plain-text message.</summary>
internal sealed class QrsException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
