namespace QlikLicense.Model
{
    /// <summary>The wording of the errors the model's objects give, in one place as the cmdlets' <c>Messages</c>.</summary>
    internal static class ModelMessages
    {
        public static string NotAUserIdentity(string? identity) => $"'{identity}' is neither a user's repository GUID nor DIRECTORY\\userid.";

        public const string LicenseMonitorApp = "License Monitor";

        public static string LicenseMonitorText(bool operational, string? reason) =>
            operational ? "License Monitor operational" : "License Monitor not operational: " + reason;

        public static string OtherCheckText(string check, bool operational, string? reason, string? remark) =>
            (operational ? check + ": in order." : check + ": NOT in order: " + reason) + (remark == null ? string.Empty : " " + remark);

        public static string AllocationWithoutConnection(string allocation) =>
            $"{allocation} carries no connection: read it from a site, or set its Connection.";
    }
}
