using System;
using System.IO;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>Where a site keeps its logs when the caller names no folder (the archived ones: <see cref="Model.ILogFileSite.ReadArchivedLogFolders"/>).</summary>
    public static class SiteLogFolders
    {
        /// <summary>The live logs of the node this runs on: %ProgramData%\Qlik\Sense\Log.</summary>
        public static string LocalNodeFolder =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Qlik", "Sense", "Log");
    }
}
