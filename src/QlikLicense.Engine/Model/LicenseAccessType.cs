namespace QlikLicense.Model
{
    /// <summary>
    /// The access types of Qlik Sense's licence models, named as the QRS names them (<c>…accesstype</c>): the per-user
    /// ones an administrator allocates to a person (<see cref="Professional"/> and <see cref="Analyzer"/> seats, and on a
    /// token licence <see cref="UserAccess"/> passes), and the pools groups share (<see cref="LoginAccess"/> passes
    /// bought with tokens, <see cref="AnalyzerCapacity"/> minutes). <see cref="LicenseAccessTypes"/> tells them apart.
    /// </summary>
    public enum LicenseAccessType
    {
        Professional,
        Analyzer,

        /// <summary>A token licence's user access pass: one person's, for one or more tokens.</summary>
        UserAccess,

        /// <summary>A token licence's login access passes: tokens given to a group, ten passes of 60 minutes per token.</summary>
        LoginAccess,

        /// <summary>Analyzer capacity: minutes a month shared by everyone a rule lets use them.</summary>
        AnalyzerCapacity,
    }
}
