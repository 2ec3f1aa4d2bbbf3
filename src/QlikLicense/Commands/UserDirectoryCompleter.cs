using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    /// <summary>Tab completion of -UserDirectory from the connected site's user directories.</summary>
    public sealed class UserDirectoryCompleter : IArgumentCompleter
    {
        /// <summary>Tab completion must not hang the console on a slow site.</summary>
        private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as QlikConnection
                             ?? fakeBoundParameters?["Connection"] as QlikConnection
                             ?? ConnectionRegistry.Default;
            if (connection == null || connection.IsDisposed) return Array.Empty<CompletionResult>();

            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            try
            {
                using (var timeout = new CancellationTokenSource(CompletionTimeout))
                {
                    var filter = typed.Length == 0 ? null : QrsFilter.StartsWith("userDirectoryName", typed);
                    return connection.Client
                        .Stream(QrsPaths.UserDirectory, json => (string)json["userDirectoryName"] ?? (string)json["name"], new QrsCall(timeout.Token), filter)
                        .Where(name => !string.IsNullOrEmpty(name))
                        .Distinct(StringComparer.OrdinalIgnoreCase)
                        .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
                        .Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name))
                        .ToList();
                }
            }
            catch (Exception error) when (error is QrsException || error is OperationCanceledException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '$', '`', ';', '(', ')', '{', '}', ',', '&', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
    }
}
