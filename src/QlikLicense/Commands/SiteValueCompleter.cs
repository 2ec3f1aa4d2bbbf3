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
    /// <summary>Tab completion from the connected site; quiet (no completions) when there is no connection or the site fails.</summary>
    public abstract class SiteValueCompleter : IArgumentCompleter
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
                    return Values(connection, typed, new SiteCall(timeout.Token))
                        .OfType<string>()
                        .Where(value => value.Length > 0 && value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                        .Distinct(StringComparer.OrdinalIgnoreCase)
                        .OrderBy(value => value, StringComparer.OrdinalIgnoreCase)
                        .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value))
                        .ToList();
                }
            }
            catch (Exception error) when (error is SiteException || error is OperationCanceledException || error is NotSupportedException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The site's values that may start with what was typed (filtered on the server where QRS can); missing ones are left out.</summary>
        protected abstract IEnumerable<string?> Values(QlikConnection connection, string typed, SiteCall call);

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '@', '#', '*', '?', '[', ']' }) < 0
                ? value
                : "'" + value.Replace("'", "''") + "'";
    }
}
