using System.Collections.Specialized;

namespace QlikLicense.Model
{
    /// <summary>
    /// One decision to make about the denials and inactive users of a site, with the exact command that carries it
    /// out. A runbook runs it with splatting: <c>$p = $s.Parameters; &amp; $s.CommandName @p -Connection $s.Connection -WhatIf</c>;
    /// advice no command carries out has an empty <see cref="CommandName"/> (filter with <c>Where-Object CommandName</c>).
    /// </summary>
    public sealed class LicenseSuggestion
    {
        public string? Site { get; set; }
        public SuggestionKind Kind { get; set; }

        /// <summary>The access type the suggestion is about.</summary>
        public LicenseAccessType Type { get; set; }

        /// <summary>The directory group it is about; null for users without a group and for rule changes about users.</summary>
        public string? Group { get; set; }

        /// <summary>The users it is about (DIRECTORY\userid): the people to allocate to, or the inactive users a rule grants back.</summary>
        public TextList Users { get; set; } = TextList.Empty;

        /// <summary>The license rule it changes; null when it changes none.</summary>
        public string? RuleName { get; set; }

        /// <summary>Denied members of the group (or the denied users) the suggestion is about.</summary>
        public int Denied { get; set; }

        /// <summary>Of the users it is about, how many hold a license now (for a rule change, the inactive users it grants back).</summary>
        public int Licensed { get; set; }

        /// <summary>Why, in plain words.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>
        /// The command to run, quoted for PowerShell, on a session connected to <see cref="Site"/>; empty for advice no
        /// command carries out (<see cref="SuggestionKind.CloseSessions"/>, AwaitUserSync, SyncUserDirectory, RenewLicense).
        /// </summary>
        public string Command { get; set; } = string.Empty;

        /// <summary>The cmdlet of <see cref="Command"/>.</summary>
        public string CommandName { get; set; } = string.Empty;

        /// <summary>The parameters of <see cref="Command"/>, for splatting (switches are $true).</summary>
        public OrderedDictionary Parameters { get; set; } = new OrderedDictionary();

        /// <summary>The site the suggestion is about, so that it is acted on there; null when not connected.</summary>
        public QlikConnection? Connection { get; set; }

        /// <summary>What the suggestion is about, as the table shows it: the group, the rule or the users.</summary>
        public string Subject => Group != null ? "group " + Group : RuleName != null ? "rule " + RuleName : Users.ToString();

        public override string ToString() => Command;
    }
}
