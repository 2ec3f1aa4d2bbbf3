using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// One period of analyzer capacity use by one person, as the site records it (/qrs/license/analyzertimeaccessusage):
    /// from its start to its stop, or to the latest activity while it runs.
    /// </summary>
    public sealed class AnalyzerCapacityUse
    {
        /// <summary>Qlik's help: capacity is consumed in units of six minutes, each one started counting whole.</summary>
        public const int UnitMinutes = 6;

        public Guid? UserKey { get; set; }
        public string? UserDirectory { get; set; }
        public string? UserId { get; set; }
        public string? UserName { get; set; }

        /// <summary>UTC.</summary>
        public DateTime Start { get; set; }

        /// <summary>UTC; null while the period runs.</summary>
        public DateTime? Stop { get; set; }

        /// <summary>UTC; null when the record does not say.</summary>
        public DateTime? LatestActivity { get; set; }

        /// <summary>When the period ended, or its latest activity while it runs.</summary>
        public DateTime End => Stop ?? LatestActivity ?? Start;

        /// <summary>
        /// The minutes the period consumed: its length in started six-minute units, at least one. How QRS's usage
        /// records map to consumed minutes is unconfirmed; the QMC's own figure is the overview's usedMinutes.
        /// </summary>
        public int Minutes
        {
            get
            {
                var length = Math.Max(0, (End - Start).TotalMinutes);
                return Math.Max(1, (int)Math.Ceiling(length / UnitMinutes - 1e-9)) * UnitMinutes;
            }
        }
    }
}
