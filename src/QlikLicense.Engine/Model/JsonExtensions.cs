using System;
using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Model
{
    /// <summary>Reading QRS JSON fields the same way everywhere.</summary>
    internal static class JsonExtensions
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

        [return: NotNullIfNotNull("value")]
        public static string? NullIfEmpty(this string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
