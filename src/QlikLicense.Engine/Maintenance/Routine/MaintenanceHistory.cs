using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// The maintenance history: one JSON line per run of the routine per site (<see cref="LicenseHistoryEntry"/>),
    /// appended, never rewritten. One file holds every site (a site is its server, port and prefix), so the runs of
    /// several sites, on worker threads or in two scheduled runs at once, append to it through
    /// <see cref="JsonLinesFile"/>, which keeps their lines whole and apart.
    /// </summary>
    public static class MaintenanceHistory
    {
        /// <summary>How many runs per site the report's trend chart draws.</summary>
        public const int ChartedRuns = 12;

        /// <summary>Beside the routine's state: QLIKLICENSE_DATA, else the account's local application data.</summary>
        public static string DefaultPath => Path.Combine(MaintenanceState.Folder, "history.jsonl");

        /// <summary>Whether two site names are the same site (host names are not case-sensitive).</summary>
        public static bool SameSite(string? one, string? other) => string.Equals(one, other, StringComparison.OrdinalIgnoreCase);

        /// <summary>Appends one run; an <see cref="OperationException"/> (HistoryNotWritable) when the file cannot be written.</summary>
        public static void Append(string path, LicenseHistoryEntry entry)
        {
            entry.Format = LicenseHistoryEntry.CurrentFormat;
            try
            {
                using (var file = new JsonLinesFile(path)) file.Append(entry);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is ArgumentException || error is NotSupportedException)
            {
                throw new OperationException(new OperationProblem(ProblemKind.HistoryNotWritable,
                    new IOException(MaintenanceMessages.History.NotWritable(path, error.Message), error), path));
            }
        }

        /// <summary>
        /// Adds a run to the history (unless -WhatIf held its changes back: a preview changes nothing, not even the
        /// history) and returns what the report charts: the site's earlier runs and this one.
        /// </summary>
        public static LicenseHistoryEntry[] Record(string path, MaintenanceReport report, IOperationHost host, CancellationToken cancellation)
        {
            report.HistoryPath = path;
            var entry = LicenseHistoryEntry.Of(report);
            var earlier = File.Exists(path) ? ReadSite(path, report.Site, host, cancellation) : Array.Empty<LicenseHistoryEntry>();
            if (!entry.Preview) Append(path, entry);
            return LastPerSite(earlier, ChartedRuns - 1).Append(entry).ToArray();
        }

        private static LicenseHistoryEntry[] ReadSite(string path, string? site, IOperationHost host, CancellationToken cancellation)
        {
            var problems = new List<JournalProblem>();
            try
            {
                var entries = Read(path, problems.Add, cancellation).Where(entry => SameSite(entry.Site, site)).ToArray();
                foreach (var problem in problems) host.Verbose(problem.ToString());
                if (problems.Count > 0) host.Warning(MaintenanceMessages.History.LinesSkipped(path, problems.Count));
                return entries;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw new OperationException(new OperationProblem(ProblemKind.HistoryNotReadable,
                    new IOException(MaintenanceMessages.History.NotReadable(path, error.Message), error), path));
            }
        }

        /// <summary>Reads a history in file order; lines that are not entries (corrupt, cut off mid-write, of a newer format) are reported and skipped.</summary>
        public static IEnumerable<LicenseHistoryEntry> Read(string path, Action<JournalProblem> onProblem, CancellationToken cancellation = default)
        {
            foreach (var (lineNumber, line) in JsonLinesFile.ReadLines(path, cancellation))
            {
                var problem = TryParse(line, out var entry);
                if (entry == null)
                {
                    onProblem?.Invoke(new JournalProblem(path, lineNumber, problem ?? MaintenanceMessages.History.NotAnEntry));
                    continue;
                }
                entry.HistoryPath = path;
                yield return entry;
            }
        }

        /// <summary>
        /// The runs of each site, site by site in the order they first appear, oldest first: the last
        /// <paramref name="count"/> of each, or all of them when it is null.
        /// </summary>
        public static IReadOnlyList<LicenseHistoryEntry> LastPerSite(IEnumerable<LicenseHistoryEntry> entries, int? count)
        {
            var sites = new Dictionary<string, List<LicenseHistoryEntry>>(StringComparer.OrdinalIgnoreCase);
            var order = new List<List<LicenseHistoryEntry>>();
            foreach (var entry in entries)
            {
                var site = entry.Site ?? string.Empty;
                if (!sites.TryGetValue(site, out var runs))
                {
                    sites[site] = runs = new List<LicenseHistoryEntry>();
                    order.Add(runs);
                }
                runs.Add(entry);
                // Keeps memory bounded however long the history is.
                if (count is int kept && runs.Count > 2 * kept) Trim(runs, kept);
            }
            // Without a count every run is kept (Trim still puts them in time order); not `count ?? runs.Count`, which Stryker
            // mutates to `runs.Sum`, a compile error it cannot place, dropping every mutant of the method.
            foreach (var runs in order) Trim(runs, count ?? int.MaxValue);
            return order.SelectMany(runs => runs).ToList();
        }

        /// <summary>Keeps the newest runs by time, oldest first: two runs at once may append out of time order.</summary>
        private static void Trim(List<LicenseHistoryEntry> runs, int count)
        {
            var newest = runs.OrderBy(run => run.Time).Skip(Math.Max(0, runs.Count - count)).ToList();
            runs.Clear();
            runs.AddRange(newest);
        }

        /// <returns>Null with the entry, or the problem with a null entry.</returns>
        private static string? TryParse(string line, out LicenseHistoryEntry? entry)
        {
            entry = null;
            try
            {
                var json = JObject.Parse(line);
                var format = (int?)json["format"] ?? 0;
                if (format > LicenseHistoryEntry.CurrentFormat) return MaintenanceMessages.History.NewerFormat(format);
                var parsed = json.ToObject<LicenseHistoryEntry>(JsonSerializer.Create(JsonLinesFile.Settings));
                if (parsed == null || format < 1 || string.IsNullOrEmpty(parsed.Site) || parsed.Time == default) return null;
                parsed.Seats = parsed.Seats ?? Array.Empty<LicenseHistorySeats>();
                entry = parsed;
                return null;
            }
            catch (Exception error) when (error is JsonException || error is ArgumentException || error is FormatException || error is OverflowException)
            {
                return MaintenanceMessages.Journal.InvalidJson(error.Message);
            }
        }
    }
}
