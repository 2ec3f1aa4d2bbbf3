using System;
using System.Management.Automation;

namespace QlikLicense.Commands
{
    /// <summary>A date not later than now: a date in the future (a typo such as 2205) would make everything match.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateNotInFutureAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (!(value is DateTime date) || QlikDates.ToUtc(date) <= DateTime.UtcNow) return;
            throw new ValidationMetadataException(Messages.Parameters.InFuture(date));
        }
    }
}
