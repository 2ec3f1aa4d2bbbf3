using System;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The wording of every error and warning the cmdlets write themselves, by area as in <see cref="ErrorIds"/> (the
    /// engine words the problems it reports). Users read them in scheduled runs' logs and scripts match on some: keep
    /// each one saying what went wrong and what to do.
    /// </summary>
    internal static class Messages
    {
        /// <summary>Connections and the requests sent on them.</summary>
        internal static class Connections
        {
            private const string NotConnectedSentences = "Not connected to a Qlik Sense site or Qlik Cloud tenant. Run Connect-QlikSense or Connect-QlikCloud first";

            public const string NotConnected = NotConnectedSentences + ".";
            public const string NotConnectedNorGiven = NotConnectedSentences + ", or pass -Connection.";

            public static string Closed(string site) => $"The connection to {site} was closed by Disconnect-QlikSense. Connect again.";

            public static string InvalidServerName(string server) => $"'{server}' is not a host name or address.";

            public static string InvalidTenant(string tenant) =>
                $"'{tenant}' is not a tenant URL: give https://<tenant>.<region>.qlikcloud.com or its host name.";

            public static string OnlyOnQlikCloud(string command, string site) =>
                $"{command} works on Qlik Cloud tenants only, and {site} is a Qlik Sense site: its licences are assigned automatically by license rules (Get-QlikLicenseRule).";

            /// <param name="instead">What to do instead; null when there is nothing else to do.</param>
            public static string NotSupportedOnQlikCloud(string command, string tenant, string? instead) =>
                $"{command} is not supported on the Qlik Cloud tenant {tenant}" + (instead == null ? "." : ": " + instead);

            public static string CertificateNotChecked(string server) =>
                $"The server certificate of {server} will not be checked on this connection. Prefer -CaCertificatePath or -TrustedCertificateThumbprint.";

            public static string FileNotFound(string path) => $"The file '{path}' does not exist.";

            public static string CertificateFileUnreadable(string path) =>
                $"Cannot open the certificate file '{path}': the password is wrong or the file is not a PFX/PKCS#12 certificate with its key.";

            /// <param name="thumbprint">The thumbprint asked for; empty when the site's client certificate (<paramref name="subject"/>) was looked for.</param>
            public static string CertificateNotFound(string thumbprint, string subject)
            {
                var what = thumbprint.Length > 0 ? $"with thumbprint {thumbprint}" : $"'{subject}' (the site's client certificate)";
                return $"No certificate {what} is in the CurrentUser or LocalMachine 'My' store. Use -CertificatePath with the exported client.pfx, or -CertificateThumbprint.";
            }

            public static string CertificateHasNoPrivateKey(string thumbprint, string subject) =>
                $"The certificate {thumbprint} ({subject}) has no private key, so it cannot authenticate. Export the site's client certificate with its key.";

            public static string CaCertificateUnreadable(string path) => $"'{path}' is not a certificate file (DER or PEM); export the site's root.cer.";

            /// <summary>A failed request's message with the body of the server's answer.</summary>
            public static string ServerSaid(string message, string responseBody) => message + Environment.NewLine + "Server said: " + responseBody;
        }

        /// <summary>Login access groups and analyzer capacity: access shared by groups rather than allocated to a person.</summary>
        internal static class SharedAccess
        {
            public const string NoLoginAccessOnQlikCloud = "a tenant has no token licence; its licences are Professional and Analyzer assignments (Get-QlikLicenseAllocation).";

            public const string NoCapacityUsageOnQlikCloud = "read a tenant's analyzer capacity in its licence overview (Get-QlikLicenseSummary) and consumption records.";

            public static string LoginGroupNotFound(string name, string site) => $"{site} has no login access group named '{name}'.";
        }

        /// <summary>Sites files (-SitesFile): the file as a whole and the entries' password, API key and client secret files (the engine words the checks of each entry).</summary>
        internal static class SitesFiles
        {
            public const string Example = "@{ Sites = @( @{ Name = 'Production'; Server = 'qlik-prod.example.com'; CertificateThumbprint = '...' } ) }";

            public static string NotFound(string path) => $"The sites file '{path}' does not exist.";

            public static string NotParsable(string path, string detail) => $"The sites file '{path}' is not a PowerShell data file: {detail}";

            public static string NotData(string path, string detail) =>
                $"The sites file '{path}' may hold data only (strings, numbers, $true, $false, arrays and hashtables); it was not run: {detail}";

            public static string CodeAt(int line) => $"line {line} holds something else (a command, script block, variable or expression).";

            public static string NoSites(string path) => $"The sites file '{path}' has no Sites list. Write it as {Example}";

            public static string EmptySites(string path) => $"The sites file '{path}' lists no site, so a run would check nothing. Write it as {Example}";

            /// <summary>Leaves the setting's value out: someone may have written the password or key itself there.</summary>
            public static string SecretFileNotFound(string site, string setting) =>
                $"Site {site}: no file is at the path in '{setting}' (a relative path starts at the sites file's folder). " +
                "It takes the path of a file made with  Read-Host -AsSecureString | Export-Clixml <file>, never the secret itself.";

            public static string SecretFileUnreadable(string site, string setting, string path, string detail) =>
                $"Site {site}: the file '{path}' named in '{setting}' cannot be read ({detail}). Make it with  Read-Host -AsSecureString | Export-Clixml '{path}'  " +
                "as the account that runs the task, on the machine that runs it (on Windows the file is protected by DPAPI for that user and machine).";

            public static string SecretFileHoldsNoSecret(string site, string setting, string path, string found) =>
                $"Site {site}: the file '{path}' named in '{setting}' holds a {found}, not a SecureString or PSCredential. Make it with  Read-Host -AsSecureString | Export-Clixml '{path}'.";

            /// <summary>Says what is wrong with the key, never the key.</summary>
            public static string ApiKeyNotHeaderValue(string site, string path) =>
                $"Site {site}: the API key in '{path}' holds spaces, line breaks or other characters an API key never has. Save it again with  Read-Host -AsSecureString | Export-Clixml '{path}'.";
        }

        /// <summary>A tenant's automatic assignment switches.</summary>
        internal static class AutoAssignment
        {
            public const string NothingGiven = "Give -Professional, -Analyzer or both ($true or $false).";
        }

        /// <summary>Users, allocations and the License Monitor.</summary>
        internal static class Allocations
        {
            public static string NamesNoUser(object item) =>
                $"'{item}' names no user: pipe users from Get-QlikUser, or objects with a UserKey or with UserDirectory and UserId.";

            public static string UserNotFound(string site, object identity) => $"The site {site} has no user {identity}.";

            public static string AllocationNotFound(string site, LicenseAccessType type, Guid id) => $"The site {site} has no {type} allocation {id}.";

            public static string OrphanMayBeInUse(LicenseAllocation orphan, string tenant) =>
                $"{orphan.UserId}: the {orphan.Type} assignment has no user in {tenant}. It may be in use on another tenant or a Qlik Sense site " +
                "that shares the licence: release it only if you know it is not.";

            public static string MaximumAgeTooShort(TimeSpan maximumAge) =>
                $"-MaximumAge {maximumAge} is shorter than a minute. Write days as '3.00:00:00' or (New-TimeSpan -Days 3); a bare number is read as ticks.";
        }

        /// <summary>The maintenance history.</summary>
        internal static class History
        {
            public static string NotFound(string path) =>
                $"The maintenance history '{path}' does not exist: Invoke-QlikLicenseMaintenance has recorded no run there yet (runs with -WhatIf are not recorded). Name another file with -Path.";
        }

        /// <summary>Journals: what a command did not do when its journal fails, and journals of another site.</summary>
        internal static class Journals
        {
            // The routine says the same when its journal fails: one wording, the engine's.
            public const string NothingRemoved = MaintenanceMessages.Routine.NothingRemoved;
            public const string NothingRestored = "Nothing was restored.";
            public const string NothingUndone = "Nothing was undone.";
            public const string NothingCreated = "Nothing was created.";
            public const string NothingChanged = "Nothing was changed.";

            public static string DefaultInScheduledRun(string path, string dataFolderVariable) =>
                $"Changes are journaled in {path}, the default of this account. In scheduled runs choose the journal with -JournalPath or, for every account, with the machine's {dataFolderVariable} environment variable.";

            public static string RecordsExpected(string command, string nothingDone) =>
                $"{command} takes the changes to act on from Get-QlikLicenseJournal on the pipeline, and what was piped in is not a journal record. " +
                "Pipe records of Get-QlikLicenseJournal, or name a journal with -JournalPath and pipe nothing." + Then(nothingDone);

            private static string Then(string nothingDone) => nothingDone.Length > 0 ? " " + nothingDone : string.Empty;
        }

        /// <summary>Log files and the license denials read from them.</summary>
        internal static class Denials
        {
            public const string RawNeedsLogs =
                "-Raw lists the denial lines of log files, and a tenant keeps none. Leave out -Raw for one object per user refused a licence (from the tenant's audit events).";

            public const string NoLogPath =
                @"Name the log files or folders with -Path (on a node: $env:ProgramData\Qlik\Sense\Log), or connect with Connect-QlikSense so that the site's archived logs folder can be found.";

            public static string NotFileSystemPath(string path) => $"'{path}' is not a file-system path: logs are files.";

            public static string SinceAfterUntil(DateTimeOffset since, DateTimeOffset until) =>
                $"-Since ({QlikDates.ToMessageText(since.UtcDateTime)}) is later than -Until ({QlikDates.ToMessageText(until.UtcDateTime)}).";
        }

        /// <summary>License rules.</summary>
        internal static class Rules
        {
            public const string NoRulesOnQlikCloud =
                "Qlik Cloud has no license rules. Its only automatic assignment is the tenant-wide switch for Professional and Analyzer " +
                "(Get-QlikLicenseAutoAssignment, Set-QlikLicenseAutoAssignment); assign users yourself with Add-QlikLicenseAllocation.";

            public const string DisabledAndEnabled = "Use -Disabled or -Enabled, not both.";
            public const string NothingToChange = "Say what to change: -Rule, -Name, -Comment, -Disabled or -Enabled.";
            public const string ReadChangedRuleAgain = "Read the rule again with Get-QlikLicenseRule, compare it with your change, and apply your change to what you read.";

            /// <param name="type">The type asked for, if any.</param>
            public static string NotFound(LicenseAccessType? type, string name) => $"There is no {(type != null ? type + " " : string.Empty)}license rule named '{name}'.";

            public static string NameTaken(string name, string site) =>
                $"A license rule named '{name}' already exists on {site}. Change it with Set-QlikLicenseRule, or choose another name.";

            public static string GrantsNothing(string rule, LicenseAccessType type, Guid? accessGroupId) =>
                $"{rule} fills the {Model.ModelMessages.Access(type)} group {accessGroupId:D}, which does not exist: the rule grants nothing. Remove it with Remove-QlikLicenseRule.";

            /// <summary>Why rule text cannot be previewed; part of -WhatIf text and of a warning.</summary>
            public static string NoAccessGroupToPreview(LicenseAccessType type) =>
                $"no {Model.ModelMessages.Access(type)} group exists yet to preview the rule against; create it with -Disabled and run Test-QlikLicenseRule on it";

            public static string NothingToShow(LicenseAccessType type) => "Nothing to show: " + NoAccessGroupToPreview(type) + ".";
        }

        /// <summary>Parameter values the validation attributes refuse.</summary>
        internal static class Parameters
        {
            public const string HeaderValueInvalid =
                "The value cannot be sent in an HTTP header: it may hold printable ASCII characters only, no line breaks or other control characters.";

            public const string TokenInvalid =
                "The value cannot be sent in an HTTP header: it may hold printable ASCII characters only, no spaces or line breaks (was a line break copied with it?).";

            public static string HeaderNameInvalid(string name) =>
                $"'{name}' is not an HTTP header name: use the virtual proxy's header name as it shows in the QMC, letters, digits and '-' only.";

            public static string InFuture(DateTime date) =>
                $"{QlikDates.ToMessageText(date)} is in the future, so every allocation would count as unused. Give a past date, e.g. (Get-Date).AddDays(-90).";

            public static string CustomPropertyMarkInvalid(string mark) =>
                $"'{mark}' is not Name=Value: give the custom property's name, '=', then its value (wildcards allowed), e.g. LicensePolicy=Keep.";

            public static string WildcardPatternInvalid(string pattern) =>
                $"'{pattern}' is not a valid wildcard pattern. To match [ or ] literally, escape them with a backtick (`[ and `]).";
        }

        /// <summary>Suggestions made from denials and inactive users.</summary>
        internal static class Suggestions
        {
            public static string NotAFinding(object item) =>
                $"'{item}' is not a finding: pipe denials from Get-QlikLicenseDenial, allocations from Get-QlikInactiveLicensedUser or analyzer capacity spenders from Get-QlikAnalyzerCapacityUsage.";
        }
    }
}
