using System;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Transport
{
    /// <summary>Reading the JSON fields of site and tenant answers (and old journal lines) the same way everywhere.</summary>
    internal static class JsonFields
    {
        public static Guid GuidValue(this JObject json, string property) =>
            Guid.TryParse((string?)json[property], out var id) ? id : Guid.Empty;

        public static Guid? NullableGuid(this JToken json, string property) =>
            json is JObject obj && Guid.TryParse((string?)obj[property], out var id) && id != Guid.Empty ? id : (Guid?)null;

        /// <summary>Dates as UTC; "never" minimum dates become null.</summary>
        public static DateTime? DateValue(this JToken? json, string property)
        {
            var token = json?[property];
            if (token == null || token.Type == JTokenType.Null) return null;
            return token.Type == JTokenType.Date ? QlikDates.FromQrs((DateTime)token) : QlikDates.ParseQrsDate((string?)token);
        }
    }
}
