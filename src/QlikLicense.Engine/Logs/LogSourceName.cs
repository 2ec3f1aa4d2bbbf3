using System.IO;
using System.Text.RegularExpressions;

namespace QlikLicense.Logs
{
    /// <summary>
    /// The log kind a file belongs to, from its name: live <c>&lt;Machine&gt;_&lt;LogType&gt;_&lt;Service&gt;.txt</c> and
    /// rolled <c>&lt;Machine&gt;_&lt;LogType&gt;_&lt;Service&gt;_&lt;yyyy-MM-ddTHH.mm.ss&gt;Z.log</c> both give
    /// <c>&lt;LogType&gt;_&lt;Service&gt;</c>, whatever the machine (whose name may itself hold underscores).
    /// </summary>
    internal static class LogSourceName
    {
        private static readonly Regex QlikLogName = new Regex(
            @"^.+_(?<kind>[A-Za-z]+_[A-Za-z]+)(?:_\d{4}-\d{2}-\d{2}T\d{2}\.\d{2}\.\d{2}Z)?(?:\.[^_]*)?$",
            RegexOptions.CultureInvariant);

        /// <summary>The kind, or the file name without extension when the name does not follow Qlik's pattern.</summary>
        public static string FromPath(string path)
        {
            var name = Path.GetFileName(path);
            var match = QlikLogName.Match(name);
            return match.Success ? match.Groups["kind"].Value : Path.GetFileNameWithoutExtension(name);
        }
    }
}
