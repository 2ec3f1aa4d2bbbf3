using System;
using System.Collections.Generic;
using System.Linq;

namespace QlikLicense.Model
{
    /// <summary>
    /// What the administrator marked users with in the QMC so that their allocations are never offered for release:
    /// tags, and values of custom properties. Empty marks leave nobody out.
    /// </summary>
    public sealed class UserMarks
    {
        public static readonly UserMarks None = new UserMarks(Array.Empty<TextPattern>(), Array.Empty<CustomPropertyMark>());

        public UserMarks(IReadOnlyList<TextPattern> tags, IReadOnlyList<CustomPropertyMark> customProperties)
        {
            Tags = tags ?? throw new ArgumentNullException(nameof(tags));
            CustomProperties = customProperties ?? throw new ArgumentNullException(nameof(customProperties));
        }

        /// <summary>Tag names (patterns): a user with any matching tag is left out.</summary>
        public IReadOnlyList<TextPattern> Tags { get; }

        /// <summary>A user holding any of these custom property values is left out.</summary>
        public IReadOnlyList<CustomPropertyMark> CustomProperties { get; }

        public bool IsEmpty => Tags.Count == 0 && CustomProperties.Count == 0;

        /// <summary>Whether the user carries any of the marks (the user's tags and custom properties as read).</summary>
        public bool Marks(QlikUser user) =>
            Tags.Any(tag => user.Tags.Any(tag.IsMatch))
            || CustomProperties.Any(mark => user.CustomPropertyValues(mark.Name).Any(mark.Value.IsMatch));

        /// <summary>What is left out, for messages: tags 'Keep*', custom property LicensePolicy=Keep.</summary>
        public override string ToString() =>
            string.Join(", ", Tags.Select(tag => "tag '" + tag + "'").Concat(CustomProperties.Select(mark => "custom property " + mark)));
    }

    /// <summary>A custom property (by its exact name, without regard to case) and a pattern of its value.</summary>
    public sealed class CustomPropertyMark
    {
        public CustomPropertyMark(string name, TextPattern value)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Value = value ?? throw new ArgumentNullException(nameof(value));
        }

        public string Name { get; }
        public TextPattern Value { get; }

        public override string ToString() => Name + "=" + Value;
    }
}
