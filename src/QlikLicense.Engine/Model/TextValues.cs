using System.Diagnostics.CodeAnalysis;

namespace QlikLicense.Model
{
    /// <summary>Texts as the model keeps them: an empty one is none.</summary>
    internal static class TextValues
    {
        [return: NotNullIfNotNull("value")]
        public static string? NullIfEmpty(this string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
