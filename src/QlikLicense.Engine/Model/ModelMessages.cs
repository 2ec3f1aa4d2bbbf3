namespace QlikLicense.Model
{
    /// <summary>The wording of the errors the model's objects give, in one place as the cmdlets' <c>Messages</c>.</summary>
    internal static class ModelMessages
    {
        public static string NotAUserIdentity(string? identity) => $"'{identity}' is neither a user's repository GUID nor DIRECTORY\\userid.";

        public static string AllocationWithoutConnection(string allocation) =>
            $"{allocation} carries no connection: read it from a site, or set its Connection.";
    }
}
