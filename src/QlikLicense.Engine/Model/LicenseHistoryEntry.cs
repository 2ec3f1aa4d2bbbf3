using System;
using System.Linq;
using Newtonsoft.Json;

namespace QlikLicense.Model
{
    /// <summary>
    /// One run of the monthly routine on one site, as a line of the maintenance history (JSON lines): the figures the
    /// report's trend chart draws and Get-QlikLicenseHistory returns. Fields are only ever added; <see cref="Format"/>
    /// is raised when a field changes its meaning, and a reader skips lines of a format newer than it knows.
    /// </summary>
    public sealed class LicenseHistoryEntry
    {
        /// <summary>The format this module writes and the newest it reads.</summary>
        public const int CurrentFormat = 1;

        [JsonProperty("format")] public int Format { get; set; }

        /// <summary>When the run began (UTC).</summary>
        [JsonProperty("time")] public DateTime Time { get; set; }

        /// <summary>The site as journals name it: server, port and virtual proxy prefix, never a display name, so renaming a site keeps its history.</summary>
        [JsonProperty("site")] public string? Site { get; set; }

        [JsonProperty("moduleVersion")] public string? ModuleVersion { get; set; }

        /// <summary>Whether the License Monitor was operational; null when it could not be checked.</summary>
        [JsonProperty("licenseMonitorOperational")] public bool? LicenseMonitorOperational { get; set; }

        /// <summary>The seats per access type at the end of the run; empty when the summary could not be read.</summary>
        [JsonProperty("seats")] public LicenseHistorySeats[] Seats { get; set; } = Array.Empty<LicenseHistorySeats>();

        /// <summary>Allocations of inactive users found.</summary>
        [JsonProperty("toRelease")] public int ToRelease { get; set; }

        /// <summary>Allocations released (quarantined ones included).</summary>
        [JsonProperty("released")] public int Released { get; set; }

        /// <summary>Licenses allocated to denied users.</summary>
        [JsonProperty("allocated")] public int Allocated { get; set; }

        /// <summary>Users denied a license since the run before.</summary>
        [JsonProperty("deniedUsers")] public int DeniedUsers { get; set; }

        /// <summary>Changes made, whatever their outcome.</summary>
        [JsonProperty("changes")] public int Changes { get; set; }

        /// <summary>Steps that could not run.</summary>
        [JsonProperty("problems")] public int Problems { get; set; }

        /// <summary>True for the figures of a -WhatIf run, shown in its report but never written to the history.</summary>
        [JsonIgnore] public bool Preview { get; set; }

        /// <summary>The file this entry was read from.</summary>
        [JsonIgnore] public string? HistoryPath { get; set; }

        /// <summary>The seats of one access type; null when the run did not read them.</summary>
        public LicenseHistorySeats? SeatsOf(LicenseAccessType type) => Seats.FirstOrDefault(seats => seats.Type == type);

        /// <summary>The figures of a run, from its report.</summary>
        public static LicenseHistoryEntry Of(MaintenanceReport report) => new LicenseHistoryEntry
        {
            Format = CurrentFormat,
            Time = report.GeneratedAt,
            Site = report.Site,
            ModuleVersion = report.ModuleVersion,
            LicenseMonitorOperational = report.LicenseMonitor?.IsOperational,
            Seats = report.Summary.Select(LicenseHistorySeats.Of).ToArray(),
            ToRelease = report.Candidates.Length,
            Released = report.Changes.Count(change => change.Outcome == AllocationOutcome.Released || change.Outcome == AllocationOutcome.Quarantined),
            Allocated = report.Changes.Count(change => change.Outcome == AllocationOutcome.Allocated || change.Outcome == AllocationOutcome.Reinstated),
            DeniedUsers = report.Denials.Length,
            Changes = report.Changes.Length,
            Problems = report.Problems.Length,
            Preview = report.WhatIf,
        };

        public override string ToString() =>
            $"{Site} {QlikDates.ToQrsLiteral(Time)}: " + string.Join(", ", Seats.Select(seats => seats.ToString())) + $", {DeniedUsers} denied";
    }
}
