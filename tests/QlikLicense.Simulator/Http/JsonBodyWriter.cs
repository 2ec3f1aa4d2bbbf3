using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Http;

/// <summary>Writes JSON answers in chunks straight to a stream, so 100,000 entities never become one string.</summary>
internal static class JsonBodyWriter
{
    private const int ChunkSize = 64 * 1024;

    public static async Task WriteAsync(QrsResponse response, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream(ChunkSize * 2);
        await using var text = new StreamWriter(buffer, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        using var json = new JsonTextWriter(text) { Formatting = Formatting.None, DateFormatHandling = DateFormatHandling.IsoDateFormat };
        if (response.Items is null)
        {
            response.Body.WriteTo(json);
        }
        else
        {
            json.WriteStartArray();
            foreach (var item in response.Items)
            {
                WriteItem(json, item, response.Fields);
                if (buffer.Length < ChunkSize) continue;
                await json.FlushAsync(cancellationToken);
                await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
                buffer.SetLength(0);
            }

            json.WriteEndArray();
        }

        await json.FlushAsync(cancellationToken);
        await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private static void WriteItem(JsonWriter json, JObject item, IReadOnlyList<string> fields)
    {
        if (fields is null)
        {
            item.WriteTo(json);
            return;
        }

        json.WriteStartObject();
        foreach (var field in fields)
        {
            json.WritePropertyName(field);
            var value = item[field];
            if (value is null) json.WriteNull();
            else value.WriteTo(json);
        }

        json.WriteEndObject();
    }
}
