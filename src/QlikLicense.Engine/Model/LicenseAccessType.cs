namespace QlikLicense.Model
{
    /// <summary>The per-user access types an administrator allocates.</summary>
    public enum LicenseAccessType
    {
        Professional,
        Analyzer,
    }
}
