using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace QlikLicense.Commands
{
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
            if (IsHeaderValue(text, AllowSpaces)) return;
            throw new ValidationMetadataException(AllowSpaces ? Messages.Parameters.HeaderValueInvalid : Messages.Parameters.TokenInvalid);
        }

        /// <summary>Whether <paramref name="text"/> travels in a header as it is (a sites file's API key is held to the same rule as -ApiKey).</summary>
        public static bool IsHeaderValue(string text, bool allowSpaces) =>
            text.All(character => (character > ' ' && character < 127) || (character == ' ' && allowSpaces));
    }
}
