using System;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    internal static class ReloadTaskStatusJson
    {
        /// <summary>QRS sends enums as numbers or as names: accepts both; null for a value this module does not know.</summary>
        public static ReloadTaskStatus? Parse(JToken? token)
        {
            if (token == null) return null;
            if (token.Type == JTokenType.Integer) return Defined((long)token);
            if (token.Type != JTokenType.String) return null;

            var text = ((string?)token ?? string.Empty).Trim();
            if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)) return Defined(number);
            return Enum.TryParse(text, ignoreCase: true, out ReloadTaskStatus status) ? status : (ReloadTaskStatus?)null;
        }

        private static ReloadTaskStatus? Defined(long number) =>
            number >= int.MinValue && number <= int.MaxValue && Enum.IsDefined(typeof(ReloadTaskStatus), (int)number) ? (ReloadTaskStatus)(int)number : (ReloadTaskStatus?)null;
    }
}
