using System.Collections.Generic;

namespace QlikLicense.Model
{
    /// <summary>The optional part of the site seam for sites whose services write log files, in which license denials are found.</summary>
    public interface ILogFileSite
    {
        /// <summary>Folders the site archives its logs in (empty when it names none).</summary>
        IReadOnlyList<string> ReadArchivedLogFolders(SiteCall call);
    }
}
