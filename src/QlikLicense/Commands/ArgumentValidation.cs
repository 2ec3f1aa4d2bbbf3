using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Each element is a valid PowerShell wildcard pattern. Without this, an unbalanced '[' fails deep inside the
    /// command, on the first value matched, with a generic error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateWildcardPatternAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var pattern = (element is PSObject wrapped ? wrapped.BaseObject : element)?.ToString() ?? string.Empty;
            try
            {
                // Patterns are parsed on first use.
                new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(string.Empty);
            }
            catch (WildcardPatternException)
            {
                throw new ValidationMetadataException(
                    $"'{pattern}' is not a valid wildcard pattern. To match [ or ] literally, escape them with a backtick (`[ and `]).");
            }
        }
    }

    /// <summary>An HTTP header name (an RFC 7230 token), so the header is sent rather than silently dropped.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateHeaderNameAttribute : ValidateArgumentsAttribute
    {
        private const string TokenSymbols = "!#$%&'*+-.^_`|~";

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var name = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
            if (name.Length == 0 || !name.All(character => character < 128 && (char.IsLetterOrDigit(character) || TokenSymbols.IndexOf(character) >= 0)))
                throw new ValidationMetadataException(
                    $"'{name}' is not an HTTP header name: use the virtual proxy's header name as it shows in the QMC, letters, digits and '-' only.");
        }
    }

    /// <summary>
    /// A value that can travel in an HTTP header as it is: printable ASCII, no line breaks. A line break would
    /// end the header and start another one of the caller's making. The value is a credential, so the message
    /// never shows it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateHeaderValueAttribute : ValidateArgumentsAttribute
    {
        /// <summary>False for tokens (a JWT has no spaces; one copied with a line break often has one).</summary>
        public bool AllowSpaces { get; set; } = true;

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            var text = value is SecureString secure ? new NetworkCredential(string.Empty, secure).Password : value?.ToString() ?? string.Empty;
            if (text.All(character => (character > ' ' && character < 127) || (character == ' ' && AllowSpaces))) return;
            throw new ValidationMetadataException(AllowSpaces
                ? "The value cannot be sent in an HTTP header: it may hold printable ASCII characters only, no line breaks or other control characters."
                : "The value cannot be sent in an HTTP header: it may hold printable ASCII characters only, no spaces or line breaks (was a line break copied with it?).");
        }
    }

    /// <summary>A date not later than now: a date in the future (a typo such as 2205) would make everything match.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateNotInFutureAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (!(value is DateTime date) || QlikDates.ToUtc(date) <= DateTime.UtcNow) return;
            throw new ValidationMetadataException(
                $"{QlikDates.ToMessageText(date)} is in the future, so every allocation would count as unused. Give a past date, e.g. (Get-Date).AddDays(-90).");
        }
    }
}
