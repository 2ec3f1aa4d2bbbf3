namespace QlikLicense.Cloud
{
    /// <summary>The tenant API's paths and page sizes, in one place.</summary>
    internal static class CloudPaths
    {
        public const string Token = "/oauth/token";
        public const string Assignments = "/api/v1/licenses/assignments";
        public const string AddAssignments = "/api/v1/licenses/assignments/actions/add";
        public const string DeleteAssignments = "/api/v1/licenses/assignments/actions/delete";
        public const string Overview = "/api/v1/licenses/overview";
        public const string Status = "/api/v1/licenses/status";
        public const string Settings = "/api/v1/licenses/settings";
        public const string Consumption = "/api/v1/licenses/consumption";
        public const string Users = "/api/v1/users";
        public const string Audits = "/api/v1/audits";

        /// <summary>The largest page of each list (assignments, users, audits 100; consumption 200).</summary>
        public const int PageLimit = 100;
        public const int ConsumptionPageLimit = 200;

        /// <summary>How long the audits list keeps events (Qlik's description: 90 days, then only in the archive).</summary>
        public static readonly System.TimeSpan AuditRetention = System.TimeSpan.FromDays(90);

        /// <summary>The audit event of a refused licence assignment (added April 2026; what triggers it is unconfirmed).</summary>
        public const string AssignmentRejectedEvent = "com.qlik.license.assignment.rejected";

        /// <summary>Licence usage of consumption records that count as use of an assigned licence.</summary>
        public const string AssignedLicenseUsage = "ASSIGNED_LICENSE";

        /// <summary>The item code of an add refused for want of a seat.</summary>
        public const string NoLicenseLeftCode = "LICENSES-011";

        /// <summary>The item code of a delete of an assignment the tenant does not have.</summary>
        public const string AssignmentNotFoundCode = "LICENSES-016";
    }
}
