using System;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Transport
{
    /// <summary>What the site and tenant clients share about answers: reading a JSON body whole, the exception chain of a failed request, and how much of an error body is kept.</summary>
    internal static class HttpFailures
    {
        private const int MaxErrorBodyLength = 2000;

        /// <summary>The answer's one JSON value (dates left as text); null for an empty body. Anything after the value is a JsonException too.</summary>
        public static JToken? ParseWhole(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None })
            {
                var token = JToken.ReadFrom(reader);
                if (reader.Read()) throw new JsonReaderException(TransportMessages.TextAfterValue);
                return token;
            }
        }

        public static bool HasInner<T>(Exception error) where T : Exception
        {
            for (Exception? current = error; current != null; current = current.InnerException)
                if (current is T) return true;
            return false;
        }

        public static Exception Innermost(Exception error)
        {
            while (error.InnerException != null) error = error.InnerException;
            return error;
        }

        /// <summary>An error body as shown in ErrorDetails: trimmed, at most 2,000 characters, null when empty.</summary>
        public static string? TrimBody(string? text)
        {
            if (text == null || string.IsNullOrWhiteSpace(text)) return null;
            text = text.Trim();
            return text.Length <= MaxErrorBodyLength ? text : text.Substring(0, MaxErrorBodyLength) + "…";
        }
    }
}
