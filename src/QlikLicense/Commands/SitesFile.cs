using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Reads a sites file (.psd1) the way Import-PowerShellDataFile does: parsed, never run, and only data accepted
    /// (the parser's safe-value check: strings, numbers, $true, $false, $null, arrays and hashtables), which works
    /// the same in Windows PowerShell 5.1 and PowerShell 7. Each site is checked on its own: a bad one gives an
    /// error record about its entry and the others are returned.
    /// </summary>
    internal static class SitesFile
    {
        private static readonly string[] Known =
        {
            nameof(SiteEntry.Name), nameof(SiteEntry.Server), nameof(SiteEntry.Port), nameof(SiteEntry.VirtualProxyPrefix),
            nameof(SiteEntry.CertificateThumbprint), nameof(SiteEntry.CertificatePath), nameof(SiteEntry.CertificatePasswordPath),
            nameof(SiteEntry.UserDirectory), nameof(SiteEntry.UserId), nameof(SiteEntry.CaCertificatePath),
            nameof(SiteEntry.TrustedCertificateThumbprint), nameof(SiteEntry.UseDefaultCredentials), nameof(SiteEntry.TimeoutSec),
        };

        /// <summary>Words that make a setting a secret (CertificatePasswordPath names a file, so it is not one).</summary>
        private static readonly string[] SecretWords = { "password", "secret", "token", "jwt", "credential", "apikey", "privatekey" };

        /// <summary>The sites of the file at <paramref name="path"/> (a full file-system path), and an error record per bad site.</summary>
        /// <exception cref="ConnectionSetupException">The file cannot be read as a sites file at all.</exception>
        public static (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<ErrorRecord> Errors) Read(string path)
        {
            var sites = new List<SiteEntry>();
            var errors = new List<ErrorRecord>();
            var position = 0;
            foreach (var item in SiteList(path))
            {
                var entry = new SiteEntry(path, ++position);
                var error = Fill(entry, item, Path.GetDirectoryName(path) ?? string.Empty);
                if (error == null && sites.Any(site => string.Equals(site.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
                    error = Invalid(ErrorIds.SiteNameDuplicate, Messages.SitesFiles.Duplicate(entry.Label), entry);
                if (error != null) errors.Add(error);
                else sites.Add(entry);
            }
            return (sites, errors);
        }

        private static IEnumerable<object?> SiteList(string path)
        {
            if (!File.Exists(path))
                throw FileError(new FileNotFoundException(Messages.SitesFiles.NotFound(path), path), ErrorIds.SitesFileNotFound, ErrorCategory.ObjectNotFound, path);
            var script = Parser.ParseFile(path, out _, out var parseErrors);
            if (parseErrors.Length > 0)
            {
                var first = parseErrors[0];
                throw FileError(new InvalidDataException(Messages.SitesFiles.NotParsable(path, $"line {first.Extent.StartLineNumber}: {WithoutFileText(first)}")),
                    ErrorIds.SitesFileInvalid, ErrorCategory.ParserError, path);
            }
            // One hashtable and nothing else: a statement beside it would be code, which a data file never holds.
            var statement = script.ParamBlock == null && script.BeginBlock == null && script.ProcessBlock == null && script.EndBlock?.Statements.Count == 1
                ? script.EndBlock.Statements[0] as PipelineAst : null;
            var table = (statement?.PipelineElements.Count == 1 ? statement.PipelineElements[0] as CommandExpressionAst : null)?.Expression as HashtableAst;
            if (table == null)
                throw FileError(new InvalidDataException(Messages.SitesFiles.NotData(path, "it must be one hashtable, " + Messages.SitesFiles.Example)),
                    ErrorIds.SitesFileInvalid, ErrorCategory.InvalidData, path);
            object? data;
            try
            {
                data = table.SafeGetValue();
            }
            catch (InvalidOperationException)
            {
                // PowerShell's message quotes the whole hashtable, secrets and all: name the line instead.
                throw FileError(new InvalidDataException(Messages.SitesFiles.NotData(path, Messages.SitesFiles.CodeAt(FirstCodeLine(table)))),
                    ErrorIds.SitesFileInvalid, ErrorCategory.InvalidData, path);
            }
            var sites = Setting(data as IDictionary, "Sites", out _);
            switch (sites)
            {
                case object[] list: return list;
                case IDictionary single: return new object[] { single };
                default: throw FileError(new InvalidDataException(Messages.SitesFiles.NoSites(path)), ErrorIds.SitesFileInvalid, ErrorCategory.InvalidData, path);
            }
        }

        /// <summary>A parse error's message without the file's text it may quote (the token could be a secret).</summary>
        private static string WithoutFileText(ParseError error) =>
            string.IsNullOrEmpty(error.Extent.Text) ? error.Message : error.Message.Replace(error.Extent.Text, "...");

        /// <summary>The line of the first part of the table that is not data (a command, script block, expandable string...).</summary>
        private static int FirstCodeLine(HashtableAst table) =>
            table.Find(ast => !(ast is HashtableAst || ast is ArrayLiteralAst || ast is ArrayExpressionAst || ast is StatementBlockAst
                                || ast is PipelineAst || ast is CommandExpressionAst || ast is ConstantExpressionAst || ast is VariableExpressionAst
                                || ast is ParenExpressionAst || ast is UnaryExpressionAst), searchNestedScriptBlocks: true)?.Extent.StartLineNumber
            ?? table.Extent.StartLineNumber;

        /// <summary>Fills <paramref name="entry"/> from one site's hashtable; the error record of its first problem, or null.</summary>
        private static ErrorRecord? Fill(SiteEntry entry, object? item, string folder)
        {
            if (!(item is IDictionary settings))
                return Invalid(ErrorIds.SiteEntryInvalid, Messages.SitesFiles.NotAnEntry(item), entry);
            entry.Name = Setting(settings, nameof(SiteEntry.Name), out _) as string;
            foreach (var key in settings.Keys.Cast<object>().Select(key => key?.ToString() ?? string.Empty))
            {
                if (Known.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                // Named, never shown: the value of a secret must not reach an error record or a log.
                if (SecretWords.Any(word => key.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
                    return new ErrorRecord(new System.Security.SecurityException(Messages.SitesFiles.Secret(entry.Label, key)), ErrorIds.SiteSecretInFile, ErrorCategory.SecurityError, entry);
                return Invalid(ErrorIds.SiteSettingUnknown, Messages.SitesFiles.Unknown(entry.Label, key, string.Join(", ", Known)), entry);
            }
            string? problem = null;
            string? Text(string key)
            {
                var value = Setting(settings, key, out var given);
                if (given && !(value is string)) problem ??= Messages.SitesFiles.NotText(entry.Label, key);
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
            var thumbprints = Setting(settings, nameof(SiteEntry.TrustedCertificateThumbprint), out var pinned);
            entry.TrustedCertificateThumbprint = thumbprints is string one ? new[] { one } : (thumbprints as object[])?.OfType<string>().ToArray();
            if (pinned && entry.TrustedCertificateThumbprint == null) problem ??= Messages.SitesFiles.NotText(entry.Label, nameof(SiteEntry.TrustedCertificateThumbprint));
            entry.Name = Text(nameof(SiteEntry.Name));
            if (problem != null) return Invalid(ErrorIds.SiteSettingInvalid, problem, entry);

            var port = Setting(settings, nameof(SiteEntry.Port), out var portGiven);
            if (portGiven)
            {
                if (!(port is int number) || number < 1 || number > 65535) return Invalid(ErrorIds.SiteSettingInvalid, Messages.SitesFiles.NotPort(entry.Label), entry);
                entry.Port = number;
            }
            var timeout = Setting(settings, nameof(SiteEntry.TimeoutSec), out var timeoutGiven);
            if (timeoutGiven)
            {
                if (!(timeout is int seconds) || seconds < 1 || seconds > 3600) return Invalid(ErrorIds.SiteSettingInvalid, Messages.SitesFiles.NotTimeout(entry.Label), entry);
                entry.TimeoutSec = seconds;
            }
            var windows = Setting(settings, nameof(SiteEntry.UseDefaultCredentials), out var windowsGiven);
            if (windowsGiven && !(windows is bool)) return Invalid(ErrorIds.SiteSettingInvalid, Messages.SitesFiles.NotFlag(entry.Label, nameof(SiteEntry.UseDefaultCredentials)), entry);
            entry.UseDefaultCredentials = windows is true;

            if (string.IsNullOrEmpty(entry.Name)) return Invalid(ErrorIds.SiteSettingMissing, Messages.SitesFiles.Missing(entry.Label, nameof(SiteEntry.Name)), entry);
            if (entry.Server == null) return Invalid(ErrorIds.SiteSettingMissing, Messages.SitesFiles.Missing(entry.Label, nameof(SiteEntry.Server)), entry);
            var conflict = Conflict(entry);
            if (conflict != null) return Invalid(ErrorIds.SiteSettingsConflict, conflict, entry);
            if (entry.CertificatePasswordPath != null && entry.CertificatePath == null)
                return Invalid(ErrorIds.SiteSettingsConflict, Messages.SitesFiles.PasswordWithoutFile(entry.Label), entry);
            return null;
        }

        /// <summary>Two ways to authenticate named for one site.</summary>
        private static string? Conflict(SiteEntry entry)
        {
            var ways = new List<string>();
            if (entry.CertificateThumbprint != null) ways.Add(nameof(SiteEntry.CertificateThumbprint));
            if (entry.CertificatePath != null) ways.Add(nameof(SiteEntry.CertificatePath));
            if (entry.UseDefaultCredentials) ways.Add(nameof(SiteEntry.UseDefaultCredentials));
            return ways.Count > 1 ? Messages.SitesFiles.Conflict(entry.Label, ways[0], ways[1]) : null;
        }

        /// <summary>A setting by name, whatever its case; <paramref name="given"/> says whether the key is there at all.</summary>
        private static object? Setting(IDictionary? settings, string key, out bool given)
        {
            given = false;
            if (settings == null) return null;
            foreach (DictionaryEntry pair in settings)
            {
                if (!string.Equals(pair.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase)) continue;
                given = true;
                return pair.Value is PSObject wrapped ? wrapped.BaseObject : pair.Value;
            }
            return null;
        }

        private static ErrorRecord Invalid(string errorId, string message, SiteEntry entry) =>
            new ErrorRecord(new InvalidDataException(message), errorId, ErrorCategory.InvalidData, entry);

        private static ConnectionSetupException FileError(Exception error, string errorId, ErrorCategory category, string path) =>
            new ConnectionSetupException(new ErrorRecord(error, errorId, category, path));
    }
}
