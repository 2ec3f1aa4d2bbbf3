namespace QlikLicense.Model
{
    /// <summary>Where a site's license end date was read.</summary>
    public enum LicenseEndDateSource
    {
        /// <summary>The signed license key's details: <c>"valid": "start/end"</c>, an ISO 8601 interval as Qlik Cloud's licence shows it.</summary>
        SignedKey,

        /// <summary>The license enabling file (LEF) of a serial and control number: its <c>TIMELIMIT;date</c> line.</summary>
        LicenseFile,
    }
}
