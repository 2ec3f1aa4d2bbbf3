using System;
using System.Linq;
using System.Management.Automation;

namespace QlikLicense.Commands
{
    /// <summary>An HTTP header name (an RFC 7230 token), so the header is sent rather than silently dropped.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateHeaderNameAttribute : ValidateArgumentsAttribute
    {
        private const string TokenSymbols = "!#$%&'*+-.^_`|~";

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var name = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
            if (name.Length == 0 || !name.All(character => character < 128 && (char.IsLetterOrDigit(character) || TokenSymbols.IndexOf(character) >= 0)))
                throw new ValidationMetadataException(Messages.Parameters.HeaderNameInvalid(name));
        }
    }
}
