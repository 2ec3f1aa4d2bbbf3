using System;
using System.Management.Automation;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Each element is <c>Name=Value</c>: a custom property's name, then a wildcard pattern of its value; both
    /// non-empty. Caught at binding, before any request, so a mistyped mark cannot leave a user unprotected.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateCustomPropertyMarkAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var mark = (element is PSObject wrapped ? wrapped.BaseObject : element)?.ToString() ?? string.Empty;
            var separator = mark.IndexOf('=');
            if (separator <= 0 || mark.Substring(0, separator).Trim().Length == 0 || separator == mark.Length - 1)
                throw new ValidationMetadataException(Messages.Parameters.CustomPropertyMarkInvalid(mark));
            ValidateWildcardPatternAttribute.Check(mark.Substring(separator + 1));
        }
    }
}
