using System;
using QlikLicense.Rules;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// The wording of the problems the Qlik Sense site reports, by area as the cmdlets' <c>Messages</c>. Users read
    /// them in scheduled runs' logs and scripts match on some: keep each one saying what went wrong and what to do.
    /// </summary>
    internal static class QrsMessages
    {
        /// <summary>QRS's answers to requests.</summary>
        internal static class Requests
        {
            public static string AccessDenied(string method, string path, string reason, string hint) => $"QRS refused {method} {path} ({reason}). {hint}";

            public static string NotFound(string method, string path) => $"QRS has nothing at {method} {path} (404 NotFound).";

            public static string Conflict(string method, string path) => $"QRS refused {method} {path} because the entity changed since it was read (409 Conflict).";

            public static string ServerError(string method, string path, string reason, int attempts) =>
                $"QRS failed {method} {path} ({reason}) after {attempts} {(attempts == 1 ? "try" : "tries")}.";

            public static string Rejected(string method, string path, string reason, string? body) =>
                $"QRS rejected {method} {path} ({reason}){(string.IsNullOrEmpty(body) ? "." : ": " + body)}";
        }

        /// <summary>Creating and removing license rules with their access groups.</summary>
        internal static class LicenseRules
        {
            public static string NoAccessGroupId(string path) => $"The answer to POST {path} carries no access group id.";

            public static string NotTheRuleSent(string path) => $"The answer to POST {path} is not the license rule that was sent.";

            public static string NotAnAudit(string path) => $"The answer to POST {path} is not the audit object QRS sends.";

            public static string AccessGroupLeftAfterCreate(LicenseRuleDefinition definition, string failure, Guid groupId, string cleanupFailure) =>
                $"Creating the license rule '{definition.Name}' failed ({failure}), and removing the {definition.Type} access group " +
                $"{groupId:D} created for it failed too ({cleanupFailure}). Remove that access group in the QMC.";

            public static string AccessGroupLeftAfterRemove(LicenseRule rule, Guid groupId, string failure) =>
                $"{rule.Description} was removed, but its {rule.Type} access group {groupId:D} was not: {failure} " +
                "It grants nothing without the rule; remove it in the QMC or run Remove-QlikLicenseRule again later.";
        }
    }
}
