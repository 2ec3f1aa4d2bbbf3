using System;
using System.Collections.Generic;
using QlikLicense.Model;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>What the monthly routine does on each site of a run: the criteria, the window, and which changes it may make.</summary>
    public sealed class MaintenanceOptions
    {
        public InactiveCriteria Criteria { get; set; } = new InactiveCriteria();

        public TimeSpan MaximumAge { get; set; } = LicenseMonitorStatus.DefaultMaximumAge;

        /// <summary>Denials since this instant (UTC); null: since the last run, or <see cref="MaintenanceRoutine.FirstRunDenialWindow"/>.</summary>
        public DateTime? DeniedSinceUtc { get; set; }

        /// <summary>Log files or folders (file-system paths) of the sites; null for the site's archived logs and this node's logs. A tenant reads its audit events whatever this says.</summary>
        public IReadOnlyList<string>? LogPaths { get; set; }

        /// <summary>True for a denied DIRECTORY\userid that is left out.</summary>
        public Func<string, string, bool>? ExcludeDenied { get; set; }

        /// <summary>Release the allocations found.</summary>
        public bool Remove { get; set; }

        public int MaximumCount { get; set; } = 100;

        /// <summary>Allocate this access type to the denied users the site knows and who are not inactive; null for none.</summary>
        public LicenseAccessType? AllocateDenied { get; set; }

        /// <summary>What an Analyzer seat costs in analyzer capacity minutes a month; null: no seat is suggested for capacity spenders.</summary>
        public int? AnalyzerSeatMinutes { get; set; }

        /// <summary>The journal the user chose for the changes (a file-system path); null for the site's journal.</summary>
        public string? JournalPath { get; set; }

        /// <summary>The maintenance history (a file-system path) each run's figures are appended to.</summary>
        public string HistoryPath { get; set; } = MaintenanceHistory.DefaultPath;

        /// <summary>True when -WhatIf holds every change back: the run is then neither remembered as the last one nor added to the history.</summary>
        public bool WhatIf { get; set; }
    }
}
