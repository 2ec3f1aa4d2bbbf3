using System;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// When the monthly routine last ran against a site, so that the next run reads the denials since then.
    /// Kept beside the journals' default folder (see LicenseJournal.DefaultFolder).
    /// </summary>
    public static class MaintenanceState
    {
        /// <summary>The folder of the routine's state and history, beside the journals' default folder.</summary>
        public static string Folder => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(LicenseJournal.DefaultFolder)!, "State");

        public static string PathFor(string site) =>
            System.IO.Path.Combine(Folder, System.IO.Path.GetFileNameWithoutExtension(LicenseJournal.DefaultPath(site)) + ".json");

        /// <summary>UTC of the last completed run; null when there was none or the file cannot be read.</summary>
        public static DateTime? LastRun(string site)
        {
            var path = PathFor(site);
            if (!File.Exists(path)) return null;
            try
            {
                // Dates stay text until QlikDates reads them: Json.NET's own date parsing drops the milliseconds here.
                var state = JsonConvert.DeserializeObject<JObject>(File.ReadAllText(path), new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });
                return QlikDates.ParseQrsDate((string?)state?["lastRun"]);
            }
            catch (Exception error) when (error is IOException || error is JsonException || error is FormatException || error is UnauthorizedAccessException)
            {
                return null;
            }
        }

        public static void Save(string site, DateTime runUtc)
        {
            var path = PathFor(site);
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, new JObject { ["site"] = site, ["lastRun"] = QlikDates.ToQrsLiteral(runUtc) }.ToString());
        }
    }
}
