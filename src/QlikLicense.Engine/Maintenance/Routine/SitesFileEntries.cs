using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using QlikLicense.Cloud;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// The sites of a sites file, each checked on its own: a bad one is a problem about its entry and the others are
    /// returned. The file is read as data by the caller (a PowerShell data file, parsed and never run), which hands over
    /// its site list: hashtables of strings, numbers, booleans and arrays.
    /// </summary>
    public static class SitesFileEntries
    {
        /// <summary>Settings of a Qlik Sense site only.</summary>
        private static readonly string[] SiteOnly =
        {
            nameof(SiteEntry.Server), nameof(SiteEntry.Port), nameof(SiteEntry.VirtualProxyPrefix),
            nameof(SiteEntry.CertificateThumbprint), nameof(SiteEntry.CertificatePath), nameof(SiteEntry.CertificatePasswordPath),
            nameof(SiteEntry.UserDirectory), nameof(SiteEntry.UserId), nameof(SiteEntry.UseDefaultCredentials),
        };

        /// <summary>Settings of a Qlik Cloud tenant only: any of them makes the entry a tenant's.</summary>
        private static readonly string[] TenantOnly =
        {
            nameof(SiteEntry.Tenant), nameof(SiteEntry.ApiKeyPath), nameof(SiteEntry.ClientId), nameof(SiteEntry.ClientSecretPath),
        };

        private static readonly string[] Known = new[] { nameof(SiteEntry.Name) }.Concat(SiteOnly).Concat(TenantOnly)
            .Concat(new[] { nameof(SiteEntry.CaCertificatePath), nameof(SiteEntry.TrustedCertificateThumbprint), nameof(SiteEntry.TimeoutSec) }).ToArray();

        /// <summary>Words that make a setting a secret (CertificatePasswordPath, ApiKeyPath and ClientSecretPath name files, so they are not one).</summary>
        private static readonly string[] SecretWords = { "password", "secret", "token", "jwt", "credential", "apikey", "privatekey" };

        /// <summary>The sites of the file at <paramref name="path"/> (a full file-system path), and a problem per bad site, in the file's order.</summary>
        /// <param name="sites">The file's Sites list: one item per site.</param>
        public static (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<OperationProblem> Problems) Check(string path, IEnumerable<object?> sites)
        {
            var entries = new List<SiteEntry>();
            var problems = new List<OperationProblem>();
            var position = 0;
            foreach (var item in sites)
            {
                var entry = new SiteEntry(path, ++position);
                var problem = Fill(entry, item, Path.GetDirectoryName(path) ?? string.Empty);
                if (problem == null && entries.Any(site => string.Equals(site.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
                    problem = Invalid(ProblemKind.SiteNameDuplicate, MaintenanceMessages.SitesFiles.Duplicate(entry.Label), entry);
                if (problem != null) problems.Add(problem);
                else entries.Add(entry);
            }
            return (entries, problems);
        }

        /// <summary>A setting by name, whatever its case; <paramref name="given"/> says whether the key is there at all.</summary>
        public static object? Setting(IDictionary? settings, string key, out bool given)
        {
            given = false;
            if (settings == null) return null;
            foreach (DictionaryEntry pair in settings)
            {
                if (!string.Equals(pair.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase)) continue;
                given = true;
                return pair.Value;
            }
            return null;
        }

        /// <summary>Fills <paramref name="entry"/> from one site's hashtable; its first problem, or null.</summary>
        private static OperationProblem? Fill(SiteEntry entry, object? item, string folder)
        {
            if (!(item is IDictionary settings))
                return Invalid(ProblemKind.SiteEntryInvalid, MaintenanceMessages.SitesFiles.NotAnEntry(item), entry);
            entry.Name = Setting(settings, nameof(SiteEntry.Name), out _) as string;
            foreach (var key in settings.Keys.Cast<object>().Select(key => key?.ToString() ?? string.Empty))
            {
                if (Known.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                // Named, never shown: the value of a secret must not reach an error record or a log.
                if (SecretWords.Any(word => key.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
                    return new OperationProblem(ProblemKind.SiteSecretInFile, new SecurityException(MaintenanceMessages.SitesFiles.Secret(entry.Label, key)), entry);
                return Invalid(ProblemKind.SiteSettingUnknown, MaintenanceMessages.SitesFiles.Unknown(entry.Label, key, string.Join(", ", Known)), entry);
            }
            string? problem = null;
            string? Text(string key)
            {
                var value = Setting(settings, key, out var given);
                if (given && !(value is string)) problem ??= MaintenanceMessages.SitesFiles.NotText(entry.Label, key);
                return value is string text && text.Length > 0 ? text : null;
            }
            string? FullPath(string key) => Text(key) is string relative ? Path.GetFullPath(Path.Combine(folder, relative)) : null;

            entry.Server = Text(nameof(SiteEntry.Server));
            entry.VirtualProxyPrefix = Text(nameof(SiteEntry.VirtualProxyPrefix));
            entry.CertificateThumbprint = Text(nameof(SiteEntry.CertificateThumbprint));
            entry.CertificatePath = FullPath(nameof(SiteEntry.CertificatePath));
            entry.CertificatePasswordPath = FullPath(nameof(SiteEntry.CertificatePasswordPath));
            entry.CaCertificatePath = FullPath(nameof(SiteEntry.CaCertificatePath));
            entry.UserDirectory = Text(nameof(SiteEntry.UserDirectory)) ?? entry.UserDirectory;
            entry.UserId = Text(nameof(SiteEntry.UserId)) ?? entry.UserId;
            var tenant = Text(nameof(SiteEntry.Tenant));
            entry.ApiKeyPath = FullPath(nameof(SiteEntry.ApiKeyPath));
            entry.ClientId = Text(nameof(SiteEntry.ClientId));
            entry.ClientSecretPath = FullPath(nameof(SiteEntry.ClientSecretPath));
            var thumbprints = Setting(settings, nameof(SiteEntry.TrustedCertificateThumbprint), out var pinned);
            entry.TrustedCertificateThumbprint = thumbprints is string one ? new[] { one } : (thumbprints as object[])?.OfType<string>().ToArray();
            if (pinned && entry.TrustedCertificateThumbprint == null) problem ??= MaintenanceMessages.SitesFiles.NotText(entry.Label, nameof(SiteEntry.TrustedCertificateThumbprint));
            entry.Name = Text(nameof(SiteEntry.Name));
            if (problem != null) return Invalid(ProblemKind.SiteSettingInvalid, problem, entry);

            var port = Setting(settings, nameof(SiteEntry.Port), out var portGiven);
            if (portGiven)
            {
                if (!(port is int number) || number < 1 || number > 65535) return Invalid(ProblemKind.SiteSettingInvalid, MaintenanceMessages.SitesFiles.NotPort(entry.Label), entry);
                entry.Port = number;
            }
            var timeout = Setting(settings, nameof(SiteEntry.TimeoutSec), out var timeoutGiven);
            if (timeoutGiven)
            {
                if (!(timeout is int seconds) || seconds < 1 || seconds > 3600) return Invalid(ProblemKind.SiteSettingInvalid, MaintenanceMessages.SitesFiles.NotTimeout(entry.Label), entry);
                entry.TimeoutSec = seconds;
            }
            var windows = Setting(settings, nameof(SiteEntry.UseDefaultCredentials), out var windowsGiven);
            if (windowsGiven && !(windows is bool)) return Invalid(ProblemKind.SiteSettingInvalid, MaintenanceMessages.SitesFiles.NotFlag(entry.Label, nameof(SiteEntry.UseDefaultCredentials)), entry);
            entry.UseDefaultCredentials = windows is true;

            if (string.IsNullOrEmpty(entry.Name)) return Invalid(ProblemKind.SiteSettingMissing, MaintenanceMessages.SitesFiles.Missing(entry.Label, nameof(SiteEntry.Name)), entry);
            if (TenantOnly.Any(key => Given(settings, key))) return CheckTenant(entry, settings, tenant);
            if (entry.Server == null) return Invalid(ProblemKind.SiteSettingMissing, MaintenanceMessages.SitesFiles.Missing(entry.Label, nameof(SiteEntry.Server)), entry);
            var conflict = Conflict(entry);
            if (conflict != null) return Invalid(ProblemKind.SiteSettingsConflict, conflict, entry);
            if (entry.CertificatePasswordPath != null && entry.CertificatePath == null)
                return Invalid(ProblemKind.SiteSettingsConflict, MaintenanceMessages.SitesFiles.BelongsWith(entry.Label, nameof(SiteEntry.CertificatePasswordPath), nameof(SiteEntry.CertificatePath)), entry);
            return null;
        }

        /// <summary>The checks of a Qlik Cloud tenant's entry: its URL and one way to authenticate, with no setting of a site.</summary>
        private static OperationProblem? CheckTenant(SiteEntry entry, IDictionary settings, string? tenant)
        {
            var siteSetting = SiteOnly.FirstOrDefault(key => Given(settings, key));
            if (siteSetting != null) return Invalid(ProblemKind.SiteSettingsConflict, MaintenanceMessages.SitesFiles.SiteSettingOfTenant(entry.Label, siteSetting), entry);
            if (tenant == null) return Invalid(ProblemKind.SiteSettingMissing, MaintenanceMessages.SitesFiles.Missing(entry.Label, nameof(SiteEntry.Tenant)), entry);
            entry.Tenant = CloudConnectionSettings.TenantUrl(tenant);
            if (entry.Tenant == null) return Invalid(ProblemKind.SiteSettingInvalid, MaintenanceMessages.SitesFiles.NotTenantUrl(entry.Label), entry);
            if (entry.ApiKeyPath != null && (entry.ClientSecretPath ?? entry.ClientId) != null)
                return Invalid(ProblemKind.SiteSettingsConflict, MaintenanceMessages.SitesFiles.Conflict(entry.Label, nameof(SiteEntry.ApiKeyPath),
                    entry.ClientSecretPath != null ? nameof(SiteEntry.ClientSecretPath) : nameof(SiteEntry.ClientId)), entry);
            if (entry.ApiKeyPath == null && entry.ClientId == null && entry.ClientSecretPath == null)
                return Invalid(ProblemKind.SiteSettingMissing, MaintenanceMessages.SitesFiles.NoTenantCredentials(entry.Label), entry);
            if (entry.ClientSecretPath != null && entry.ClientId == null)
                return Invalid(ProblemKind.SiteSettingMissing, MaintenanceMessages.SitesFiles.BelongsWith(entry.Label, nameof(SiteEntry.ClientSecretPath), nameof(SiteEntry.ClientId)), entry);
            if (entry.ClientId != null && entry.ClientSecretPath == null)
                return Invalid(ProblemKind.SiteSettingMissing, MaintenanceMessages.SitesFiles.BelongsWith(entry.Label, nameof(SiteEntry.ClientId), nameof(SiteEntry.ClientSecretPath)), entry);
            return null;
        }

        private static bool Given(IDictionary settings, string key)
        {
            Setting(settings, key, out var given);
            return given;
        }

        /// <summary>Two ways to authenticate named for one site.</summary>
        private static string? Conflict(SiteEntry entry)
        {
            var ways = new List<string>();
            if (entry.CertificateThumbprint != null) ways.Add(nameof(SiteEntry.CertificateThumbprint));
            if (entry.CertificatePath != null) ways.Add(nameof(SiteEntry.CertificatePath));
            if (entry.UseDefaultCredentials) ways.Add(nameof(SiteEntry.UseDefaultCredentials));
            return ways.Count > 1 ? MaintenanceMessages.SitesFiles.Conflict(entry.Label, ways[0], ways[1]) : null;
        }

        private static OperationProblem Invalid(ProblemKind kind, string message, SiteEntry entry) =>
            new OperationProblem(kind, new InvalidDataException(message), entry);
    }
}
