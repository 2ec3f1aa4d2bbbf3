using System.Globalization;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Cloud
{
    /// <summary>The wording of what the tenant client and site report, in one place.</summary>
    internal static class CloudMessages
    {
        public const string NoTenantOrCredentials = "The settings name no tenant or no credentials.";

        public const string EmptyClientId = "The client id is empty.";

        public const string RawFilterOfAssignedUser = "A user filter in the tenant's own language cannot be applied to the users of assignments.";

        public static string AccessDenied(string method, string path, string reason, bool oauth) =>
            $"The tenant refused {method} {path} ({reason}). " + (oauth
                ? "Check the OAuth client's id and secret and that the client may act as Tenant Admin."
                : "Check that the API key is valid, not expired, and belongs to a user with the Tenant Admin role.");

        public static string NotFound(string method, string path) => $"The tenant has nothing at {method} {path}.";

        public static string Conflict(string method, string path) => $"The tenant refused {method} {path} because of a conflicting change (409).";

        public static string ServerError(string method, string path, string reason, int attempts) =>
            $"The tenant failed {method} {path} ({reason})" + (attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " after {0} tries.", attempts) : ".");

        public static string Rejected(string method, string path, string reason, string? body) =>
            $"The tenant rejected {method} {path} ({reason})" + (body == null ? "." : ": " + body);

        public static string Timeout(string method, string path, double seconds) =>
            string.Format(CultureInfo.InvariantCulture, "The tenant did not answer {0} {1} within {2:0.#} s.", method, path, seconds);

        public static string ConnectionFailed(string tenant, string method, string path, string detail) =>
            $"Could not reach {tenant} for {method} {path}: {detail}.";

        public static string InvalidJson(string method, string path, string detail) =>
            $"The answer to {method} {path} is not the JSON the tenant API sends ({detail}).";

        public static string UntrustedCertificate(ServerCertificateInfo? seen) => seen == null
            ? "The TLS handshake with the tenant failed. " + TransportMessages.Certificates.TlsHint
            : $"The tenant's certificate is not trusted: subject '{seen.Subject}', issued by '{seen.Issuer}', thumbprint {seen.Thumbprint} ({seen.Problem}). " +
              "Behind a TLS-inspecting proxy, trust its CA with -CaCertificatePath, or pin it with -TrustedCertificateThumbprint " +
              (seen.IssuerThumbprint ?? seen.Thumbprint) + ".";

        public static string TokenRefused(string clientId, string reason) =>
            $"The tenant gave OAuth client {clientId} no access token ({reason}). Check the client id and secret, and that the client is enabled for client credentials.";

        public static string TokenUnreadable => "The tenant's token answer holds no access_token.";

        public static string ItemFailed(string action, string subject, string type, int status, string? code, string? title) =>
            $"The tenant did not {action} the {type} assignment of {subject}: {status}" + (code == null ? string.Empty : " " + code) + (title == null ? "." : " " + title + ".");

        public static string NoSeatLeft(string subject, string type, string? title) =>
            $"No {type} seat is left on the tenant for {subject}" + (title == null ? "." : " (" + title + ").") +
            " Release an assignment or buy more seats, then try again.";

        public static string ItemMissing(string action, string subject) =>
            $"The tenant's answer to the {action} batch says nothing about {subject}; what happened to it is not known.";

        public static string NotATenantType(LicenseAccessType type, string tenant) =>
            $"A Qlik Cloud tenant assigns Professional and Analyzer only; {type} is a Qlik Sense site's access type ({tenant}).";

        public static string UnknownUserKey(string tenant) =>
            $"The user is not known to this connection to {tenant}: read it from the tenant first (Get-QlikUser, Get-QlikLicenseAllocation).";

        public static string LicenseNotOk(string? status) => $"The tenant's licence status is '{status ?? "unknown"}', not Ok.";
        public static string LicenseNotValid(string? valid) =>
            "The tenant's licence is not valid now (expired or not yet valid" + (valid == null || valid == "False" ? ")." : ": " + valid + ").");
        public static string LicenseDeactivated => "The tenant's licence is deactivated.";
        public static string NoSeats => "The licence overview lists no Professional or Analyzer allotment.";

        public const string HealthChecked = "Tenant licence (status, validity and seats in the licence overview)";

        public static string CapacityBased =>
            "Capacity-based subscription: every user who signs in counts as a Full User, entitled through roles, so there are no Professional or " +
            "Analyzer assignments to release or allocate. The monthly check there is who holds a Full entitlement without using it: the active users " +
            "with no session in the consumption records, to disable or delete in the tenant (this module does not list them yet).";
    }
}
