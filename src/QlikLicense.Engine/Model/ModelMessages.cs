namespace QlikLicense.Model
{
    /// <summary>The wording of the errors the model's objects give, in one place as the cmdlets' <c>Messages</c>.</summary>
    internal static class ModelMessages
    {
        public static string NotAUserIdentity(string? identity) => $"'{identity}' is neither a user's repository GUID nor DIRECTORY\\userid.";

        /// <summary>An access type in a sentence: "Analyzer access", "user access" (not "UserAccess access").</summary>
        public static string Access(LicenseAccessType type) => type == LicenseAccessType.UserAccess ? "user access" : type + " access";

        /// <summary>An allocation named for ShouldProcess and messages: "Analyzer access of CORP\jdoe", "User access pass of CORP\jdoe".</summary>
        public static string AllocationOf(LicenseAccessType type, string identity) =>
            type == LicenseAccessType.UserAccess ? "User access pass of " + identity : $"{type} access of {identity}";

        /// <summary>The ShouldProcess action of an allocation: "Allocate Analyzer access", "Allocate a user access pass".</summary>
        public static string AllocateAction(LicenseAccessType type) =>
            type == LicenseAccessType.UserAccess ? "Allocate a user access pass" : $"Allocate {type} access";

        public const string LicenseMonitorApp = "License Monitor";

        public static string LicenseMonitorText(bool operational, string? reason) =>
            operational ? "License Monitor operational" : "License Monitor not operational: " + reason;

        public static string OtherCheckText(string check, bool operational, string? reason, string? remark) =>
            (operational ? check + ": in order." : check + ": NOT in order: " + reason) + (remark == null ? string.Empty : " " + remark);

        public static string AllocationWithoutConnection(string allocation) =>
            $"{allocation} carries no connection: read it from a site, or set its Connection.";
    }
}
