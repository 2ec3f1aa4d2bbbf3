using System.Linq;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// An entity read from QRS made into the body of its PUT. QRS answers unset properties with null (privileges, when
    /// not asked for) and empty strings, which Qlik's API description does not allow in a body (privileges is an array;
    /// deletedUserId has a minLength of 1): they are left out, and QRS keeps what it has.
    /// </summary>
    internal static class QrsEntityBody
    {
        /// <param name="withoutEmptyText">Also leave out empty strings (for entities, like allocations, whose texts are never meant empty).</param>
        public static JObject ForPut(JObject entity, bool withoutEmptyText)
        {
            var body = (JObject)entity.DeepClone();
            Prune(body, withoutEmptyText);
            return body;
        }

        private static void Prune(JObject item, bool withoutEmptyText)
        {
            foreach (var property in item.Properties().ToList())
            {
                var value = property.Value;
                if (value.Type == JTokenType.Null || (withoutEmptyText && value.Type == JTokenType.String && ((string?)value)!.Length == 0)) property.Remove();
                else if (value is JObject inner) Prune(inner, withoutEmptyText);
                else if (value is JArray list)
                    foreach (var element in list.OfType<JObject>()) Prune(element, withoutEmptyText);
            }
        }
    }
}
