using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// A token licence's login access group (the QMC's "Login access"): tokens given to a group, ten passes of 60 minutes
    /// per token, each used pass back after 28 days; license rules say who may use them. Get-QlikLoginAccessGroup returns it.
    /// </summary>
    public sealed class LoginAccessGroup
    {
        /// <summary>A used pass comes back after 28 days (Qlik's help): the window a group's use is read over.</summary>
        public static readonly TimeSpan PassReturn = TimeSpan.FromDays(28);

        public Guid Id { get; set; }
        public string? Name { get; set; }

        /// <summary>Tokens given to the group.</summary>
        public int? AssignedTokens { get; set; }

        /// <summary>Passes the tokens buy (ten a token, as Qlik's help says; the site's own figure).</summary>
        public int? Passes { get; set; }

        /// <summary>Passes used and not yet back (a used pass returns 28 days after its use).</summary>
        public int? UsedPasses { get; set; }

        /// <summary>Passes left to use now.</summary>
        public int? RemainingPasses { get; set; }

        /// <summary>People who used a pass of the group in the last 28 days.</summary>
        public int People { get; set; }

        /// <summary>When a pass of the group was last used (UTC), within the last 28 days; null when none was.</summary>
        public DateTime? LastUsed { get; set; }

        /// <summary>The enabled license rules that let people use the group's passes.</summary>
        public TextList EnabledRules { get; set; } = TextList.Empty;

        /// <summary>The group's license rules that are switched off.</summary>
        public TextList DisabledRules { get; set; } = TextList.Empty;

        /// <summary>What the monthly check makes of the group: run dry, no rule, unused, or in use.</summary>
        public LoginAccessState State =>
            RemainingPasses <= 0 ? LoginAccessState.RunDry
            : EnabledRules.Count == 0 ? LoginAccessState.NoRule
            : (UsedPasses ?? 0) == 0 && People == 0 ? LoginAccessState.Unused
            : LoginAccessState.InUse;

        public string? Site { get; set; }

        /// <summary>The site the group was read from.</summary>
        public QlikConnection? Connection { get; set; }

        public override string ToString() => $"Login access group '{Name}'";
    }

    /// <summary>What the monthly check makes of a login access group.</summary>
    public enum LoginAccessState
    {
        /// <summary>Passes are used and some are left.</summary>
        InUse,

        /// <summary>No pass is left: people the rules name are refused until used passes come back (28 days) or tokens are added.</summary>
        RunDry,

        /// <summary>No enabled rule lets anyone use the passes: the tokens sit idle.</summary>
        NoRule,

        /// <summary>No pass was used in the last 28 days: the tokens could serve elsewhere.</summary>
        Unused,
    }
}
