using System;
using System.Diagnostics.CodeAnalysis;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace QlikLicense.Model
{
    /// <summary>
    /// A read-only list (groups, rules, access types) whose text is its items joined with "; ", so Export-Csv and string
    /// expansion show them instead of "System.String[]"; the objects, ConvertTo-Json and the pipeline still see a list.
    /// </summary>
    public class TextList<T> : ReadOnlyCollection<T>
    {
        public const string Separator = "; ";

        public TextList(IList<T>? items) : base(items ?? Array.Empty<T>())
        {
        }

        [return: NotNullIfNotNull("items")]
        public static implicit operator TextList<T>?(T[]? items) => items == null ? null : new TextList<T>(items);

        public override string ToString() => string.Join(Separator, this);
    }

    /// <summary>Names (groups, rules, hosts, files) as a <see cref="TextList{T}"/>.</summary>
    public sealed class TextList : TextList<string>
    {
        // Hides .NET 8's ReadOnlyCollection<T>.Empty (absent from netstandard2.0) with the same list, typed TextList.
#pragma warning disable CS0108
        public static readonly TextList Empty = new TextList(Array.Empty<string>());
#pragma warning restore CS0108

        public TextList(IList<string>? items) : base(items)
        {
        }

        [return: NotNullIfNotNull("items")]
        public static implicit operator TextList?(string[]? items) => items == null ? null : new TextList(items);
    }
}
