using System;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>A token licence's login access groups: tokens, passes used and left, the rules that let people use them, and who did in the last 28 days.</summary>
    [Cmdlet(VerbsCommon.Get, "QlikLoginAccessGroup")]
    [OutputType(typeof(LoginAccessGroup))]
    public sealed class GetQlikLoginAccessGroupCommand : ConnectedCmdletBase
    {
        /// <summary>Group names (wildcards allowed); every group when omitted.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateWildcardPattern]
        public string[]? Name { get; set; }

        protected override Type RequiredPart => typeof(ISharedAccessSite);

        protected override string Instead => Messages.SharedAccess.NoLoginAccessOnQlikCloud;

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            Guard(connection.Site, () =>
            {
                var groups = ((ISharedAccessSite)connection.SiteApi).ReadLoginAccessGroups(DateTime.UtcNow - LoginAccessGroup.PassReturn, Call);
                var matches = UserPatterns.Matcher(Name);
                foreach (var group in groups.Where(group => matches == null || matches(group.Name)).OrderBy(group => group.Name, StringComparer.OrdinalIgnoreCase))
                    WriteObject(group);
                foreach (var name in (Name ?? Array.Empty<string>()).Where(name => !WildcardPattern.ContainsWildcardCharacters(name)))
                    if (!groups.Any(group => string.Equals(group.Name, name, StringComparison.OrdinalIgnoreCase)))
                        WriteError(new ErrorRecord(new ItemNotFoundException(Messages.SharedAccess.LoginGroupNotFound(name, connection.Site)),
                            ErrorIds.LoginAccessGroupNotFound, ErrorCategory.ObjectNotFound, name));
            });
        }
    }
}
