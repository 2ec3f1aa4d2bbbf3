namespace QlikLicense.Maintenance
{
    /// <summary>Why a change cannot be undone; the cmdlet maps each to an ErrorId.</summary>
    public enum UndoProblem
    {
        /// <summary>Someone changed the rule after the journaled change: putting the old version back would overwrite their change.</summary>
        RuleChangedSince,
        /// <summary>The rule to put back or remove no longer exists.</summary>
        RuleMissing,
        /// <summary>A rule with the removed rule's name exists again.</summary>
        RuleNameTaken,
        /// <summary>The user to give access back to is not in the repository.</summary>
        UserNotFound,
        /// <summary>No seat is free to give the access back.</summary>
        NoSeatAvailable,
        /// <summary>The journal line lacks what the undo needs.</summary>
        NotUndoable,
    }
}
