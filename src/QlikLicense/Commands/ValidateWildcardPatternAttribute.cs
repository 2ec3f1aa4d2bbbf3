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
        protected override void ValidateElement(object element) => Check((element is PSObject wrapped ? wrapped.BaseObject : element)?.ToString() ?? string.Empty);

        /// <summary>Refuses a pattern PowerShell cannot parse, with the message that says how to escape brackets.</summary>
        internal static void Check(string pattern)
        {
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
