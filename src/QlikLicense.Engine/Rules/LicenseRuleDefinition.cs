namespace QlikLicense.Rules
{
    /// <summary>A license rule to create.</summary>
    public sealed class LicenseRuleDefinition
    {
        public string Name { get; set; } = string.Empty;
        public Model.LicenseAccessType Type { get; set; }
        public string Rule { get; set; } = string.Empty;
        public string Comment { get; set; } = string.Empty;
        public bool Disabled { get; set; }
    }
}
