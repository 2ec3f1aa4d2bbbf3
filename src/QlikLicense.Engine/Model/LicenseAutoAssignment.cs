namespace QlikLicense.Model
{
    /// <summary>
    /// A Qlik Cloud tenant's switches that assign a licence to a user at first sign-in (Professional is tried first):
    /// the only automatic assignment a tenant has, and it has no license rules.
    /// </summary>
    public sealed class LicenseAutoAssignment
    {
        public bool Professional { get; set; }
        public bool Analyzer { get; set; }
        public string? Site { get; set; }

        /// <summary>The tenant the switches were read from.</summary>
        public QlikConnection? Connection { get; set; }

        public bool Of(LicenseAccessType type) => type == LicenseAccessType.Professional ? Professional : Analyzer;

        public override string ToString() => $"{Site}: Professional {(Professional ? "on" : "off")}, Analyzer {(Analyzer ? "on" : "off")}";
    }
}
