using System;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The parameters naming users never to offer for release, shared by the finding cmdlets and the routine: patterns
    /// of DIRECTORY\userid and of directories (matched here), and QMC tags and custom property values (QRS finds those users).
    /// </summary>
    public abstract class ExclusionCmdletBase : ConnectedCmdletBase
    {
        /// <summary>DIRECTORY\user patterns (wildcards allowed) never to offer: service accounts, administrators.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateWildcardPattern]
        public virtual string[]? Exclude { get; set; }

        /// <summary>User directories (wildcards allowed) whose users are never offered.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateWildcardPattern]
        [ArgumentCompleter(typeof(UserDirectoryCompleter))]
        public string[]? ExcludeUserDirectory { get; set; }

        /// <summary>QMC tags (wildcards allowed) whose users are never offered; QRS finds the users by tag.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateWildcardPattern]
        public string[]? ExcludeTag { get; set; }

        /// <summary>Custom property values (Name=Value, the value with wildcards) whose users are never offered; QRS finds the users by them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateCustomPropertyMark]
        public string[]? ExcludeCustomProperty { get; set; }

        /// <summary>True for a user -Exclude or -ExcludeUserDirectory leaves out; null when neither names any.</summary>
        protected Func<string?, string?, bool>? Exclusion() => UserPatterns.Exclusion(Exclude, ExcludeUserDirectory);

        /// <summary>The QMC marks -ExcludeTag and -ExcludeCustomProperty name.</summary>
        protected UserMarks Marks() => UserPatterns.Marks(ExcludeTag, ExcludeCustomProperty);
    }
}
