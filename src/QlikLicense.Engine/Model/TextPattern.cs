using System;

namespace QlikLicense.Model
{
    /// <summary>How a site narrows a text before a <see cref="TextPattern"/> decides: the part of the pattern it can evaluate.</summary>
    public enum TextNarrowing
    {
        /// <summary>The text equals <see cref="TextPattern.Text"/> (the pattern has no wildcard).</summary>
        Equal,
        StartsWith,
        EndsWith,
        Contains,

        /// <summary>Nothing to narrow by (a pattern of wildcards only): any text.</summary>
        Any,
    }

    /// <summary>
    /// A pattern (for instance a PowerShell wildcard) given to the engine as what a site can evaluate (<see cref="Narrowing"/>
    /// with <see cref="Text"/>, compared without regard to case) and the exact test of the text read back (<see cref="IsMatch"/>).
    /// </summary>
    public sealed class TextPattern
    {
        public TextPattern(string pattern, TextNarrowing narrowing, string text, Func<string, bool> isMatch)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            Narrowing = narrowing;
            Text = text ?? throw new ArgumentNullException(nameof(text));
            IsMatch = isMatch ?? throw new ArgumentNullException(nameof(isMatch));
        }

        /// <summary>The pattern as given, for messages.</summary>
        public string Pattern { get; }

        public TextNarrowing Narrowing { get; }
        public string Text { get; }
        public Func<string, bool> IsMatch { get; }

        /// <summary>A pattern without wildcards: the text itself, compared without regard to case.</summary>
        public static TextPattern Exactly(string text) =>
            new TextPattern(text, TextNarrowing.Equal, text, value => string.Equals(value, text, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => Pattern;
    }
}
