using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Maintenance
{
    /// <summary>Where a site keeps its logs when the caller names no folder.</summary>
    public static class SiteLogFolders
    {
        /// <summary>The live logs of the node this runs on: %ProgramData%\Qlik\Sense\Log.</summary>
        public static string LocalNodeFolder =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Qlik", "Sense", "Log");

        /// <summary>
        /// The ArchivedLogs folders of the site's service clusters (settings.sharedPersistenceProperties:
        /// archivedLogsRootFolder, else the share's rootFolder + ArchivedLogs); empty when QRS names none.
        /// </summary>
        public static IReadOnlyList<string> ArchivedLogsRoots(QlikConnection connection, QrsCall call) =>
            connection.Client.Stream(QrsPaths.Full(QrsPaths.ServiceCluster), ArchivedLogsRoot, call)
                .Where(root => root != null).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        private static string ArchivedLogsRoot(JObject cluster)
        {
            var shared = cluster["settings"]?["sharedPersistenceProperties"] as JObject;
            var archived = ((string)shared?["archivedLogsRootFolder"]).NullIfEmpty();
            if (archived != null) return archived;
            var root = ((string)shared?["rootFolder"]).NullIfEmpty();
            return root == null ? null : Path.Combine(root, "ArchivedLogs");
        }
    }
}
