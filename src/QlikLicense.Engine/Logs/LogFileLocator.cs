using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Turns the paths a caller gives into the log files to scan: a file as it is, a folder searched recursively
    /// for live (.txt) and rolled (.log) logs, and <c>*</c> / <c>?</c> wildcards in the last path segment (matching
    /// entries are taken as files or searched as folders). Relative paths are relative to the process's current
    /// directory, so a cmdlet passes provider paths it has already resolved.
    /// </summary>
    public static class LogFileLocator
    {
        private static readonly string[] LogExtensions = { ".txt", ".log" };

        private static readonly char[] WildcardCharacters = { '*', '?' };

        /// <summary>Case-insensitive on Windows, where the same file can be named in several spellings.</summary>
        private static readonly StringComparer PathComparer =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>
        /// The files under one path. Throws <see cref="LogPathNotFoundException"/> at once (not on enumeration)
        /// when the path, or the folder of a wildcard pattern, does not exist; a pattern matching nothing gives
        /// no files and no error. <paramref name="skipped"/> hears about folders that could not be read.
        /// </summary>
        public static IEnumerable<string> Resolve(string path, Action<string> skipped)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException(LogMessages.EmptyPath, nameof(path));
            if (skipped == null) throw new ArgumentNullException(nameof(skipped));

            var fileName = Path.GetFileName(path);
            if (fileName.IndexOfAny(WildcardCharacters) >= 0)
            {
                var folder = Path.GetDirectoryName(path);
                folder = string.IsNullOrEmpty(folder) ? Directory.GetCurrentDirectory() : Path.GetFullPath(folder);
                if (!Directory.Exists(folder)) throw new LogPathNotFoundException(path);
                return MatchPattern(folder, WildcardToRegex(fileName), skipped);
            }

            var fullPath = Path.GetFullPath(path);
            if (File.Exists(fullPath)) return new[] { fullPath };
            if (Directory.Exists(fullPath)) return SearchFolder(fullPath, skipped);
            throw new LogPathNotFoundException(path);
        }

        /// <summary>
        /// The files under all paths, each file once even when paths overlap. A missing path goes to
        /// <paramref name="notFound"/> and the others are still resolved; without that handler it is thrown.
        /// </summary>
        public static IEnumerable<string> Resolve(IEnumerable<string> paths, Action<string> skipped, Action<LogPathNotFoundException>? notFound = null)
        {
            if (paths == null) throw new ArgumentNullException(nameof(paths));
            var seen = new HashSet<string>(PathComparer);
            foreach (var path in paths)
            {
                IEnumerable<string> files;
                try
                {
                    files = Resolve(path, skipped);
                }
                catch (LogPathNotFoundException error) when (notFound != null)
                {
                    notFound(error);
                    continue;
                }
                foreach (var file in files)
                {
                    if (seen.Add(file)) yield return file;
                }
            }
        }

        private static IEnumerable<string> MatchPattern(string folder, Regex pattern, Action<string> skipped)
        {
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                skipped(LogMessages.FolderUnreadable(folder, error.Message));
                yield break;
            }

            Array.Sort(entries, StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                if (!pattern.IsMatch(Path.GetFileName(entry))) continue;
                if (Directory.Exists(entry))
                {
                    foreach (var file in SearchFolder(entry, skipped)) yield return file;
                }
                else
                {
                    yield return entry;
                }
            }
        }

        /// <summary>
        /// Walks the tree by hand: one unreadable subfolder must not end the search (netstandard2.0 has no
        /// EnumerationOptions.IgnoreInaccessible). Linked subfolders are reported, not followed, so a link
        /// loop cannot make the walk endless.
        /// </summary>
        private static IEnumerable<string> SearchFolder(string root, Action<string> skipped)
        {
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                string[] files, subfolders;
                try
                {
                    files = Directory.GetFiles(folder);
                    subfolders = Directory.GetDirectories(folder);
                }
                catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
                {
                    skipped(LogMessages.FolderUnreadable(folder, error.Message));
                    continue;
                }

                Array.Sort(files, StringComparer.OrdinalIgnoreCase);
                foreach (var file in files)
                {
                    if (HasLogExtension(file)) yield return file;
                }

                Array.Sort(subfolders, StringComparer.OrdinalIgnoreCase);
                for (var index = subfolders.Length - 1; index >= 0; index--)
                {
                    var subfolder = subfolders[index];
                    if (IsLink(subfolder))
                    {
                        skipped(LogMessages.LinkNotFollowed(subfolder));
                        continue;
                    }
                    pending.Push(subfolder);
                }
            }
        }

        private static bool HasLogExtension(string file) =>
            LogExtensions.Any(extension => file.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

        private static bool IsLink(string folder)
        {
            try
            {
                return (File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>File-system wildcards: <c>*</c> any run, <c>?</c> one character, case-insensitive like Windows.</summary>
        private static Regex WildcardToRegex(string pattern)
        {
            var expression = new StringBuilder("^");
            foreach (var character in pattern)
            {
                switch (character)
                {
                    case '*': expression.Append(".*"); break;
                    case '?': expression.Append('.'); break;
                    default: expression.Append(Regex.Escape(character.ToString())); break;
                }
            }
            return new Regex(expression.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }
}
