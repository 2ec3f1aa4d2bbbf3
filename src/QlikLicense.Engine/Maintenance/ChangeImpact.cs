namespace QlikLicense.Maintenance
{
    /// <summary>How much a change matters, which decides whether it is confirmed without -Confirm (as PowerShell's ConfirmImpact).</summary>
    public enum ChangeImpact
    {
        Low,
        Medium,
        High,
    }
}
