namespace QlikLicense.Model
{
    /// <summary>The licence models a site can run, alone or several at once.</summary>
    public enum LicenseModel
    {
        /// <summary>Professional and Analyzer seats allocated to people.</summary>
        UserBased,

        /// <summary>Tokens: user access passes for people, login access passes for groups.</summary>
        Token,

        /// <summary>Analyzer capacity: minutes a month shared by everyone allowed to use them.</summary>
        AnalyzerCapacity,
    }

    /// <summary>What a row of the licence summary counts.</summary>
    public enum LicenseUnit
    {
        Seats,
        Tokens,
        Minutes,
    }

    /// <summary>What QlikLicense does about an access type on a site.</summary>
    public enum LicenseHandling
    {
        /// <summary>Holders found, released (journaled, read back) and allocated, as for Professional and Analyzer seats.</summary>
        ReleaseAndAllocate,

        /// <summary>Use reported (groups run dry or unused, top spenders); nothing to release per person.</summary>
        ReportUse,

        /// <summary>Not handled by QlikLicense on this kind of site: check it where the site is managed.</summary>
        NotHandled,
    }
}
