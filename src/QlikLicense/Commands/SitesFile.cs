using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Reads a sites file (.psd1) the way Import-PowerShellDataFile does: parsed, never run, and only data accepted
    /// (the parser's safe-value check: strings, numbers, $true, $false, $null, arrays and hashtables), which works
    /// the same in Windows PowerShell 5.1 and PowerShell 7. The engine checks each site on its own
    /// (<see cref="SitesFileEntries"/>): a bad one is a problem about its entry and the others are returned.
    /// </summary>
    internal static class SitesFile
    {
        /// <summary>The sites of the file at <paramref name="path"/> (a full file-system path), and a problem per bad site.</summary>
        /// <exception cref="ConnectionSetupException">The file cannot be read as a sites file at all.</exception>
        public static (IReadOnlyList<SiteEntry> Sites, IReadOnlyList<OperationProblem> Problems) Read(string path) =>
            SitesFileEntries.Check(path, SiteList(path));

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
                data = Plain(table.SafeGetValue());
            }
            catch (InvalidOperationException)
            {
                // PowerShell's message quotes the whole hashtable, secrets and all: name the line instead.
                throw FileError(new InvalidDataException(Messages.SitesFiles.NotData(path, Messages.SitesFiles.CodeAt(FirstCodeLine(table)))),
                    ErrorIds.SitesFileInvalid, ErrorCategory.InvalidData, path);
            }
            var sites = SitesFileEntries.Setting(data as IDictionary, "Sites", out _);
            switch (sites)
            {
                // An empty list would run nothing and report nothing: the file is wrong, not the sites.
                case object?[] list when list.Length == 0:
                    throw FileError(new InvalidDataException(Messages.SitesFiles.EmptySites(path)), ErrorIds.SitesFileInvalid, ErrorCategory.InvalidData, path);
                case object?[] list: return list;
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

        /// <summary>The file's values without PowerShell's wrappers, as the engine reads them.</summary>
        private static object? Plain(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            switch (value)
            {
                case IDictionary table:
                    var plain = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry pair in table) plain[pair.Key] = Plain(pair.Value);
                    return plain;
                case object?[] list:
                    return list.Select(Plain).ToArray();
                default:
                    return value;
            }
        }

        private static ConnectionSetupException FileError(Exception error, string errorId, ErrorCategory category, string path) =>
            new ConnectionSetupException(new ErrorRecord(error, errorId, category, path));
    }
}
