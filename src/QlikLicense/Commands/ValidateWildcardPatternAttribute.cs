using System;
using System.Management.Automation;

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
                throw new ValidationMetadataException(Messages.Parameters.WildcardPatternInvalid(pattern));
            }
        }
    }
}
