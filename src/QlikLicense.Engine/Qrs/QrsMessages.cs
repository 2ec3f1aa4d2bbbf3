using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// The wording of the problems the Qlik Sense site reports, by area as the cmdlets' <c>Messages</c>. Users read
    /// them in scheduled runs' logs and scripts match on some: keep each one saying what went wrong and what to do.
    /// </summary>
    internal static class QrsMessages
    {
        /// <summary>Sending requests and QRS's answers to them.</summary>
        internal static class Requests
        {
            public const string NoAuthentication = "The connection settings name no authentication.";
            public const string NoAnswer = "QRS gave neither an answer nor a failure.";
            public const string TlsHandshakeFailed = " The TLS handshake failed. " + TransportMessages.Certificates.TlsHint;
            public const string ClientCertificateRefused = " If the server closed the connection during the TLS handshake, it may not accept this client certificate.";

            /// <summary>The verbose line of one request: method, path, status (or "failed") and time, never the Xrfkey or a secret.</summary>
            public static string Sent(string method, string path, int? statusCode, long milliseconds, string retrying) =>
                string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} ({3} ms){4}", method, path,
                    statusCode == null ? "failed" : statusCode.Value.ToString(CultureInfo.InvariantCulture), milliseconds, retrying);

            public static string Retrying(TimeSpan delay, int nextTry, int tries) =>
                string.Format(CultureInfo.InvariantCulture, ", retrying in {0:0.0} s (try {1} of {2})", delay.TotalSeconds, nextTry, tries);

            public static string Timeout(string method, string path, TimeSpan timeout) =>
                string.Format(CultureInfo.InvariantCulture, "QRS did not answer {0} {1} within {2:0.#} s.", method, path, timeout.TotalSeconds);

            public static string Unreachable(string server, int port, string method, string path, string detail, string hint) =>
                $"Could not reach {server}:{port} for {method} {path}: {detail}.{hint}";

            public static string LoginPage(string method, string path, bool windowsAuthentication) =>
                $"The server answered {method} {path} with an HTML page, not JSON: the request reached a login form, so it was not authenticated. " +
                (windowsAuthentication
                    ? "Check the credentials and that the virtual proxy uses Windows authentication."
                    : "Check -VirtualProxyPrefix and the virtual proxy's authentication settings.");

            public static string AccessHint(bool throughProxy) => throughProxy
                ? "Check -VirtualProxyPrefix and that the virtual proxy accepts this kind of authentication and user."
                : "Check that the client certificate is the site's exported client certificate and that the X-Qlik-User (-UserDirectory, -UserId) is allowed to do this.";

            public static string AccessDenied(string method, string path, string reason, string hint) => $"QRS refused {method} {path} ({reason}). {hint}";

            public static string NotFound(string method, string path) => $"QRS has nothing at {method} {path} (404 NotFound).";

            public static string Conflict(string method, string path) => $"QRS refused {method} {path} because the entity changed since it was read (409 Conflict).";

            public static string ServerError(string method, string path, string reason, int attempts) =>
                $"QRS failed {method} {path} ({reason}) after {attempts} {(attempts == 1 ? "try" : "tries")}.";

            public static string Rejected(string method, string path, string reason, string? body) =>
                $"QRS rejected {method} {path} ({reason}){(string.IsNullOrEmpty(body) ? "." : ": " + body)}";
        }

        /// <summary>Answers that are not the JSON QRS sends.</summary>
        internal static class Answers
        {
            public const string Empty = "the answer is empty";
            public const string NotAnArray = "expected a JSON array";
            public const string ArrayNotClosed = "the answer ended before the array was closed";
            public const string NotAnObjectInArray = "expected an object in the array";
            public const string CountNotANumber = "The count answer is neither a number nor {\"value\":n}.";

            public static string InvalidJson(string method, string path, string detail) => $"The answer to {method} {path} is not the JSON QRS sends ({detail}).";

            public static string NotAnObject(JTokenType tokenType) => $"expected a JSON object, not {tokenType}";

            public static string UnexpectedValue(string reason) => "a value of an unexpected type or format: " + reason;

            public static string CutOff(string reason) => "the answer was cut off: " + reason;
        }

        /// <summary>TLS, the server's certificate and the client certificate.</summary>
        internal static class Certificates
        {
            public const string NeitherRsaNorEcdsa = "it is neither an RSA nor an ECDSA key";

            public static string Untrusted(ServerCertificateInfo? seen) => seen == null
                ? "The TLS handshake with the server failed. " + TransportMessages.Certificates.TlsHint
                : $"The server's certificate is not trusted: subject '{seen.Subject}', issued by '{seen.Issuer}', thumbprint {seen.Thumbprint} ({seen.Problem}). " +
                  $"Trust the site's CA with -CaCertificatePath (the root.cer exported from the site), or pin this certificate with -TrustedCertificateThumbprint {seen.Thumbprint}" +
                  (seen.IssuerThumbprint != null ? $" (or its CA: {seen.IssuerThumbprint})." : ".");

            public static string PrivateKeyUnopenable(X509Certificate2 certificate, string storeName, string reason) =>
                $"The private key of certificate {certificate.Thumbprint} ({certificate.Subject}) in the {storeName} store cannot be opened by " +
                $"{Environment.UserDomainName}\\{Environment.UserName}: {reason}. Run PowerShell as administrator, or grant this account read access " +
                "to the key (certlm.msc, the certificate, All Tasks, Manage Private Keys), or use -CertificatePath with the exported client.pfx.";
        }

        /// <summary>Building filters.</summary>
        internal static class Filters
        {
            public const string EmptyBatch = "A batch needs at least one item.";

            public const string RawFilterOfRelatedUser = "A user filter in the site's own language cannot be applied to the users of allocations.";

            public static string NotAPropertyPath(string? property) => string.Format(CultureInfo.InvariantCulture, "'{0}' is not a QRS property path.", property);
        }

        /// <summary>Giving allocations back.</summary>
        internal static class Allocations
        {
            public static string ReinstateRefused(int? statusCode) => $"The site refused to reinstate by PUT ({statusCode}); allocating by POST instead.";
        }

        /// <summary>Creating and removing license rules with their access groups.</summary>
        internal static class LicenseRules
        {
            public static string NoAccessGroupId(string path) => $"The answer to POST {path} carries no access group id.";

            public static string NotTheRuleSent(string path) => $"The answer to POST {path} is not the license rule that was sent.";

            public static string NotAnAudit(string path) => $"The answer to POST {path} is not the audit object QRS sends.";

            public static string AccessGroupLeftAfterCreate(LicenseRuleDefinition definition, string failure, Guid groupId, string cleanupFailure) =>
                $"Creating the license rule '{definition.Name}' failed ({failure}), and removing the {ModelMessages.Access(definition.Type)} group " +
                $"{groupId:D} created for it failed too ({cleanupFailure}). Remove that access group in the QMC.";

            public static string AccessGroupLeftAfterRemove(LicenseRule rule, Guid groupId, string failure) =>
                $"{rule.Description} was removed, but its {ModelMessages.Access(rule.Type)} group {groupId:D} was not: {failure} " +
                "It grants nothing without the rule; remove it in the QMC or run Remove-QlikLicenseRule again later.";

            /// <summary>A rule the audit could not evaluate: QRS's error message (or the failed state) and where in the rule text.</summary>
            public static string AuditFailure(string? ruleName, string failure, int? errorAt)
            {
                var text = errorAt != null && errorAt.Value >= 0 ? failure + $" (at character {errorAt.Value})" : failure;
                return ruleName == null ? text : $"rule '{ruleName}': {text}";
            }
        }

        /// <summary>Whether the License Monitor app is current.</summary>
        internal static class Monitor
        {
            public const string NeverReloaded = "It has never been reloaded.";
            public const string NoReloadTask = "It has no reload task, so it will not be reloaded.";

            public static string LastReloadFailed(string? taskName, DateTime? started, ReloadTaskStatus status) =>
                $"Its last reload failed: task '{taskName}', started {QlikDates.ToMessageText(started)}, ended {status}.";

            public static string TooOld(TimeSpan age, DateTime? lastReload, TimeSpan maximumAge) =>
                $"Its data is {Duration(age)} old (last reloaded {QlikDates.ToMessageText(lastReload)}), older than the maximum age of {Duration(maximumAge)}.";

            public static string TasksDisabled(int taskCount) => taskCount == 1 ? "Its reload task is disabled." : "All its reload tasks are disabled.";

            /// <summary>No copy in the stream; the copies elsewhere are named so nobody mistakes one of them for the app that counts.</summary>
            public static string NotPublished(string appName, string streamName, IReadOnlyList<LicenseMonitorCheck.MonitorApp> copies)
            {
                var text = $"No '{appName}' app is published in the '{streamName}' stream.";
                if (copies.Count == 0) return text;
                var where = copies.Select(app => app.Published ? $"published in '{app.StreamName}'" : "unpublished").Distinct();
                return text + $" The site holds {copies.Count} other app(s) of that name ({string.Join(", ", where)}); they are not the app the License Monitor's task reloads.";
            }

            /// <summary>"10 days", "5.5 hours", "20 minutes": invariant culture, one decimal at most.</summary>
            private static string Duration(TimeSpan span)
            {
                if (span.TotalDays >= 1) return Count(span.TotalDays, "day");
                if (span.TotalHours >= 1) return Count(span.TotalHours, "hour");
                return Count(span.TotalMinutes, "minute");
            }

            private static string Count(double value, string unit)
            {
                var rounded = Math.Round(value, 1);
                return rounded.ToString("0.#", CultureInfo.InvariantCulture) + " " + unit + (rounded == 1 ? string.Empty : "s");
            }
        }
    }
}
